import { ExternalDeclaration } from '../validate/external-declaration';
import { EXTERNAL_FILE, renderExternalFile } from '../validate/external-file';
import { isClusterScoped } from '../validate/kinds';
import { stringField } from '../validate/manifest-fields';
import { ManifestRecord } from '../validate/record';

/**
 * The `.cdk8s-flux.yaml` of each tree root that declares objects made outside it (the SOPS key Secret, the Git
 * credentials, `fromName` declarations), by path relative to the output root, so that `cdk8s-flux validate` on the
 * tree knows what the code knows. Declarations that belong to no tree go to the output root.
 */
export function externalDeclarationFiles(records: readonly ManifestRecord[]): Map<string, string> {
  const byRoot = new Map<string, ExternalDeclaration[]>();
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
      renderExternalFile(declarations),
    ]),
  );
}
