import { isPlainObject } from './base/plain-object';
import { ValueCipherError, parseEncryptedValue } from './core/cipher';

/** What a parsed YAML/JSON document says about its SOPS encryption, without any key. */
export interface EncryptedDocumentInfo {
  /** The document has a `sops` metadata block. */
  readonly isSops: boolean;
  /** Age recipients the data key is wrapped for (every key group). */
  readonly ageRecipients: readonly string[];
  /** PGP fingerprints the data key is wrapped for, upper case (every key group). */
  readonly pgpFingerprints: readonly string[];
  /**
   * The `data`/`stringData` fields of a Secret that are not encrypted values (`data.password`, or `data` itself when
   * it is not a mapping); each is also among the problems.
   */
  readonly clearValues: readonly string[];
  /** Structural problems, each with the field at fault and how to fix it. */
  readonly problems: readonly { readonly field: string; readonly message: string; readonly fix: string }[];
}

const ENC_PREFIX = 'ENC[';

/** True for a well-formed `ENC[AES256_GCM,...]` value (base64 parts included); it may still fail to decrypt. */
function isEncrypted(x: unknown): boolean {
  if (typeof x !== 'string') return false;
  try {
    parseEncryptedValue(x);
    return true;
  } catch (e) {
    if (e instanceof ValueCipherError) return false;
    throw e;
  }
}

/** True for what sops writes for a value in a metadata field: looks like an `ENC[...]` value, well-formed or not. */
function looksEncrypted(x: unknown): boolean {
  return typeof x === 'string' && x.startsWith(ENC_PREFIX);
}

/** Every key stanza of the metadata: the top-level lists and those of `key_groups`. */
function stanzas(sops: Record<string, unknown>, kind: 'age' | 'pgp'): Record<string, unknown>[] {
  const groups = Array.isArray(sops.key_groups) ? sops.key_groups.filter(isPlainObject) : [];
  return [sops, ...groups].flatMap((g) => (Array.isArray(g[kind]) ? g[kind].filter(isPlainObject) : []));
}

function containsEncrypted(x: unknown): boolean {
  if (looksEncrypted(x)) return true;
  if (Array.isArray(x)) return x.some(containsEncrypted);
  if (isPlainObject(x)) return Object.values(x).some(containsEncrypted);
  return false;
}

/**
 * The `data`/`stringData` fields of a Secret that are not well-formed encrypted values: each value of a mapping, or
 * the section itself when it is anything else (a string or a list would reach the cluster as it is).
 */
function clearSecretValues(doc: Record<string, unknown>): string[] {
  return ['data', 'stringData'].flatMap((field) => {
    const values = doc[field];
    if (values === undefined || values === null) return [];
    if (!isPlainObject(values)) return [field];
    return Object.entries(values)
      .filter(([, value]) => !isEncrypted(value))
      .map(([key]) => `${field}.${key}`);
  });
}

/**
 * Inspects a SOPS-encrypted Kubernetes document as Flux's kustomize-controller needs it: sops metadata with a MAC,
 * `apiVersion`, `kind` and `metadata` left in clear text, and (for a Secret) every `data`/`stringData` value encrypted.
 */
export function inspectEncryptedDocument(doc: unknown): EncryptedDocumentInfo {
  const problems: { field: string; message: string; fix: string }[] = [];
  if (!isPlainObject(doc) || !isPlainObject(doc.sops)) {
    return { isSops: false, ageRecipients: [], pgpFingerprints: [], clearValues: [], problems };
  }
  const sops = doc.sops;
  if (typeof sops.mac !== 'string' || sops.mac === '') {
    problems.push({
      field: 'sops.mac',
      message: 'is missing, so nobody can tell whether the file was tampered with',
      fix: 'encrypt the file again with `cdk8s-flux secret create` or `sops encrypt`',
    });
  } else if (!isEncrypted(sops.mac)) {
    problems.push({
      field: 'sops.mac',
      message: 'is not an encrypted MAC (ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]), so it cannot verify',
      fix: 'restore the file from version control, or encrypt it again with `cdk8s-flux secret create`',
    });
  }
  if (typeof sops.lastmodified !== 'string') {
    problems.push({ field: 'sops.lastmodified', message: 'is missing', fix: 'encrypt the file again' });
  }
  const age = stanzas(sops, 'age');
  const pgp = stanzas(sops, 'pgp');
  if (age.length === 0 && pgp.length === 0) {
    problems.push({
      field: 'sops',
      message: 'holds no age or PGP key stanza, so Flux cannot decrypt it',
      fix: 'encrypt the file for the cluster key (see .sops.yaml)',
    });
  }
  for (const field of ['apiVersion', 'kind', 'metadata']) {
    if (containsEncrypted(doc[field])) {
      problems.push({
        field,
        message: 'is encrypted, but Flux must read it before decrypting',
        fix: 'encrypt only data and stringData: set encrypted_regex: ^(data|stringData)$ in .sops.yaml and encrypt again',
      });
    }
  }
  // an encrypted kind may be a Secret's
  const clearValues = doc.kind === 'Secret' || looksEncrypted(doc.kind) ? clearSecretValues(doc) : [];
  for (const field of clearValues) {
    problems.push({
      field,
      message: 'is not encrypted',
      fix: 'encrypt the whole data and stringData sections (encrypted_regex: ^(data|stringData)$)',
    });
  }
  return {
    isSops: true,
    clearValues,
    ageRecipients: age.map((s) => s.recipient).filter((r): r is string => typeof r === 'string'),
    pgpFingerprints: pgp
      .map((s) => s.fp)
      .filter((r): r is string => typeof r === 'string')
      .map((f) => f.toUpperCase()),
    problems,
  };
}
