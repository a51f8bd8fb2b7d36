/** What a parsed YAML/JSON document says about its SOPS encryption, without any key. */
export interface EncryptedDocumentInfo {
  /** The document has a `sops` metadata block. */
  readonly isSops: boolean;
  /** Age recipients the data key is wrapped for (every key group). */
  readonly ageRecipients: readonly string[];
  /** PGP fingerprints the data key is wrapped for, upper case (every key group). */
  readonly pgpFingerprints: readonly string[];
  /** Structural problems, each with the field at fault and how to fix it. */
  readonly problems: readonly { readonly field: string; readonly message: string; readonly fix: string }[];
}

const ENC_PREFIX = 'ENC[';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isEncrypted(x: unknown): boolean {
  return typeof x === 'string' && x.startsWith(ENC_PREFIX);
}

/** Every key stanza of the metadata: the top-level lists and those of `key_groups`. */
function stanzas(sops: Record<string, unknown>, kind: 'age' | 'pgp'): Record<string, unknown>[] {
  const groups = Array.isArray(sops.key_groups) ? sops.key_groups.filter(isRecord) : [];
  return [sops, ...groups].flatMap((g) => (Array.isArray(g[kind]) ? g[kind].filter(isRecord) : []));
}

function containsEncrypted(x: unknown): boolean {
  if (isEncrypted(x)) return true;
  if (Array.isArray(x)) return x.some(containsEncrypted);
  if (isRecord(x)) return Object.values(x).some(containsEncrypted);
  return false;
}

/**
 * Inspects a SOPS-encrypted Kubernetes document as Flux's kustomize-controller needs it: sops metadata with a MAC,
 * `apiVersion`, `kind` and `metadata` left in clear text, and (for a Secret) every `data`/`stringData` value encrypted.
 */
export function inspectEncryptedDocument(doc: unknown): EncryptedDocumentInfo {
  const problems: { field: string; message: string; fix: string }[] = [];
  if (!isRecord(doc) || !isRecord(doc.sops)) {
    return { isSops: false, ageRecipients: [], pgpFingerprints: [], problems };
  }
  const sops = doc.sops;
  if (typeof sops.mac !== 'string' || sops.mac === '') {
    problems.push({
      field: 'sops.mac',
      message: 'is missing, so nobody can tell whether the file was tampered with',
      fix: 'encrypt the file again with `cdk8s-flux secret create` or `sops encrypt`',
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
  if (doc.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const values = doc[field];
      if (!isRecord(values)) continue;
      for (const [key, value] of Object.entries(values)) {
        if (!isEncrypted(value)) {
          problems.push({
            field: `${field}.${key}`,
            message: 'is not encrypted',
            fix: 'encrypt the whole data and stringData sections (encrypted_regex: ^(data|stringData)$)',
          });
        }
      }
    }
  }
  return {
    isSops: true,
    ageRecipients: age.map((s) => s.recipient).filter((r): r is string => typeof r === 'string'),
    pgpFingerprints: pgp
      .map((s) => s.fp)
      .filter((r): r is string => typeof r === 'string')
      .map((f) => f.toUpperCase()),
    problems,
  };
}
