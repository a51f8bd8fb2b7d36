import * as fs from 'fs';
import * as path from 'path';
import { Document, LineCounter, Node, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { Issue } from '../errors';

/** How well one document of a file holds an issue's field. */
interface Match {
  /** The field is there in full (not only a parent of it). */
  readonly full: boolean;
  /** The value at the field is the issue's value. */
  readonly sameValue: boolean;
  /** The issue's value names the document's object (`Kind/namespace/<its name>`). */
  readonly namesObject: boolean;
  /** How many characters of the field path were found. */
  readonly depth: number;
  /** The offset in the text where the deepest part found starts. */
  readonly offset: number;
}

const better = (a: Match, b: Match): boolean =>
  a.full !== b.full
    ? a.full
    : a.sameValue !== b.sameValue
      ? a.sameValue
      : a.namesObject !== b.namesObject
        ? a.namesObject
        : a.depth > b.depth;

/**
 * Follows a dotted field path (`spec.sourceRef.name`, `spec.dependsOn[1]`, `configMapGenerator[0].files[2]`) into a
 * document's nodes as far as it goes, up to the parent of a missing field. Keys may hold dots (`metadata.annotations.fluxcd.io/x`): the longest key that
 * the rest of the path starts with is taken.
 */
function follow(document: Document.Parsed, field: string, value: string | undefined): Match | undefined {
  let node: unknown = document.contents;
  let rest = field;
  let depth = 0;
  let offset: number | undefined;
  while (rest !== '') {
    let next: { node: unknown; offset: number; length: number } | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const fits = key !== undefined && (rest === key || rest.startsWith(`${key}.`) || rest.startsWith(`${key}[`));
        if (fits && (next === undefined || key.length > next.length)) {
          next = { node: pair.value, offset: (pair.key as Node).range?.[0] ?? 0, length: key.length };
        }
      }
    } else if (isSeq(node)) {
      const index = /^\[(\d+)\]/.exec(rest);
      const item: unknown = index === null ? undefined : node.items[Number(index[1])];
      if (index !== null && item !== undefined) {
        next = { node: item, offset: (item as Node).range?.[0] ?? 0, length: index[0].length };
      }
    }
    if (next === undefined) break;
    node = next.node;
    offset = next.offset;
    depth += next.length;
    rest = rest.slice(next.length).replace(/^\./, '');
  }
  // a field missing below a parent that is there is reported at the parent; one further away is not in this document
  // (a parent Kustomization's patch sets it, or it belongs to another document)
  const oneMissing = !rest.includes('.') && !rest.slice(1).includes('[');
  if (offset === undefined || !oneMissing) return undefined;
  const name: unknown = (() => {
    const metadata = isMap(document.contents) ? document.contents.get('metadata') : undefined;
    return isMap(metadata) ? metadata.get('name') : undefined;
  })();
  return {
    full: rest === '',
    sameValue: rest === '' && isScalar(node) && value !== undefined && String(node.value) === value,
    namesObject: typeof name === 'string' && value !== undefined && value.endsWith(`/${name}`),
    depth,
    offset,
  };
}

/**
 * Finds the lines of issues in the files of a tree (1-based), for editors and pull-request annotations: the line of
 * the field at fault, or of its parent when the field is missing. The
 * document of a file that holds the field, holds the issue's value there, or is the object the value names, is taken
 * first. Files are read once each.
 */
export class FieldLines {
  private readonly files = new Map<string, { documents: Document.Parsed[]; lines: LineCounter } | undefined>();

  /** @param root the folder the issues' files are relative to */
  constructor(private readonly root: string) {}

  /** The line of an issue in its file, or undefined when it has no file or the field is nowhere in it. */
  public lineOf(issue: Issue): number | undefined {
    if (issue.file === undefined) return undefined;
    if (issue.field === 'yaml') {
      const line = /^line (\d+)$/.exec(issue.value ?? '');
      return line === null ? undefined : Number(line[1]);
    }
    const parsed = this.read(issue.file);
    if (parsed === undefined) return undefined;
    let best: Match | undefined;
    for (const document of parsed.documents) {
      const match = follow(document, issue.field, issue.value);
      if (match !== undefined && (best === undefined || better(match, best))) best = match;
    }
    return best === undefined ? undefined : parsed.lines.linePos(best.offset).line;
  }

  private read(file: string): { documents: Document.Parsed[]; lines: LineCounter } | undefined {
    if (this.files.has(file)) return this.files.get(file);
    const full = path.join(this.root, ...file.split('/'));
    let parsed: { documents: Document.Parsed[]; lines: LineCounter } | undefined;
    if (fs.statSync(full, { throwIfNoEntry: false })?.isFile() === true) {
      const lines = new LineCounter();
      parsed = { documents: [...parseAllDocuments(fs.readFileSync(full, 'utf8'), { lineCounter: lines })], lines };
    }
    this.files.set(file, parsed);
    return parsed;
  }
}
