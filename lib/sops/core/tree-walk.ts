import { SopsComment, SopsLeaf, SopsList, SopsMap, SopsScalar, SopsValue } from './tree';

/**
 * The leaf walk sops does to encrypt, decrypt and authenticate a document (`sops.go:walkBranch`/`walkSlice`), in
 * document order. Null values are never visited. Comments are visited as leaves of the collection holding them.
 */

/** Where a visited leaf is. */
export interface LeafContext {
  /** Mapping keys from the document root: the additional data of the value is `path.join(':') + ':'`. */
  readonly path: readonly string[];
  /** Comments active at each enclosing level (see `shouldBeEncrypted`); a visited comment is the last one. */
  readonly comments: readonly (readonly string[])[];
  /** A readable location with list indices, for messages: `stringData.password`, `list[1]`; `''` at the top level. */
  readonly location: string;
}

/** Called for every non-null leaf; returns the leaf to put in its place. */
export type LeafVisitor = (leaf: SopsLeaf, context: LeafContext) => SopsLeaf;

function locate(base: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${base}[${key}]`;
  }
  const part = /^[^.[\]\s]+$/.test(key) ? key : JSON.stringify(key);
  return base ? `${base}.${part}` : part;
}

function walkValue(
  value: SopsValue,
  path: readonly string[],
  stack: readonly (readonly string[])[],
  location: string,
  visit: LeafVisitor,
): SopsValue {
  switch (value.type) {
    case 'map':
      return walkMap(value, path, stack, location, visit);
    case 'list':
      return walkList(value, path, stack, location, visit);
    case 'null':
      return value;
    default:
      return visit(value, { path, comments: stack, location }) as SopsScalar;
  }
}

function walkMap(
  node: SopsMap,
  path: readonly string[],
  stack: readonly (readonly string[])[],
  location: string,
  visit: LeafVisitor,
): SopsMap {
  let level: string[] = [];
  const items = node.items.map((item) => {
    if (item.type === 'comment') {
      level = [...level, item.value];
      return visit(item, { path, comments: [...stack, level], location }) as SopsComment;
    }
    const child = walkValue(item.value, [...path, item.key], [...stack, level], locate(location, item.key), visit);
    level = [];
    return child === item.value ? item : { ...item, value: child };
  });
  return { type: 'map', items };
}

function walkList(
  node: SopsList,
  path: readonly string[],
  stack: readonly (readonly string[])[],
  location: string,
  visit: LeafVisitor,
): SopsList {
  let level: string[] = [];
  let index = 0;
  const items = node.items.map((item) => {
    if (item.type === 'comment') {
      level = [...level, item.value];
      return visit(item, { path, comments: [...stack, level], location });
    }
    const child = walkValue(item, path, [...stack, level], locate(location, index++), visit);
    level = [];
    return child;
  });
  return { type: 'list', items };
}

/** Walks one document (a top-level mapping) and rebuilds it from the visitor's results. */
export function mapLeaves(document: SopsMap, visit: LeafVisitor): SopsMap {
  return walkMap(document, [], [], '', visit);
}

/** The additional data sops binds to a value: its mapping keys joined by `:`, with a trailing `:`. */
export function additionalData(path: readonly string[]): string {
  return `${path.join(':')}:`;
}
