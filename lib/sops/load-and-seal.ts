import { IvStash, ValueCipherError, openValue, sealValue } from './core/cipher';
import { CompiledRule, EncryptionRule, compileRule } from './core/encryption-rule';
import { SopsError } from './errors';
import { SopsFormat } from './stores/format';
import { formatLastModified, normalizeRfc3339 } from './go/time';
import { MasterKeyStanza } from './keys/master-key';
import { SopsMetadata, metadataToTree, parseMetadata } from './core/metadata';
import { Re2SyntaxError } from './go/re2';
import { readDocuments, writeDocuments } from './stores/store';
import { SopsMap, SopsValue, entry, map } from './core/tree';
import { decryptDocuments, encryptDocuments } from './core/tree-crypt';
import { bytesToText } from './core/value-codec';

/** The steps shared by every operation on an encrypted file: load, check the MAC, seal and write. */

/** The metadata key every sops file carries. */
export const SOPS_KEY = 'sops';

/** An encrypted file split into its documents (without the `sops` key) and its metadata. */
export interface LoadedSopsFile {
  readonly documents: SopsMap[];
  readonly metadata: SopsMetadata;
}

/** Parses an encrypted file; throws {@link SopsError} `not-encrypted` when it has no `sops` metadata. */
export function loadEncrypted(text: string, format: SopsFormat, file?: string): LoadedSopsFile {
  const documents = readDocuments(text, format, file);
  const found = (documents[0]?.items ?? []).filter(
    (i): i is { type: 'entry'; key: string; value: SopsValue } => i.type === 'entry' && i.key === SOPS_KEY,
  );
  if (found.length === 0) {
    throw new SopsError({
      code: 'not-encrypted',
      file,
      problem: 'the file has no sops metadata, so it is not encrypted with sops',
      fix: 'encrypt it with sops (or encryptSopsFile) before committing it',
    });
  }
  if (found.length > 1) {
    throw new SopsError({ code: 'metadata', file, problem: 'the file has two sops entries', fix: 'keep one' });
  }
  const metadata = parseMetadata(found[0].value, file);
  // Only the first document's metadata counts; sops drops the copies in the other documents.
  const stripped = documents.map((doc) => map(doc.items.filter((i) => !(i.type === 'entry' && i.key === SOPS_KEY))));
  return { documents: stripped, metadata };
}

/** Compiles an encryption rule, reporting an unusable regex as a {@link SopsError}. */
export function compileFileRule(
  rule: EncryptionRule,
  code: 'metadata' | 'invalid-options',
  file?: string,
): CompiledRule {
  try {
    return compileRule(rule);
  } catch (e) {
    if (e instanceof Re2SyntaxError) {
      throw new SopsError({ code, file, problem: e.message, fix: e.fix });
    }
    throw e;
  }
}

/** Checks a data key's length before any AES operation. */
function checkDataKey(dataKey: Uint8Array, file?: string): void {
  if (![16, 24, 32].includes(dataKey.length)) {
    throw new SopsError({
      code: 'invalid-options',
      file,
      problem: `the data key has ${dataKey.length} bytes`,
      fix: 'pass the 32-byte data key of the file',
    });
  }
}

/** Decrypts the MAC and compares it with the MAC computed over the decrypted values. */
function verifyMac(
  metadata: SopsMetadata,
  computed: string,
  dataKey: Uint8Array,
  file?: string,
  stash?: IvStash,
): void {
  if (!metadata.mac) {
    throw new SopsError({
      code: 'no-mac',
      file,
      problem: 'the file has no MAC (sops.mac is missing), so its values cannot be authenticated',
      fix: 'restore sops.mac from version control, or re-encrypt the file from its plaintext',
    });
  }
  const aad = normalizeRfc3339(metadata.lastModified)!;
  let stored: string;
  try {
    const opened = openValue(metadata.mac, dataKey, aad);
    stored = bytesToText(opened.plaintext);
    stash?.remember(opened.type, opened.plaintext, aad, opened.iv);
  } catch (e) {
    const detail =
      e instanceof ValueCipherError && e.reason === 'auth' ? 'AES-GCM authentication failed' : (e as Error).message;
    throw new SopsError({
      code: 'mac-decrypt',
      file,
      problem: `cannot decrypt the MAC (sops.mac): ${detail}`,
      fix: 'sops.mac or sops.lastmodified was changed, or the data key is wrong; restore the file from version control',
    });
  }
  if (stored !== computed) {
    throw new SopsError({
      code: 'mac-mismatch',
      file,
      problem: 'MAC mismatch: the values do not match the MAC recorded when the file was encrypted',
      fix: 'a value was changed, added, removed or reordered without sops; restore the file or re-encrypt it from its plaintext',
    });
  }
}

