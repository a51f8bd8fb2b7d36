import { Composer, Document, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { SopsError } from '../errors';
import { SopsComment, SopsEntry, SopsList, SopsMap, SopsScalar, SopsValue } from '../core/tree';
import { bytesToTextStrict } from '../core/value-codec';
import { placeComments, CommentSite, ContainerSite, EntrySite } from './yaml-comments';
import { describeYamlError } from './yaml-error-text';
import { resolvePlain, toScalar } from './yaml-resolve';

/**
 * Reads YAML into sops documents as sops 3.13 does (`stores/yaml/store.go:LoadPlainFile`): one mapping per document,
 * keys in order, scalars typed by yaml.v3's rules, aliases expanded, every comment line kept as an item of the
 * collection that holds it. Parsing is done by the `yaml` package; comment positions come from its CST.
 */

const RESOLVABLE_TAGS: Record<string, string> = {
  '!!bool': 'bool',
  '!!int': 'int',
  '!!float': 'float',
  '!!null': 'null',
  '!!timestamp': 'timestamp',
};

type Built =
  | { readonly type: 'scalar'; readonly scalar: SopsScalar }
  | { readonly type: 'container'; readonly site: ContainerSite<Built> }
  | { readonly type: 'alias'; readonly target: YamlNode; readonly offset: number };

class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n') {
        this.starts.push(i + 1);
      }
    }
  }

  public position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo + 1, column: offset - this.starts[lo] };
  }

  public hasTextBefore(offset: number): boolean {
    const { line } = this.position(offset);
    return this.text.slice(this.starts[line - 1], offset).trim() !== '';
  }
}

function normalizeTag(tag: string | undefined): string {
  if (!tag || tag === '!') {
    return '';
  }
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * How deep collections may nest. yaml.v3 stops at 10,000 levels; the `yaml` package composes recursively and runs out
 * of stack before that, so the limit is lower: far deeper than any manifest, and reported as an error, not a crash.
 */
const MAX_YAML_DEPTH = 1000;

/** The CST token types that open a collection. */
const COLLECTION_TOKENS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Collects the comment tokens of a CST token and checks how deep its collections nest, without recursion (a deep
 * document must not exhaust the stack here either).
 *
 * @returns the offset of a collection nested deeper than {@link MAX_YAML_DEPTH}, if there is one
 */
function scanToken(token: unknown, out: { offset: number; source: string }[]): number | undefined {
  const stack: { token: unknown; depth: number }[] = [{ token, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token: current, depth } = next;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ token: current[i], depth });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const t = current as Record<string, unknown>;
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      out.push({ offset: t.offset, source: t.source });
      continue;
    }
    const inner = COLLECTION_TOKENS.has(t.type as string) ? depth + 1 : depth;
    if (inner > MAX_YAML_DEPTH) return typeof t.offset === 'number' ? t.offset : 0;
    for (const key of ['props', 'items', 'end', 'value', 'sep', 'key', 'start']) {
      if (key in t) stack.push({ token: t[key], depth: inner });
    }
  }
  return undefined;
}

