import {
  Document,
  DocumentOptions,
  ParseOptions,
  Scalar,
  SchemaOptions,
  YAMLMap,
  isMap,
  isScalar,
  parse,
  parseAllDocuments,
} from 'yaml';
import { fail } from '../errors';
import { detectFormat } from '../sops/stores/format';
import { FlagSpec, ParsedFlags, UsageError } from './parse-flags';

/**
 * Every scalar is read as the text it is written as (YAML's failsafe schema), so re-writing a document changes no
 * value's type; `!!binary` holds a value that is not text.
 */
const READ_AS_TEXT: ParseOptions & DocumentOptions & SchemaOptions = { schema: 'failsafe', customTags: ['binary'] };

/** `--decode` of `secret decrypt` and `secret edit`. */
export const DECODE_FLAG: FlagSpec = { name: 'decode', kind: 'boolean' };

/**
 * Whether `--decode` was given.
 *
 * @throws UsageError when it was given for a file that is not YAML
 */
export function wantsDecode(flags: ParsedFlags, file: string): boolean {
  if (!flags.values.has(DECODE_FLAG.name)) return false;
  if (detectFormat(file) !== 'yaml') throw new UsageError(`--decode works on YAML files only, and ${file} is JSON`);
  return true;
}

/** A Secret's plaintext with its `data` values shown decoded, and the way back. */
export interface DecodedSecretData {
  /** The plaintext with the `data` values of every Secret decoded from base64 (binary ones as `!!binary`). */
  readonly text: string;
  /**
   * The plaintext again from an edited {@link text}: every `data` value base64-encoded; a value left as it was shown
   * keeps its original encoding byte for byte.
   *
   * @throws FluxValidationError when the edited text is not YAML or a `data` value is not a text (the value is
   *   never shown)
   */
  encode(edited: string): string;
}

function documentsOf(text: string, file: string): Document[] {
  const docs = parseAllDocuments(text, READ_AS_TEXT);
  const all = Array.isArray(docs) ? docs : [];
  for (const doc of all) {
    const error = doc.errors[0];
    if (error !== undefined) {
      // yaml's own message quotes the text around the error, which may be a secret value
      fail({
        file,
        field: `line ${error.linePos?.[0].line ?? '?'}`,
        message: 'is not valid YAML',
        fix: 'correct the YAML and try again',
      });
    }
  }
  return all;
}

/** The `data` map of a Secret document, if it has one. */
function secretData(doc: Document): YAMLMap | undefined {
  if (doc.get('kind') !== 'Secret') return undefined;
  const data = doc.get('data', true);
  return isMap(data) ? data : undefined;
}

function keyOf(node: unknown): string {
  return isScalar(node) ? String(node.value) : String(node);
}

/** Text that is safe to show as a YAML string: valid UTF-8 without control characters other than tab and newline. */
function asText(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  const isText = Buffer.from(text, 'utf8').equals(bytes) && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text);
  return isText ? text : undefined;
}

function documentsText(docs: readonly Document[]): string {
  return docs.map((doc) => doc.toString()).join('');
}

/**
 * Decodes the `data` values of every Secret in `plaintext` (a decrypted YAML file), so they can be read and edited as
 * text; {@link DecodedSecretData.encode} encodes them back.
 *
 * @param file the file's name, for messages
 */
export function decodeSecretData(plaintext: string, file: string): DecodedSecretData {
  const docs = documentsOf(plaintext, file);
  // what each value was shown as, and its original base64, by document index and key
  const shown = new Map<string, { readonly decoded: Buffer; readonly base64: string }>();
  docs.forEach((doc, index) => {
    const data = secretData(doc);
    for (const pair of data?.items ?? []) {
      if (!isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
      const base64 = pair.value.value;
      const decoded = Buffer.from(base64.replace(/[\r\n]/g, ''), 'base64');
      shown.set(`${index}\u0000${keyOf(pair.key)}`, { decoded, base64 });
      const text = asText(decoded);
      if (text === undefined) {
        pair.value = doc.createNode(new Uint8Array(decoded), { tag: '!!binary' });
        continue;
      }
      const scalar = new Scalar(text);
      if (text.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
      pair.value = scalar;
    }
  });
  const text = documentsText(docs);

  const encode = (edited: string): string => {
    const editedDocs = documentsOf(edited, file);
    editedDocs.forEach((doc, index) => {
      const data = secretData(doc);
      for (const pair of data?.items ?? []) {
        const key = keyOf(pair.key);
        if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
        if (!isScalar(pair.value)) {
          fail({
            file,
            field: `data.${key}`,
            message: 'is not a text (the value is not shown)',
            fix: 'write the value as a YAML string, or as !!binary followed by its base64',
          });
        }
        const value = pair.value.value;
        const bytes = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value), 'utf8');
        const before = shown.get(`${index}\u0000${key}`);
        const base64 = before !== undefined && before.decoded.equals(bytes) ? before.base64 : bytes.toString('base64');
        const scalar = new Scalar(base64);
        // a base64 text such as 1234 would otherwise be read back as a number
        if (typeof parse(base64) !== 'string') scalar.type = Scalar.QUOTE_DOUBLE;
        pair.value = scalar;
      }
    });
    return documentsText(editedDocs);
  };
  return { text, encode };
}
