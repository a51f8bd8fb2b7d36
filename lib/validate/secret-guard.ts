import { ApiObject } from 'cdk8s';
import { Issue } from '../errors';
import { inspectEncryptedDocument } from '../sops/inspect-encrypted-document';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';

/**
 * The construct metadata type under which `allowPlaintextSecret` (of the SOPS construct layer) records why a Secret
 * may hold clear-text data; the construct walk copies it into the record the guard below reads.
 */
export const PLAINTEXT_SECRET_REASON = 'cdk8s-flux/plaintext-secret-reason';

/** The reason given with `allowPlaintextSecret`, if any. */
export function plaintextSecretReason(obj: ApiObject): string | undefined {
  const entry = obj.node.metadata.find((m) => m.type === PLAINTEXT_SECRET_REASON);
  return entry === undefined ? undefined : String(entry.data);
}

/** True when a `data`/`stringData` section holds anything: a non-empty mapping, or any other value. */
function holdsValues(section: unknown): boolean {
  if (section === undefined || section === null) return false;
  if (Array.isArray(section)) return section.length > 0;
  return !isPlainObject(section) || Object.keys(section).length > 0;
}

/** The items of a `List` kind (`v1/List`, `SecretList`...), which kubectl and kustomize apply one by one. */
function listItems(manifest: Record<string, unknown>): Record<string, unknown>[] {
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
  return kind.endsWith('List') && Array.isArray(manifest.items) ? manifest.items.filter(isPlainObject) : [];
}

const CLEAR_TEXT = {
  message: 'holds a Secret value in clear text that would be committed to git',
  fix: 'encrypt it and use SopsSecret.fromFile(...) (create the file with `cdk8s-flux secret create`), or call allowPlaintextSecret(obj, reason) if it is not secret',
};

/**
 * The problems of one object (a document, or an item of a List document at `at`): with `sops` metadata (its own or
 * its List's), every problem of the encryption; without, a Secret holding values.
 */
function objectProblems(object: Record<string, unknown>, at: string, allowed: boolean, listSops?: unknown) {
  const info = inspectEncryptedDocument(listSops === undefined ? object : { ...object, sops: listSops });
  if (info.isSops) {
    const problems = info.problems.filter(
      (p) =>
        !(allowed && info.clearValues.includes(p.field)) &&
        (listSops === undefined || info.clearValues.includes(p.field)),
    );
    return problems.map((p) => ({ field: `${at}${p.field}`, message: p.message, fix: p.fix }));
  }
  const used = object.kind === 'Secret' ? ['data', 'stringData'].find((f) => holdsValues(object[f])) : undefined;
  return used !== undefined && !allowed ? [{ field: `${at}${used}`, ...CLEAR_TEXT }] : [];
}

/**
 * The plaintext guard: no Secret with `data`/`stringData` reaches the tree in clear, whatever made it (a SopsSecret,
 * a cdk8s `Include` of a file, an `ApiObject`, a hand-written file, a kustomize build), unless it was allowed on
 * purpose with `allowPlaintextSecret`. A document with `sops` metadata is trusted for nothing: each of its Secret
 * values must be an `ENC[...]` value, and its metadata must be one Flux can decrypt (key stanzas, a well-formed MAC,
 * a clear-text header). The items of a `List` kind are checked too. Issues name the field, never the value.
 */
export function checkSecrets(records: readonly ManifestRecord[]): Issue[] {
  const issues: Issue[] = [];
  for (const r of records) {
    if (r.external) continue;
    const where = { constructPath: r.constructPath, file: r.file };
    const allowed = r.plaintextSecretReason !== undefined;
    // A SopsSecret reports the problems of its source file first; the repeats are dropped then.
    const problems = [
      ...objectProblems(r.manifest, '', allowed),
      ...listItems(r.manifest).flatMap((item, i) => objectProblems(item, `items[${i}].`, allowed, r.manifest.sops)),
    ];
    issues.push(...problems.map((p) => ({ ...where, ...p })));
  }
  return issues;
}