class DocumentReader {
  private readonly entries: EntrySite<Built>[] = [];
  /** The collection each YAML node became, for aliases. */
  private readonly sites = new Map<YamlNode, ContainerSite<Built>>();
  /** Values produced so far, and how many of them came from expanding an alias (yaml.v3's alias-bomb rule). */
  private decoded = 0;
  private fromAliases = 0;
  private aliasDepth = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineIndex,
    private readonly file: string | undefined,
  ) {}

  private error(code: 'parse' | 'unsupported', offset: number, problem: string, fix: string): SopsError {
    const { line, column } = this.lines.position(offset);
    return new SopsError({ code, file: this.file, problem: `${problem} (line ${line}, column ${column + 1})`, fix });
  }

  private scalar(node: Scalar): SopsScalar {
    const tag = normalizeTag(node.tag);
    const text = typeof node.source === 'string' ? node.source : typeof node.value === 'string' ? node.value : '';
    const offset = node.range?.[0] ?? 0;
    if (tag === '!!str' || (tag === '' && node.type !== 'PLAIN')) {
      return { type: 'str', value: text };
    }
    if (tag === '!!binary') {
      const decoded = bytesToTextStrict(Buffer.from(text.replace(/\s/g, ''), 'base64'));
      if (decoded === undefined) {
        throw this.error(
          'unsupported',
          offset,
          'a !!binary value is not UTF-8 text',
          'store binary data as a base64 string',
        );
      }
      return { type: 'str', value: decoded };
    }
    if (tag !== '' && !(tag in RESOLVABLE_TAGS)) {
      // yaml.v3 keeps the text of scalars with tags it does not resolve (custom tags, !!merge).
      return { type: 'str', value: text };
    }
    const resolved = resolvePlain(text);
    const expected = RESOLVABLE_TAGS[tag];
    if (expected === 'float' && resolved.tag === 'int') {
      return { type: 'float', value: Number(resolved.value) };
    }
    if (expected !== undefined && expected !== resolved.tag) {
      throw this.error('parse', offset, `a value tagged ${tag} is not a valid ${expected}`, `fix the value or its tag`);
    }
    const scalar = toScalar(resolved);
    if (scalar === undefined) {
      throw this.error('unsupported', offset, 'an integer is larger than int64', 'quote it to store it as a string');
    }
    return scalar;
  }

  private key(node: YamlNode | null, pairOffset: number): string {
    let target: YamlNode | null | undefined = node;
    if (target && isAlias(target)) {
      target = target.resolve(this.doc);
    }
    if (target && isScalar(target)) {
      const scalar = this.scalar(target);
      if (scalar.type === 'str') {
        return scalar.value;
      }
    }
    throw this.error('unsupported', node?.range?.[0] ?? pairOffset, 'a mapping key is not a string', 'quote the key');
  }

  private value(node: YamlNode | null, parent: ContainerSite<Built>, depth: number): Built {
    if (node === null || node === undefined) {
      return { type: 'scalar', scalar: { type: 'null' } };
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        throw this.error('parse', node.range?.[0] ?? 0, 'an alias has no anchor before it', 'define the anchor first');
      }
      return { type: 'alias', target, offset: node.range?.[0] ?? 0 };
    }
    if (isScalar(node)) {
      return { type: 'scalar', scalar: this.scalar(node) };
    }
    if (isMap(node)) {
      return { type: 'container', site: this.mapping(node, parent, depth) };
    }
    if (isSeq(node)) {
      return { type: 'container', site: this.sequence(node, parent, depth) };
    }
    throw this.error('parse', 0, 'unsupported YAML node', 'simplify the document');
  }

  private site(
    kind: 'map' | 'list',
    flow: boolean,
    parent: ContainerSite<Built> | undefined,
    depth: number,
  ): ContainerSite<Built> {
    return { kind, flow, parent, parentEntry: parent?.lastEntry, depth, indent: 0, items: [] };
  }

  private register(
    site: ContainerSite<Built>,
    head: number,
    scalarLike: boolean,
    valueStart: number | undefined,
  ): EntrySite<Built> {
    const { line, column } = this.lines.position(head);
    const entry: EntrySite<Built> = { head, line, container: site, inlineCapable: scalarLike, valueStart };
    if (site.items.every((i) => i.kind === 'comment')) {
      site.indent = column;
    }
    site.lastEntry = entry;
    if (!site.flow) {
      this.entries.push(entry);
    }
    return entry;
  }

  public mapping(node: YAMLMap, parent: ContainerSite<Built> | undefined, depth: number): ContainerSite<Built> {
    const site = this.site('map', Boolean(node.flow), parent, depth);
    this.sites.set(node, site);
    const starts = this.keyStartOffsets(node);
    // checked here with a set: the yaml package's own check compares each key with all before it (quadratic)
    const keys = new Set<string>();
    node.items.forEach((pair, i) => {
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      const keyOffset = keyNode?.range?.[0] ?? valueNode?.range?.[0] ?? node.range?.[0] ?? 0;
      const head = Math.min(keyOffset, starts[i] ?? Infinity);
      const key = this.key(keyNode, head);
      if (keys.has(key)) {
        throw this.error('parse', head, 'a mapping key appears twice', 'keep one of the two entries');
      }
      keys.add(key);
      const scalarLike = !valueNode || isScalar(valueNode) || isAlias(valueNode);
      const entry = this.register(site, head, scalarLike, scalarLike ? valueNode?.range?.[0] : undefined);
      const value = this.value(valueNode, site, depth + 1);
      site.items.push({ kind: 'entry', order: head, key, value, site: entry });
    });
    return site;
  }

  /**
   * Where each item of a block mapping starts when that is before its key's scalar: at a tag or anchor of the key
   * (`!!merge <<: …`, as sops writes merge keys) or at the `?` of an explicit key. A comment above such a key must
   * count as before it, not inside it.
   */
  private keyStartOffsets(node: YAMLMap): (number | undefined)[] {
    const token = node.srcToken as
      { type?: string; items?: { start: { type: string; offset: number }[] }[] } | undefined;
    if (token?.type !== 'block-map' || !token.items || token.items.length !== node.items.length) {
      return [];
    }
    return token.items.map(
      (item) =>
        item.start.find((t) => t.type === 'anchor' || t.type === 'tag' || t.type === 'explicit-key-ind')?.offset,
    );
  }

  public sequence(node: YAMLSeq, parent: ContainerSite<Built> | undefined, depth: number): ContainerSite<Built> {
    const site = this.site('list', Boolean(node.flow), parent, depth);
    this.sites.set(node, site);
    const dashes = this.dashOffsets(node);
    node.items.forEach((item, i) => {
      const itemNode = item as YamlNode | null;
      const head = dashes[i] ?? itemNode?.range?.[0] ?? node.range?.[0] ?? 0;
      const entry = this.register(site, head, true, undefined);
      const value = this.value(itemNode, site, depth + 1);
      site.items.push({ kind: 'value', order: head, value, site: entry });
    });
    return site;
  }

  private dashOffsets(node: YAMLSeq): (number | undefined)[] {
    const token = node.srcToken as
      { type?: string; items?: { start: { type: string; offset: number }[] }[] } | undefined;
    if (token?.type !== 'block-seq' || !token.items) {
      return [];
    }
    return token.items
      .map((item) => item.start.find((t) => t.type === 'seq-item-ind')?.offset)
      .filter((offset): offset is number => offset !== undefined);
  }

  public read(comments: readonly { offset: number; source: string }[]): SopsMap {
    const contents = this.doc.contents as YamlNode | null;
    let root: ContainerSite<Built>;
    if (contents && isMap(contents)) {
      root = this.mapping(contents, undefined, 0);
    } else if (contents && isSeq(contents)) {
      throw this.error('parse', contents.range?.[0] ?? 0, 'the document is a list', 'sops needs a mapping at the top');
    } else if (contents && isScalar(contents) && this.scalar(contents).type !== 'null') {
      throw this.error('parse', contents.range?.[0] ?? 0, 'the document is a single value', 'sops needs a mapping');
    } else {
      root = this.site('map', false, undefined, 0);
    }
    const sites: CommentSite[] = comments.map((c) => {
      const { line, column } = this.lines.position(c.offset);
      return {
        offset: c.offset,
        line,
        column,
        inline: this.lines.hasTextBefore(c.offset),
        text: c.source.slice(1).replace(/\r$/, ''),
      };
    });
    placeComments(root, this.entries, sites);
    return this.finish(root, new Set()) as SopsMap;
  }

  private finish(site: ContainerSite<Built>, visiting: Set<ContainerSite<Built>>): SopsMap | SopsList {
    if (visiting.has(site)) {
      throw this.error(
        'parse',
        site.lastEntry?.head ?? 0,
        'an alias refers to a collection that contains it',
        'remove the cycle',
      );
    }
    visiting.add(site);
    const ordered = [...site.items].sort((a, b) => a.order - b.order);
    const items = ordered.map((item): SopsEntry | SopsValue | SopsComment => {
      if (item.kind === 'comment') {
        return item.comment;
      }
      const value = this.finishValue(item.value, visiting);
      return item.kind === 'entry' ? { type: 'entry', key: item.key, value } : value;
    });
    visiting.delete(site);
    return site.kind === 'map'
      ? { type: 'map', items: items as (SopsEntry | SopsComment)[] }
      : { type: 'list', items: items as (SopsValue | SopsComment)[] };
  }

  /**
   * Counts one produced value and refuses excessive aliasing as yaml.v3 does (`decode.go:allowedAliasRatio`): past
   * 100 alias-made and 1,000 values in all, at most 99% may come from aliases up to 400,000 values, sliding down to 10%
   * at 4,000,000. A 2 KB file of nested aliases (9 levels of 9) would otherwise expand to 9^9 values.
   */
  private countDecoded(offset: number): void {
    this.decoded++;
    if (this.aliasDepth > 0) this.fromAliases++;
    if (this.fromAliases <= 100 || this.decoded <= 1000) return;
    const low = 400_000;
    const high = 4_000_000;
    const allowed =
      this.decoded <= low ? 0.99 : this.decoded >= high ? 0.1 : 0.99 - (0.89 * (this.decoded - low)) / (high - low);
    if (this.fromAliases / this.decoded > allowed) {
      throw this.error(
        'parse',
        offset,
        'the document contains excessive aliasing',
        'write the values out instead of aliases',
      );
    }
  }

  private finishValue(value: Built, visiting: Set<ContainerSite<Built>>): SopsValue {
    this.countDecoded(value.type === 'alias' ? value.offset : 0);
    switch (value.type) {
      case 'scalar':
        return value.scalar;
      case 'container':
        return this.finish(value.site, visiting);
      case 'alias': {
        const target = value.target;
        if (isScalar(target)) {
          return this.scalar(target);
        }
        const site = this.sites.get(target);
        if (!site) {
          throw this.error(
            'parse',
            value.offset,
            'an alias refers to a node that is not defined before it',
            'move the anchor',
          );
        }
        this.aliasDepth++;
        try {
          return this.finish(site, visiting);
        } finally {
          this.aliasDepth--;
        }
      }
    }
  }
}

