import { Issue } from '../../errors';
import { formatId, kustomizationId, objectIdOf, stringField } from '../manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';
import { KustomizationBuild } from './cluster-walk';

/**
 * The decryption check of a walked tree: every SOPS-encrypted document a Flux Kustomization applies needs that
 * Kustomization to have `spec.decryption` with provider `sops`. Without it kustomize-controller applies the document
 * as it lies, and the API server refuses it (its top-level `sops` field is not a field of any kind), so the whole
 * Kustomization fails. Each encrypted object is reported at its file, naming the Kustomization.
 */
export function checkDecryption(builds: readonly KustomizationBuild[]): Issue[] {
  const issues: Issue[] = [];
  for (const build of builds) {
    const spec = isPlainObject(build.kustomization.spec) ? build.kustomization.spec : {};
    if (stringField(spec.decryption, 'provider') === 'sops') continue;
    const owner = kustomizationId(build.kustomization);
    for (const record of build.records) {
      if (record.encrypted !== true) continue;
      const id = objectIdOf(record.manifest);
      issues.push({
        ...(record.file === undefined ? {} : { file: record.file }),
        field: 'sops',
        ...(id === undefined ? {} : { value: formatId(id) }),
        message: `is SOPS-encrypted, but ${owner} that applies it has no spec.decryption, so Flux applies it undecrypted and the API server refuses it`,
        fix: `add to the spec of ${owner}: decryption: { provider: sops, secretRef: { name: <the Secret holding the age or PGP key> } }`,
      });
    }
  }
  return issues;
}
