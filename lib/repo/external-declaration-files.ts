import { ExternalDeclaration } from '../validate/external-declaration';
import { EXTERNAL_FILE, renderExternalFile } from '../validate/external-file';
import { isClusterScoped } from '../validate/kinds';
import { stringField } from '../validate/manifest-fields';
import { ManifestRecord } from '../validate/record';

/** A folder of a tree that Flux does not apply (a `PlainFolder`), as the tree's `.cdk8s-flux.yaml` lists it. */
export interface HandAppliedFolder {
  /** The tree root (the cluster folder), relative to the output root. */
  readonly treeRoot: string;
  /** The folder, relative to the output root. */
  readonly folderPath: string;
}

/**
 * The `.cdk8s-flux.yaml` of each tree root that declares objects made outside it (the SOPS key Secret, the Git
 * credentials, `fromName` declarations) and the folders Flux does not apply, by path relative to the output root, so
 * that `cdk8s-flux validate` on the tree knows what the code knows. Declarations that belong to no tree go to the
 * output root.
 */
export function externalDeclarationFiles(
  records: readonly ManifestRecord[],
  handApplied: readonly HandAppliedFolder[] = [],
): Map<string, string> {
  const byRoot = new Map<string, ExternalDeclaration[]>();
  const foldersByRoot = new Map<string, string[]>();
  for (const { treeRoot, folderPath } of handApplied) {
    const relative = treeRoot === '' ? folderPath : folderPath.slice(treeRoot.length + 1);
    foldersByRoot.set(treeRoot, [...(foldersByRoot.get(treeRoot) ?? []), relative]);
    if (!byRoot.has(treeRoot)) byRoot.set(treeRoot, []);
  }
  for (const record of records) {
    const kind = stringField(record.manifest, 'kind');
    const name = stringField(record.manifest.metadata, 'name');
    if (!record.external || kind === undefined || name === undefined) continue;
    const namespace = isClusterScoped(kind) ? undefined : stringField(record.manifest.metadata, 'namespace');
    const root = record.cluster ?? '';
    byRoot.set(root, [...(byRoot.get(root) ?? []), { kind, name, ...(namespace === undefined ? {} : { namespace }) }]);
  }
  return new Map(
    [...byRoot].map(([root, declarations]) => [
      root === '' ? EXTERNAL_FILE : `${root}/${EXTERNAL_FILE}`,
      renderExternalFile(declarations, foldersByRoot.get(root)),
    ]),
  );
}
