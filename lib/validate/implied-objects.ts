import { apiGroup, stringField } from './manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { isFluxInstanceManifest, operatorSyncObjects } from './operator-sync';
import { ManifestRecord } from './record';

/**
 * Objects that Flux controllers create from other objects of the tree, so that references to them resolve:
 *
 * - an ArtifactGenerator makes one ExternalArtifact per `spec.artifacts[].name`, in its own namespace;
 * - a HelmRelease with a chart template (`spec.chart`) makes the HelmChart `<namespace>-<name>` in the namespace of
 *   its chart source.
 *
 * - a Flux Operator FluxInstance with a `sync` makes its source and its Kustomization, and the pull Secret it names is
 *   made outside the tree (see {@link operatorSyncObjects});
 *
 * - controllers outside Flux make Secrets from their own objects: an ExternalSecret its `spec.target.name` (else its
 *   own name), a cert-manager Certificate its `spec.secretName`, a SealedSecret and an ObjectBucketClaim one of their
 *   own name (the claim a ConfigMap too).
 *
 * They are returned as external records placed where their maker is.
 */
export function impliedObjects(records: readonly ManifestRecord[]): ManifestRecord[] {
  const out: ManifestRecord[] = [];
  for (const record of records) {
    const m = record.manifest;
    const namespace = stringField(m.metadata, 'namespace');
    const name = stringField(m.metadata, 'name');
    const spec = isPlainObject(m.spec) ? m.spec : {};
    const placed = {
      ...(record.constructPath !== undefined ? { constructPath: record.constructPath } : {}),
      ...(record.file !== undefined ? { file: record.file } : {}),
      external: true,
    };
    const made = (apiVersion: string, kind: string, madeName: string, madeNamespace: string | undefined) =>
      out.push({
        ...placed,
        manifest: { apiVersion, kind, metadata: { name: madeName, namespace: madeNamespace } },
      });
    if (isFluxInstanceManifest(m)) {
      const sync = operatorSyncObjects(namespace ?? 'default', spec);
      for (const object of sync === undefined ? [] : [sync.source, sync.kustomization, sync.pullSecret]) {
        if (object !== undefined) out.push({ ...placed, manifest: object });
      }
    }
    if (m.kind === 'ArtifactGenerator' && Array.isArray(spec.artifacts)) {
      for (const artifact of spec.artifacts) {
        const artifactName = stringField(artifact, 'name');
        if (artifactName !== undefined)
          made('source.toolkit.fluxcd.io/v1', 'ExternalArtifact', artifactName, namespace);
      }
    }
    const group = apiGroup(stringField(m, 'apiVersion') ?? '');
    if (m.kind === 'ExternalSecret' && group === 'external-secrets.io' && name !== undefined) {
      made('v1', 'Secret', stringField(spec.target, 'name') ?? name, namespace);
    }
    const certificateSecret = stringField(spec, 'secretName');
    if (m.kind === 'Certificate' && group === 'cert-manager.io' && certificateSecret !== undefined) {
      made('v1', 'Secret', certificateSecret, namespace);
    }
    if (m.kind === 'SealedSecret' && group === 'bitnami.com' && name !== undefined)
      made('v1', 'Secret', name, namespace);
    if (m.kind === 'ObjectBucketClaim' && group === 'objectbucket.io' && name !== undefined) {
      made('v1', 'Secret', name, namespace);
      made('v1', 'ConfigMap', name, namespace);
    }
    if (m.kind === 'HelmRelease' && name !== undefined && isPlainObject(spec.chart)) {
      const sourceRef = isPlainObject(spec.chart.spec) ? spec.chart.spec.sourceRef : undefined;
      const sourceNamespace = stringField(sourceRef, 'namespace') ?? namespace;
      made('source.toolkit.fluxcd.io/v1', 'HelmChart', `${namespace ?? 'default'}-${name}`, sourceNamespace);
    }
  }
  return out;
}