/**
 * Parses YAML text into sops documents. Throws {@link SopsError} (`parse` or `unsupported`) with a line number; the
 * message never quotes the text.
 */
export function readYamlDocuments(text: string, file?: string): SopsMap[] {
  const parser = new Parser();
  const composer = new Composer({ schema: 'failsafe', keepSourceTokens: true, prettyErrors: false, uniqueKeys: false });
  const comments: { offset: number; source: string }[] = [];
  const docs: Document.Parsed[] = [];
  const lines = new LineIndex(text);
  for (const token of parser.parse(text)) {
    const tooDeep = scanToken(token, comments);
    if (tooDeep !== undefined) {
      const { line, column } = lines.position(tooDeep);
      throw new SopsError({
        code: 'parse',
        file,
        problem: `the document nests deeper than ${MAX_YAML_DEPTH} levels (line ${line}, column ${column + 1})`,
        fix: 'flatten the document',
      });
    }
    docs.push(...composer.next(token));
  }
  docs.push(...composer.end());
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const { line, column } = lines.position(error.pos[0]);
      throw new SopsError({
        code: 'parse',
        file,
        // the yaml package's messages quote the source text: only the position and the kind of error are shown
        problem: `invalid YAML at line ${line}, column ${column + 1}: ${describeYamlError(error.code)}`,
        fix: 'fix the YAML syntax',
      });
    }
  }
  return docs.map((doc, i) => {
    const start = i === 0 ? -Infinity : (doc.range?.[0] ?? 0);
    const end = i + 1 < docs.length ? (docs[i + 1].range?.[0] ?? Infinity) : Infinity;
    const reader = new DocumentReader(doc, lines, file);
    return reader.read(comments.filter((c) => c.offset >= start && c.offset < end));
  });
}
