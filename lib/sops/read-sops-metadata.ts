import { isEncryptedValue, parseEncryptedValue } from './core/cipher';
import { shouldBeEncrypted } from './core/encryption-rule';
import { SopsFormat } from './stores/format';
import { SopsMetadata } from './core/metadata';
import { SOPS_KEY, compileFileRule, loadEncrypted } from './load-and-seal';
import { readDocuments } from './stores/store';
import { mapLeaves } from './core/tree-walk';

/** Reading a sops file without any key: is it encrypted, for whom, and which values are encrypted. */

/** One master key a file is encrypted for. */
export interface SopsRecipientInfo {
  /** The key group (0-based). */
  readonly group: number;
  /** `age`, `pgp`, or a key service this library cannot use (`kms`, `gcp_kms`, `azure_kv`, `hc_vault`, `hckms`). */
  readonly type: string;
  /** The age recipient or PGP fingerprint; for other kinds, their key identifier when there is one. */
  readonly id: string;
}

/** One value of the file, with its encryption state. */
export interface SopsValueInfo {
  /** The document (0-based). */
  readonly document: number;
  /** Readable path with list indices: `stringData.password`, `list[1]`. */
  readonly path: string;
  /** The mapping keys from the root (the value's additional data is `keys.join(':') + ':'`). */
  readonly keys: readonly string[];
  /** The file's rule says this value is encrypted (empty strings are never encrypted). */
  readonly expectEncrypted: boolean;
  /** The value is an `ENC[...]` value (as is a plaintext value that itself reads `ENC[AES256_GCM,...]`). */
  readonly encrypted: boolean;
  /** The `type:` of an encrypted value (`str`, `int`, ...). */
  readonly encryptedType?: string;
}

/** What {@link readSopsMetadata} finds. */
export interface SopsFileInfo {
  readonly metadata: SopsMetadata;
  readonly recipients: readonly SopsRecipientInfo[];
  /** Every non-null value in document order (comments excluded). */
  readonly values: readonly SopsValueInfo[];
}

/** Options of {@link readSopsMetadata}. */
export interface ReadSopsMetadataOptions {
  /** The file's name, for error messages. @default "sops file" */
  readonly fileName?: string;
}

function idOf(raw: Readonly<Record<string, unknown>>): string {
  for (const key of ['arn', 'resource_id', 'vault_address', 'vault_url', 'key_id']) {
    if (typeof raw[key] === 'string') {
      return raw[key];
    }
  }
  return '';
}

/**
 * Parses a sops file's metadata and lists its recipients and values, without decrypting anything. Throws
 * `SopsError` `not-encrypted` when the file has no sops metadata, `parse` or `metadata` when it is malformed.
 */
export function readSopsMetadata(
  text: string,
  format: SopsFormat,
  options: ReadSopsMetadataOptions = {},
): SopsFileInfo {
  const { documents, metadata } = loadEncrypted(text, format, options.fileName);
  const rule = compileFileRule(metadata.encryptionRule, 'metadata', options.fileName);
  const recipients = metadata.keyGroups.flatMap((group, i) =>
    group.map((stanza): SopsRecipientInfo => {
      switch (stanza.type) {
        case 'age':
          return { group: i, type: 'age', id: stanza.recipient };
        case 'pgp':
          return { group: i, type: 'pgp', id: stanza.fp };
        default:
          return { group: i, type: stanza.type, id: idOf(stanza.raw) };
      }
    }),
  );
  const values: SopsValueInfo[] = [];
  documents.forEach((doc, document) =>
    mapLeaves(doc, (leaf, ctx) => {
      if (leaf.type !== 'comment' && leaf.type !== 'null') {
        const encrypted = leaf.type === 'str' && isEncryptedValue(leaf.value);
        let encryptedType: string | undefined;
        if (encrypted) {
          try {
            encryptedType = parseEncryptedValue(leaf.value).type;
          } catch {
            encryptedType = undefined;
          }
        }
        const empty = leaf.type === 'str' && leaf.value === '';
        values.push({
          document,
          path: ctx.location,
          keys: ctx.path,
          expectEncrypted: !empty && shouldBeEncrypted(rule, ctx.path, ctx.comments, false),
          encrypted,
          encryptedType,
        });
      }
      return leaf;
    }),
  );
  return { metadata, recipients, values };
}

/** True when the text parses and its first document has a top-level `sops` mapping. Never throws. */
export function isSopsEncrypted(text: string, format: SopsFormat): boolean {
  try {
    const [first] = readDocuments(text, format);
    return (first?.items ?? []).some((i) => i.type === 'entry' && i.key === SOPS_KEY && i.value.type === 'map');
  } catch {
    return false;
  }
}
