import { isObject, stringField } from './manifest';
import { ManifestRecord } from './record';

/**
 * Objects that Flux controllers create from other objects of the tree, so that references to them resolve:
 *
 * - an ArtifactGenerator makes one ExternalArtifact per `spec.artifacts[].name`, in its own namespace;
 * - a HelmRelease with a chart template (`spec.chart`) makes the HelmChart `<namespace>-<name>` in the namespace of
 *   its chart source.
 *
 * They are returned as external records placed where their maker is.
 */
export function impliedObjects(records: readonly ManifestRecord[]): ManifestRecord[] {
  const out: ManifestRecord[] = [];
  for (const record of records) {
    const m = record.manifest;
    const namespace = stringField(m.metadata, 'namespace');
    const name = stringField(m.metadata, 'name');
    const spec = isObject(m.spec) ? m.spec : {};
    const made = (apiVersion: string, kind: string, madeName: string, madeNamespace: string | undefined) =>
      out.push({
        manifest: { apiVersion, kind, metadata: { name: madeName, namespace: madeNamespace } },
        ...(record.constructPath !== undefined ? { constructPath: record.constructPath } : {}),
        ...(record.file !== undefined ? { file: record.file } : {}),
        external: true,
      });
    if (m.kind === 'ArtifactGenerator' && Array.isArray(spec.artifacts)) {
      for (const artifact of spec.artifacts) {
        const artifactName = stringField(artifact, 'name');
        if (artifactName !== undefined)
          made('source.toolkit.fluxcd.io/v1', 'ExternalArtifact', artifactName, namespace);
      }
    }
    if (m.kind === 'HelmRelease' && name !== undefined && isObject(spec.chart)) {
      const sourceRef = isObject(spec.chart.spec) ? spec.chart.spec.sourceRef : undefined;
      const sourceNamespace = stringField(sourceRef, 'namespace') ?? namespace;
      made('source.toolkit.fluxcd.io/v1', 'HelmChart', `${namespace ?? 'default'}-${name}`, sourceNamespace);
    }
  }
  return out;
}
