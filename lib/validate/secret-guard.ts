import { ApiObject } from 'cdk8s';
import { Issue } from '../errors';
import { inspectEncryptedDocument } from '../sops/encrypted-document';
import { ManifestRecord } from './record';

const PLAINTEXT_REASON = 'cdk8s-flux/plaintext-secret-reason';

/**
 * Lets one Secret be written with clear-text `data`/`stringData`, for a stated reason (a public CA bundle, a value
 * that is not secret). Every other Secret with data must be a SopsSecret.
 */
export function allowPlaintextSecret(secret: ApiObject, reason: string): void {
  if (reason.trim() === '') {
    throw new Error(`${secret.node.path}: allowPlaintextSecret needs a reason; say why this value may be public`);
  }
  secret.node.addMetadata(PLAINTEXT_REASON, reason);
}

/** The reason given with {@link allowPlaintextSecret}, if any. */
export function plaintextSecretReason(obj: ApiObject): string | undefined {
  const entry = obj.node.metadata.find((m) => m.type === PLAINTEXT_REASON);
  return entry === undefined ? undefined : String(entry.data);
}

function hasData(manifest: Record<string, unknown>): boolean {
  return ['data', 'stringData'].some((f) => {
    const v = manifest[f];
    return typeof v === 'object' && v !== null && Object.keys(v).length > 0;
  });
}

/**
 * The plaintext guard: no Secret with `data`/`stringData` is written without SOPS encryption, unless it was allowed
 * on purpose; and every encrypted document is one Flux can decrypt (metadata, MAC, clear-text header).
 */
export function checkSecrets(records: readonly ManifestRecord[]): Issue[] {
  const issues: Issue[] = [];
  for (const r of records) {
    if (r.external) continue;
    const m = r.manifest;
    const where = { constructPath: r.constructPath, file: r.file };
    const info = inspectEncryptedDocument(m);
    if (info.isSops) {
      // SopsSecret reports its own problems with more context; files read from disk are checked here.
      if (r.constructPath === undefined) {
        issues.push(...info.problems.map((p) => ({ ...where, field: p.field, message: p.message, fix: p.fix })));
      }
      continue;
    }
    if (m.kind === 'Secret' && hasData(m) && r.plaintextSecretReason === undefined) {
      issues.push({
        ...where,
        field: 'data',
        message: 'holds a Secret value in clear text that would be committed to git',
        fix: 'encrypt it and use SopsSecret.fromFile(...) (create the file with `cdk8s-flux secret create`), or call allowPlaintextSecret(obj, reason) if it is not secret',
      });
    }
  }
  return issues;
}
