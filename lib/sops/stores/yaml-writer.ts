import { formatYamlFloat } from '../go/float';
import { SopsComment, SopsList, SopsMap, SopsScalar, SopsValue } from '../core/tree';
import { bytesToTextStrict } from '../core/value-codec';
import { ScalarStyle, doubleQuoted, isSimpleKey, singleQuoted, stringStyle } from './yaml-scalar-style';

/**
 * Writes sops documents as YAML the way sops 3.13 does: the tree becomes yaml.v3 nodes with head, line and foot
 * comments (`stores/yaml/store.go:appendTreeBranch`/`appendSequence`), then those nodes are laid out with yaml.v3's
 * emitter rules: block style, indentation 4 (`- ` items indented under their key, the first key of a mapping item on
 * the dash line), flow `{}`/`[]` only for empty collections, documents separated by `---`.
 */

interface Comments {
  head?: string;
  line?: string;
  foot?: string;
}

type Node =
  | { kind: 'string'; value: string; comments: Comments }
  | { kind: 'fixed'; text: string; tag?: string; comments: Comments }
  | { kind: 'map'; pairs: { key: Node & { kind: 'string' }; value: Node }[]; comments: Comments }
  | { kind: 'seq'; items: Node[]; comments: Comments };

function joinComments(lines: readonly string[]): string {
  return lines.map((l) => `#${l}`).join('\n');
}

function addHead(node: Node, lines: readonly string[]): void {
  if (lines.length) {
    const text = joinComments(lines);
    node.comments.head = node.comments.head ? `${text}\n${node.comments.head}` : text;
  }
}

function addAfter(node: Node, field: 'line' | 'foot', lines: readonly string[]): void {
  if (lines.length) {
    const text = joinComments(lines);
    node.comments[field] = node.comments[field] ? `${node.comments[field]}\n${text}` : text;
  }
}

function scalarNode(value: SopsScalar): Node {
  switch (value.type) {
    case 'str':
      return { kind: 'string', value: value.value, comments: {} };
    case 'int':
      return { kind: 'fixed', text: value.value.toString(), comments: {} };
    case 'float':
      return { kind: 'fixed', text: formatYamlFloat(value.value), comments: {} };
    case 'bool':
      return { kind: 'fixed', text: String(value.value), comments: {} };
    case 'time':
      return { kind: 'fixed', text: value.value, comments: {} };
    case 'null':
      return { kind: 'fixed', text: 'null', comments: {} };
    case 'bytes': {
      const text = bytesToTextStrict(value.value);
      return text !== undefined
        ? { kind: 'string', value: text, comments: {} }
        : { kind: 'fixed', text: Buffer.from(value.value).toString('base64'), tag: '!!binary', comments: {} };
    }
  }
}

function toNode(value: SopsValue): Node {
  if (value.type === 'map') {
    return mapNode(value);
  }
  if (value.type === 'list') {
    return seqNode(value);
  }
  return scalarNode(value);
}

/** Where the comments around one entry of a map or list go: before it, on its line, and after the last entry. */
interface EntryNodes {
  readonly head: Node;
  readonly line: Node;
  readonly foot: Node;
}

/**
 * Hands the comments among the items of a map or list to nodes as yaml.v3 holds them: those before the first entry
 * head the collection, those before a later entry head that entry, an inline one is on the line of the entry before
 * it, and what follows the last entry is its foot (the collection's head when there is no entry).
 */
function placeComments<T>(
  collection: Node,
  items: readonly (T | SopsComment)[],
  entryNodes: (item: T) => EntryNodes,
): void {
  let head: string[] = [];
  let inline: string[] = [];
  let last: EntryNodes | undefined;
  for (const item of items) {
    if (isComment(item)) {
      (item.inline ? inline : head).push(item.value);
      continue;
    }
    if (last === undefined) {
      addHead(collection, head);
      head = [];
    }
    last = entryNodes(item);
    addHead(last.head, head);
    addAfter(last.line, 'line', inline);
    head = [];
    inline = [];
  }
  const rest = [...head, ...inline];
  if (last === undefined) {
    addHead(collection, rest);
  } else {
    addAfter(last.foot, 'foot', rest);
  }
}

function isComment<T>(item: T | SopsComment): item is SopsComment {
  return (item as Partial<SopsComment>).type === 'comment';
}

