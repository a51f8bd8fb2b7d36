import { parseGoFloat } from '../go/float';
import { parseYamlTimestamp } from '../go/time';
import { SopsScalar } from '../core/tree';

/**
 * How Go's yaml.v3 resolves a plain scalar when decoding into `interface{}`, which is what sops does. This is neither
 * the YAML 1.2 core schema nor YAML 1.1: `yes`/`no`/`on`/`off` are strings, `010` is octal 8, `08` is the float 8,
 * `2024-01-01` is a timestamp. The same rules tell the writer which strings need quotes.
 */

/** The tags yaml.v3 can resolve a scalar to. */
export type ResolvedTag = 'str' | 'bool' | 'null' | 'int' | 'uint' | 'float' | 'timestamp' | 'merge';

/** A resolved plain scalar; `uint` marks an integer above int64, which sops refuses to encrypt. */
export type Resolved =
  | { readonly tag: 'str'; readonly value: string }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'null' }
  | { readonly tag: 'int' | 'uint'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp'; readonly value: string };

const EXACT = new Map<string, Resolved>();
for (const s of ['true', 'True', 'TRUE']) EXACT.set(s, { tag: 'bool', value: true });
for (const s of ['false', 'False', 'FALSE']) EXACT.set(s, { tag: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) EXACT.set(s, { tag: 'null' });
for (const s of ['.nan', '.NaN', '.NAN']) EXACT.set(s, { tag: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) EXACT.set(s, { tag: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) EXACT.set(s, { tag: 'float', value: -Infinity });

// First characters for which yaml.v3 looks further (its resolve table); any other first character means a string.
const MAP_HINTS = new Set('yYnNtTfFoO~');
const NUMBER_HINTS = new Set('+-0123456789');

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go `strconv.ParseInt(s, 0, 64)` / `ParseUint(s, 0, 64)` on text without underscores. */
function parseGoInteger(text: string): Resolved | undefined {
  const m = /^([+-]?)(0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) {
    return undefined;
  }
  const body = m[2];
  let magnitude: bigint;
  if (/^0[bBoOxX]/.test(body)) {
    magnitude = BigInt(`0${body[1].toLowerCase()}${body.slice(2)}`);
  } else if (body.length > 1 && body.startsWith('0')) {
    magnitude = BigInt(`0o${body.slice(1)}`);
  } else {
    magnitude = BigInt(body);
  }
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) {
    return { tag: 'int', value };
  }
  // ParseUint takes no sign at all.
  if (m[1] === '' && value <= UINT64_MAX) {
    return { tag: 'uint', value };
  }
  return undefined;
}

/** Resolves the text of a plain (unquoted, untagged) YAML scalar as yaml.v3 does. */
export function resolvePlain(text: string): Resolved {
  const first = text === '' ? 'N' : text[0];
  if (MAP_HINTS.has(first) || NUMBER_HINTS.has(first) || first === '.' || first === 'N') {
    const exact = EXACT.get(text);
    if (exact) {
      return exact;
    }
  }
  if (first === '.') {
    const value = parseGoFloat(text);
    if (value !== undefined && /^\.\d/.test(text)) {
      return { tag: 'float', value };
    }
  } else if (NUMBER_HINTS.has(first)) {
    const timestamp = parseYamlTimestamp(text);
    if (timestamp !== undefined) {
      return { tag: 'timestamp', value: timestamp };
    }
    const plain = text.replace(/_/g, '');
    const integer = parseGoInteger(plain);
    if (integer) {
      return integer;
    }
    if (YAML_STYLE_FLOAT.test(plain)) {
      const value = Number(plain);
      if (Number.isFinite(value)) {
        return { tag: 'float', value };
      }
    }
  }
  return { tag: 'str', value: text };
}

/** The tag yaml.v3 gives a plain scalar, without building its value. Strings `<<` resolve to `str`. */
export function resolvedTag(text: string): ResolvedTag {
  return resolvePlain(text).tag;
}

/** yaml.v3 also quotes the YAML 1.1 booleans, which it reads as strings. */
export function isOldBool(text: string): boolean {
  return /^(y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/.test(text);
}

/** yaml.v3 also quotes YAML 1.1 sexagesimal numbers (`1:20`). */
export function isBase60Float(text: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}

/** Converts a resolved scalar to a tree leaf, or undefined for an integer sops cannot hold (beyond int64). */
export function toScalar(resolved: Resolved): SopsScalar | undefined {
  switch (resolved.tag) {
    case 'str':
      return { type: 'str', value: resolved.value };
    case 'bool':
      return { type: 'bool', value: resolved.value };
    case 'null':
      return { type: 'null' };
    case 'int':
      return { type: 'int', value: resolved.value };
    case 'uint':
      return undefined;
    case 'float':
      return { type: 'float', value: resolved.value };
    case 'timestamp':
      return { type: 'time', value: resolved.value };
  }
}
