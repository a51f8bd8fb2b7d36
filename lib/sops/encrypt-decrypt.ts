import { IvStash } from './core/cipher';
import { generateDataKey, unwrapDataKey, wrapDataKey } from './core/data-key';
import { DEFAULT_ENCRYPTION_RULE, EncryptionRule } from './core/encryption-rule';
import { SopsFormat } from './stores/format';
import { KeyUnwrapper, Recipient } from './keys/master-key';
import { SOPS_FORMAT_VERSION, SopsMetadata } from './core/metadata';
import { compileFileRule, decryptLoaded, loadEncrypted, seal } from './load-and-seal';
import { readDocuments, writeDocuments } from './stores/store';

/**
 * Encrypting and decrypting whole sops files, compatible with sops 3.x (written in the sops 3.13 layout).
 *
 * @example
 *   const encrypted = await encryptSopsFile('password: s3cr3t\n', { format: 'yaml', keyGroups: [[ageRecipient]] });
 *   const { plaintext } = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers: [ageIdentities] });
 */

/** Options of {@link decryptSopsFile}. */
export interface DecryptSopsFileOptions {
  /** The store of the file (see `detectFormat`). */
  readonly format: SopsFormat;
  /** Key sources to recover the data key with; each is asked for each master key stanza, age keys first. */
  readonly unwrappers: readonly KeyUnwrapper[];
  /** The file's name, for error messages. @default "sops file" */
  readonly fileName?: string;
}

/** The result of decrypting a file with its data key. */
export interface DecryptedDocument {
  /** The plaintext as `sops decrypt` prints it (YAML with 4-space indentation, or tab-indented JSON). */
  readonly plaintext: string;
  /** The file's metadata. */
  readonly metadata: SopsMetadata;
  /** Non-fatal findings, such as comments older sops versions left unencrypted. Never contain plaintext. */
  readonly warnings: readonly string[];
}

/** The result of {@link decryptSopsFile}. */
export interface DecryptedSopsFile extends DecryptedDocument {
  /** The recovered data key, for re-encrypting an edited plaintext with {@link editSopsFile}. */
  readonly dataKey: Uint8Array;
}

/**
 * Decrypts a sops file: recovers the data key with the given key sources, decrypts every value, and verifies the
 * MAC. Throws {@link SopsError} when the key cannot be recovered, a value fails authentication (naming its path), or
 * the MAC is missing or does not match.
 */
export async function decryptSopsFile(text: string, options: DecryptSopsFileOptions): Promise<DecryptedSopsFile> {
  const loaded = loadEncrypted(text, options.format, options.fileName);
  const dataKey = await unwrapDataKey(loaded.metadata, options.unwrappers, options.fileName);
  const { documents, warnings } = decryptLoaded(loaded, dataKey, options.fileName);
  return { plaintext: writeDocuments(documents, options.format), dataKey, metadata: loaded.metadata, warnings };
}

/** Options of {@link decryptWithDataKey}. */
export interface DecryptWithDataKeyOptions {
  /** The file's name, for error messages. @default "sops file" */
  readonly fileName?: string;
}

/**
 * Decrypts a sops file with its data key directly (no key sources), verifying the MAC. The lower layer of
 * {@link decryptSopsFile}.
 */
export function decryptWithDataKey(
  text: string,
  format: SopsFormat,
  dataKey: Uint8Array,
  options: DecryptWithDataKeyOptions = {},
): DecryptedDocument {
  const loaded = loadEncrypted(text, format, options.fileName);
  const { documents, warnings } = decryptLoaded(loaded, dataKey, options.fileName);
  return { plaintext: writeDocuments(documents, format), metadata: loaded.metadata, warnings };
}

/** Options of {@link encryptSopsFile}. */
export interface EncryptSopsFileOptions {
  /** The store of the file (see `detectFormat`). */
  readonly format: SopsFormat;
  /**
   * Which values to encrypt, e.g. `{ kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' }` for
   * Secrets (the `encryptionRule` of a `.sops.yaml` creation rule can be passed as it is).
   * @default sops' default, `unencrypted_suffix: _unencrypted`
   */
  readonly encryptionRule?: EncryptionRule;
  /** Key groups: every recipient of a group can decrypt; with several groups, the data key is split between them. */
  readonly keyGroups: readonly (readonly Recipient[])[];
  /** With several key groups, how many are needed to decrypt. @default - all groups */
  readonly shamirThreshold?: number;
  /** Cover only encrypted values with the MAC (sops `mac_only_encrypted`). @default false */
  readonly macOnlyEncrypted?: boolean;
  /** Reuse this data key instead of drawing a new one. @default - a fresh random key */
  readonly dataKey?: Uint8Array;
  /** The time written as `lastmodified`. @default - now */
  readonly now?: Date;
  /** The file's name, for error messages. @default "sops file" */
  readonly fileName?: string;
}

/**
 * Encrypts a plaintext YAML or JSON file into a sops file (sops 3.13 layout): wraps the data key for every
 * recipient, encrypts the values the rule selects, and adds the MAC and metadata.
 */
export async function encryptSopsFile(plaintext: string, options: EncryptSopsFileOptions): Promise<string> {
  const rule = compileFileRule(options.encryptionRule ?? DEFAULT_ENCRYPTION_RULE, 'invalid-options', options.fileName);
  const documents = readDocuments(plaintext, options.format, options.fileName);
  const dataKey = options.dataKey ?? generateDataKey();
  const wrapped = await wrapDataKey(dataKey, options.keyGroups, options.shamirThreshold);
  return seal(documents, {
    format: options.format,
    dataKey,
    keyGroups: wrapped.keyGroups,
    shamirThreshold: wrapped.shamirThreshold,
    rule,
    macOnlyEncrypted: options.macOnlyEncrypted ?? false,
    version: SOPS_FORMAT_VERSION,
    now: options.now ?? new Date(),
    file: options.fileName,
  });
}

/** Options of {@link editSopsFile}. */
export interface EditSopsFileOptions {
  /** The store of the file. */
  readonly format: SopsFormat;
  /** The file's data key (from {@link decryptSopsFile}). */
  readonly dataKey: Uint8Array;
  /** The time written as `lastmodified`. @default - now */
  readonly now?: Date;
  /** The file's name, for error messages. @default "sops file" */
  readonly fileName?: string;
}

/**
 * Re-encrypts an edited plaintext into an existing sops file, as `sops edit` does: same data key, master keys and
 * rules; unchanged values keep their exact ciphertext, so a diff shows only what changed. The original file is
 * decrypted first, so its MAC must verify.
 */
export function editSopsFile(encrypted: string, newPlaintext: string, options: EditSopsFileOptions): string {
  const loaded = loadEncrypted(encrypted, options.format, options.fileName);
  const stash = new IvStash();
  decryptLoaded(loaded, options.dataKey, options.fileName, stash);
  const { metadata } = loaded;
  return seal(readDocuments(newPlaintext, options.format, options.fileName), {
    format: options.format,
    dataKey: options.dataKey,
    keyGroups: metadata.keyGroups,
    shamirThreshold: metadata.shamirThreshold,
    rule: compileFileRule(metadata.encryptionRule, 'metadata', options.fileName),
    macOnlyEncrypted: metadata.macOnlyEncrypted,
    version: SOPS_FORMAT_VERSION,
    now: options.now ?? new Date(),
    stash,
    file: options.fileName,
  });
}