function mapNode(source: SopsMap): Node {
  const node: Node & { kind: 'map' } = { kind: 'map', pairs: [], comments: {} };
  placeComments(node, source.items, (item) => {
    const key: Node & { kind: 'string' } = { kind: 'string', value: item.key, comments: {} };
    const value = toNode(item.value);
    node.pairs.push({ key, value });
    return { head: key, line: value, foot: key };
  });
  return node;
}

function seqNode(source: SopsList): Node {
  const node: Node & { kind: 'seq' } = { kind: 'seq', items: [], comments: {} };
  placeComments(node, source.items, (item) => {
    const child = toNode(item);
    node.items.push(child);
    return { head: child, line: child, foot: child };
  });
  return node;
}

/** The emitter state of yaml.v3 that decides spacing, line breaks and indentation. */
class Emitter {
  public out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private footIndent = -1;
  private openEnded = false;
  private pending: Comments & { tail?: string } = {};

  constructor(private readonly best: number) {}

  private put(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    if (this.footIndent === indent) {
      this.putBreak();
    }
    if (this.column < indent) {
      this.put(' '.repeat(indent - this.column));
    }
    this.whitespace = true;
    this.footIndent = -1;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) {
      this.put(' ');
    }
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  private writeComment(text: string): void {
    let breaks = false;
    for (const line of text.split('\n')) {
      if (breaks) {
        this.writeIndent();
      }
      this.put(line);
      this.indention = false;
      this.putBreak();
      breaks = true;
    }
    this.whitespace = true;
  }

