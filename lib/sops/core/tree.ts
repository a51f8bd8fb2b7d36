/**
 * The in-memory form of a sops document: ordered mappings and lists whose leaves carry the Go type sops gives them
 * (the type decides the `type:` tag of an encrypted value and the bytes fed to the MAC). Comments are items of the
 * collection that holds them, in document order, as sops keeps them.
 */

/** A scalar leaf, typed as Go's yaml.v3 decodes it (or as the JSON store does: every number is a float). */
export type SopsScalar =
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  /** A YAML timestamp, kept as its canonical RFC 3339 text (Go's `time.Time.MarshalText`). */
  | { readonly type: 'time'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'null' };

/** One comment line: the text after `#`. `inline` marks a comment that followed a value on its line. */
export interface SopsComment {
  readonly type: 'comment';
  readonly value: string;
  readonly inline: boolean;
}

/** A key and its value inside a mapping. */
export interface SopsEntry {
  readonly type: 'entry';
  readonly key: string;
  readonly value: SopsValue;
}

/** An ordered mapping; duplicate keys are possible (the JSON store keeps them). */
export interface SopsMap {
  readonly type: 'map';
  readonly items: readonly (SopsEntry | SopsComment)[];
}

/** An ordered list. */
export interface SopsList {
  readonly type: 'list';
  readonly items: readonly (SopsValue | SopsComment)[];
}

/** Any node of a sops tree except a comment. */
export type SopsValue = SopsScalar | SopsMap | SopsList;

/** A leaf the tree walk visits. */
export type SopsLeaf = SopsScalar | SopsComment;

/** Builds a string leaf. */
export function str(value: string): SopsScalar {
  return { type: 'str', value };
}

/** Builds a comment item. */
export function comment(value: string, inline = false): SopsComment {
  return { type: 'comment', value, inline };
}

/** Builds a mapping entry. */
export function entry(key: string, value: SopsValue): SopsEntry {
  return { type: 'entry', key, value };
}

/** Builds a mapping. */
export function map(items: readonly (SopsEntry | SopsComment)[]): SopsMap {
  return { type: 'map', items };
}

/** Builds a list. */
export function list(items: readonly (SopsValue | SopsComment)[]): SopsList {
  return { type: 'list', items };
}

/** The null leaf. */
export const NULL: SopsScalar = { type: 'null' };
