import * as path from 'path';
import { stringField } from './manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';

/** The folder `flux bootstrap` writes to, in every cluster folder. */
export const BOOTSTRAP_FOLDER = 'flux-system';
/** The files `flux bootstrap` writes (and commits) into it. */
export const BOOTSTRAP_FILES: readonly string[] = ['gotk-components.yaml', 'gotk-sync.yaml'];

/** True for `.../flux-system/gotk-components.yaml` and `.../flux-system/gotk-sync.yaml`. */
export function isBootstrapFile(file: string): boolean {
  return (
    BOOTSTRAP_FILES.includes(path.posix.basename(file)) &&
    path.posix.basename(path.posix.dirname(file)) === BOOTSTRAP_FOLDER
  );
}

/**
 * The objects `flux bootstrap` makes in a cluster that a hand-written tree does not hold, as external records.
 *
 * The rule, for each bootstrap folder (a `flux-system` folder that holds or lists `gotk-sync.yaml`):
 * - when its `gotk-sync.yaml` holds the sync objects, the Secret each of its GitRepositories names in `secretRef`
 *   is made by bootstrap (from the deploy key), never committed;
 * - when it is missing or holds no object (a placeholder, as in Flux's own example repository), bootstrap writes the
 *   defaults: GitRepository, Kustomization and Secret `flux-system` in namespace `flux-system`.
 *
 * Anything else made outside the tree (the SOPS key Secret...) must be declared by the user (`--external`).
 *
 * @param folders the bootstrap folders, relative to the tree root
 * @param records every object read from the tree
 */
export function bootstrapObjects(folders: readonly string[], records: readonly ManifestRecord[]): ManifestRecord[] {
  const out: ManifestRecord[] = [];
  for (const folder of folders) {
    const file = `${folder}/gotk-sync.yaml`;
    const external = (apiVersion: string, kind: string, name: string, namespace: string | undefined) =>
      out.push({ manifest: { apiVersion, kind, metadata: { name, namespace } }, file, external: true });
    const sync = records.filter((r) => r.file === file && !r.external);
    if (sync.length === 0) {
      external('source.toolkit.fluxcd.io/v1', 'GitRepository', BOOTSTRAP_FOLDER, BOOTSTRAP_FOLDER);
      external('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', BOOTSTRAP_FOLDER, BOOTSTRAP_FOLDER);
      external('v1', 'Secret', BOOTSTRAP_FOLDER, BOOTSTRAP_FOLDER);
      continue;
    }
    for (const { manifest } of sync) {
      const secret = isPlainObject(manifest.spec) ? stringField(manifest.spec.secretRef, 'name') : undefined;
      if (manifest.kind === 'GitRepository' && secret !== undefined) {
        external('v1', 'Secret', secret, stringField(manifest.metadata, 'namespace'));
      }
    }
  }
  return out;
}