  private increaseIndent(flow: boolean, inSequenceItem: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) {
      this.indent = flow ? this.best : 0;
    } else if (inSequenceItem) {
      // The first indent inside a sequence item just skips the "- " indicator.
      this.indent += 2;
    } else {
      this.indent = this.best * Math.floor((this.indent + this.best) / this.best);
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private take(comments: Comments, tail?: string): void {
    if (comments.head) this.pending.head = comments.head;
    if (comments.line) this.pending.line = comments.line;
    if (comments.foot) this.pending.foot = comments.foot;
    if (tail) this.pending.tail = tail;
  }

  private processHeadComment(): void {
    if (this.pending.tail) {
      this.writeIndent();
      this.writeComment(this.pending.tail);
      this.pending.tail = undefined;
      this.footIndent = Math.max(this.indent, 0);
    }
    if (this.pending.head) {
      this.writeIndent();
      this.writeComment(this.pending.head);
      this.pending.head = undefined;
    }
  }

  private processLineComment(lineBreak = false): void {
    if (!this.pending.line) {
      if (lineBreak) {
        this.putBreak();
      }
      return;
    }
    if (!this.whitespace) {
      this.put(' ');
    }
    this.writeComment(this.pending.line);
    this.pending.line = undefined;
  }

  private processFootComment(): void {
    if (!this.pending.foot) {
      return;
    }
    this.writeIndent();
    this.writeComment(this.pending.foot);
    this.pending.foot = undefined;
    this.footIndent = Math.max(this.indent, 0);
  }

  /** Emits a whole stream of documents (each a top-level mapping). */
  public stream(documents: readonly Node[]): string {
    documents.forEach((doc, i) => {
      if (i > 0) {
        this.writeIndent();
        this.writeIndicator('---', true, false, false);
        // yaml.v3 always starts the document content on the next line.
        this.writeIndent();
      }
      this.take(doc.comments);
      if (doc.kind === 'map' && doc.pairs.length > 0) {
        this.blockMapping(doc, false);
      } else {
        this.processHeadComment();
        this.writeIndicator('{}', true, false, false);
      }
      this.footIndent = 0;
      this.processFootComment();
      this.footIndent = -1;
      this.writeIndent();
    });
    if (this.openEnded) {
      this.put('...\n');
    }
    return this.out;
  }

  private blockMapping(node: Node & { kind: 'map' }, inSequenceItem: boolean): void {
    this.increaseIndent(false, inSequenceItem);
    let tail: string | undefined;
    for (const { key, value } of node.pairs) {
      this.take({ head: key.comments.head }, tail);
      tail = key.comments.foot;
      this.processHeadComment();
      this.writeIndent();
      const tag = key.value === '<<' ? '!!merge' : '';
      if (isSimpleKey(key.value, tag)) {
        this.scalar(key, { simpleKey: true, inSequenceItem: false });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalar(key, { simpleKey: false, inSequenceItem: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.value(value, false);
    }
    this.take({}, tail);
    this.processHeadComment();
    this.popIndent();
  }

  private blockSequence(node: Node & { kind: 'seq' }, inSequenceItem: boolean): void {
    this.increaseIndent(false, inSequenceItem);
    for (const item of node.items) {
      const collection = item.kind === 'map' || item.kind === 'seq';
      this.take(collection ? { head: item.comments.head, line: item.comments.line } : item.comments);
      this.processHeadComment();
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.value(item, true, collection ? item.comments.foot : undefined);
    }
    this.popIndent();
  }

  /** A mapping value or sequence item; `foot` is a collection item's foot comment, written after its content. */
  private value(node: Node, inSequenceItem: boolean, foot?: string): void {
    if (!inSequenceItem) {
      this.take(node.comments);
    }
    if (node.kind === 'map' && node.pairs.length > 0) {
      this.processLineComment();
      this.blockMapping(node, inSequenceItem);
    } else if (node.kind === 'seq' && node.items.length > 0) {
      this.processLineComment();
      this.blockSequence(node, inSequenceItem);
    } else if (node.kind === 'map' || node.kind === 'seq') {
      // Comments of an empty collection have nowhere to go: they stay pending for the next item.
      this.writeIndicator(node.kind === 'map' ? '{' : '[', true, true, false);
      this.writeIndicator(node.kind === 'map' ? '}' : ']', false, false, false);
      this.processLineComment();
    } else {
      this.scalar(node, { simpleKey: false, inSequenceItem });
      this.processLineComment();
    }
    if (foot) {
      this.pending.foot = foot;
    }
    this.processFootComment();
  }

  private scalar(
    node: Node & { kind: 'string' | 'fixed' },
    context: { simpleKey: boolean; inSequenceItem: boolean },
  ): void {
    let style: ScalarStyle = 'plain';
    let text: string;
    let tag = node.kind === 'fixed' ? node.tag : undefined;
    if (node.kind === 'string') {
      style = stringStyle(node.value, context.simpleKey);
      text = node.value;
      if (style === 'plain' && text === '<<') {
        // yaml.v3 reads a plain `<<` as a merge key, and so writes it back with its tag.
        tag = '!!merge';
      }
    } else {
      text = node.text;
    }
    if (tag) {
      if (!this.whitespace) {
        this.put(' ');
      }
      this.put(tag);
      this.whitespace = false;
      this.indention = false;
    }
    const outer = Math.max(this.indent, 0);
    this.increaseIndent(true, context.inSequenceItem);
    switch (style) {
      case 'plain':
        if (text.length > 0 && !this.whitespace) {
          this.put(' ');
        }
        this.put(text);
        break;
      case 'single':
        this.writeIndicator("'", true, false, false);
        this.put(singleQuoted(text).slice(1));
        break;
      case 'double':
        this.writeIndicator('"', true, false, false);
        this.put(doubleQuoted(text).slice(1));
        break;
      case 'literal':
        this.literal(text, this.indent - outer);
        break;
    }
    if (style !== 'literal') {
      this.whitespace = false;
      this.indention = false;
    }
    this.popIndent();
  }

  private literal(text: string, relativeIndent: number): void {
    let hints = '|';
    if (text.startsWith(' ') || text.startsWith('\n')) {
      // yaml.v3 always writes its indentation step here, which is wrong inside sequences; the real offset reads back.
      hints += String(relativeIndent);
    }
    let keep = false;
    if (!text.endsWith('\n')) {
      hints += '-';
    } else if (text === '\n' || text.endsWith('\n\n')) {
      hints += '+';
      keep = true;
    }
    this.writeIndicator(hints, true, false, false);
    this.openEnded = keep;
    this.processLineComment(true);
    this.whitespace = true;
    let breaks = true;
    for (const line of text.split(/(?<=\n)/)) {
      const body = line.endsWith('\n') ? line.slice(0, -1) : line;
      if (body) {
        if (breaks) {
          this.writeIndent();
        }
        this.put(body);
        this.indention = false;
        breaks = false;
      }
      if (line.endsWith('\n')) {
        this.putBreak();
        breaks = true;
      }
    }
  }
}

/** Serializes documents as sops writes YAML (`indent` spaces per level, default 4), ending with a newline. */
export function writeYamlDocuments(documents: readonly SopsMap[], indent = 4): string {
  return new Emitter(indent).stream(documents.map(mapNode));
}