/** Decrypts the documents of a loaded file and verifies the MAC. */
export function decryptLoaded(
  loaded: LoadedSopsFile,
  dataKey: Uint8Array,
  file?: string,
  stash?: IvStash,
): { readonly documents: SopsMap[]; readonly warnings: string[] } {
  checkDataKey(dataKey, file);
  const rule = compileFileRule(loaded.metadata.encryptionRule, 'metadata', file);
  const result = decryptDocuments(loaded.documents, {
    dataKey,
    rule,
    macOnlyEncrypted: loaded.metadata.macOnlyEncrypted,
    stash,
    file,
  });
  verifyMac(loaded.metadata, result.mac, dataKey, file, stash);
  return { documents: result.documents, warnings: result.warnings.map((w) => w.message) };
}

/** What is needed to encrypt documents into a sops file. */
export interface SealOptions {
  readonly format: SopsFormat;
  readonly dataKey: Uint8Array;
  readonly keyGroups: readonly (readonly MasterKeyStanza[])[];
  readonly shamirThreshold: number;
  readonly rule: CompiledRule;
  readonly macOnlyEncrypted: boolean;
  readonly version: string;
  readonly now: Date;
  readonly stash?: IvStash;
  readonly file?: string;
}

/** Refuses plaintext that already carries a top-level `sops` key (it is encrypted already, or would clash). */
function checkPlaintext(documents: readonly SopsMap[], file?: string): void {
  if (documents.length === 0) {
    throw new SopsError({ code: 'parse', file, problem: 'the file has no document', fix: 'add at least one mapping' });
  }
  if (documents.some((doc) => doc.items.some((i) => i.type === 'entry' && i.key === SOPS_KEY))) {
    throw new SopsError({
      code: 'unsupported',
      file,
      problem: 'the plaintext has a top-level "sops" key, which is reserved for sops metadata',
      fix: 'decrypt the file first if it is already encrypted, or rename the key',
    });
  }
}

/** Encrypts documents, computes and encrypts the MAC, appends the metadata to every document and writes the file. */
export function seal(documents: readonly SopsMap[], options: SealOptions): string {
  checkDataKey(options.dataKey, options.file);
  checkPlaintext(documents, options.file);
  const encrypted = encryptDocuments(documents, {
    dataKey: options.dataKey,
    rule: options.rule,
    macOnlyEncrypted: options.macOnlyEncrypted,
    stash: options.stash,
    file: options.file,
  });
  const lastModified = formatLastModified(options.now);
  const macBytes = Buffer.from(encrypted.mac, 'utf8');
  const mac = sealValue(
    macBytes,
    'str',
    options.dataKey,
    lastModified,
    options.stash?.lookup('str', macBytes, lastModified),
  );
  const metadata: SopsMetadata = {
    keyGroups: options.keyGroups,
    shamirThreshold: options.shamirThreshold,
    lastModified,
    mac,
    encryptionRule: options.rule.rule,
    macOnlyEncrypted: options.macOnlyEncrypted,
    version: options.version,
  };
  return writeEncrypted(encrypted.documents, metadata, options.format);
}

/** Writes already-encrypted documents with their metadata appended to each. */
export function writeEncrypted(documents: readonly SopsMap[], metadata: SopsMetadata, format: SopsFormat): string {
  const tree = metadataToTree(metadata);
  return writeDocuments(
    documents.map((doc) => map([...doc.items, entry(SOPS_KEY, tree)])),
    format,
  );
}
