import { formatFloatF, parseGoFloat } from '../go/float';
import { canonicalRfc3339Nano } from '../go/time';
import { SopsScalar } from './tree';

/**
 * The bytes sops encrypts for a value and feeds to the MAC (`sops.go:ToBytes`, `aes/cipher.go:Encrypt`), and the
 * reverse: turning decrypted bytes back into a typed value from the `type:` tag (`aes/cipher.go:Decrypt`).
 */

/** The `type:` tag of an encrypted value. `int64` is only read (older sops wrote it). */
export type ValueTypeTag = 'str' | 'int' | 'int64' | 'float' | 'bool' | 'time' | 'bytes' | 'comment';

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The plaintext bytes of a non-null leaf, as Go's `ToBytes`: `True`/`False`, floats without exponent, etc. */
export function scalarToBytes(leaf: Exclude<SopsScalar, { type: 'null' }>): Uint8Array {
  switch (leaf.type) {
    case 'str':
      return utf8.encode(leaf.value);
    case 'int':
      return utf8.encode(leaf.value.toString());
    case 'float':
      return utf8.encode(formatFloatF(leaf.value));
    case 'bool':
      return utf8.encode(leaf.value ? 'True' : 'False');
    case 'time':
      return utf8.encode(leaf.value);
    case 'bytes':
      return leaf.value;
  }
}

/** Encodes a comment's text. */
export function textToBytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** Decodes UTF-8 bytes, replacing invalid sequences as Go's string conversion shows them. */
export function bytesToText(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes UTF-8 bytes, or undefined when they are not valid UTF-8. */
export function bytesToTextStrict(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go `strconv.Atoi` / `ParseInt(s, 10, 64)`. */
function parseDecimalInt(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) {
    return undefined;
  }
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

/** Go `strconv.ParseBool`. */
function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) {
    return true;
  }
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) {
    return false;
  }
  return undefined;
}

/** A decrypted value: a typed leaf, or the text of a comment. */
export type DecodedValue =
  { readonly kind: 'scalar'; readonly scalar: SopsScalar } | { readonly kind: 'comment'; readonly text: string };

/**
 * Turns decrypted bytes into a value of the type named by the `type:` tag. Throws an Error naming only the type
 * (never the plaintext) when the bytes do not parse as that type.
 */
export function decodeValue(type: string, bytes: Uint8Array): DecodedValue {
  const text = bytesToText(bytes);
  const valid = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the decrypted value is not a valid ${type}`);
    return value;
  };
  switch (type) {
    case 'str':
      return { kind: 'scalar', scalar: { type: 'str', value: text } };
    case 'int':
    case 'int64': {
      const value = valid(parseDecimalInt(text));
      return { kind: 'scalar', scalar: { type: 'int', value } };
    }
    case 'float': {
      const value = valid(parseGoFloat(text));
      return { kind: 'scalar', scalar: { type: 'float', value } };
    }
    case 'bool': {
      const value = valid(parseGoBool(text));
      return { kind: 'scalar', scalar: { type: 'bool', value } };
    }
    case 'time': {
      const value = valid(canonicalRfc3339Nano(text));
      return { kind: 'scalar', scalar: { type: 'time', value } };
    }
    case 'bytes':
      return { kind: 'scalar', scalar: { type: 'bytes', value: bytes } };
    case 'comment':
      return { kind: 'comment', text };
    default:
      throw new Error(`unknown value type "${type.slice(0, 20)}"`);
  }
}
