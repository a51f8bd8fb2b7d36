import { FLUX_EVENT_KINDS } from './kinds';

const KUSTOMIZE = 'kustomize.toolkit.fluxcd.io';
const HELM = 'helm.toolkit.fluxcd.io';
const SOURCE = 'source.toolkit.fluxcd.io';
const SOURCE_EXT = 'source.extensions.fluxcd.io';
const NOTIFICATION = 'notification.toolkit.fluxcd.io';
const IMAGE = 'image.toolkit.fluxcd.io';
const OPERATOR = 'fluxcd.controlplane.io';

/**
 * One field of a Flux kind that names another object. Flux resolves it as the checks do: a missing `namespace` is
 * the referrer's own, and `apiVersion` is optional.
 */
export interface ReferenceField {
  /** API group of the referring kind. */
  readonly group: string;
  /** The referring kind. */
  readonly kind: string;
  /**
   * Where the reference is, dotted; `[]` after a segment means every item of that list,
   * e.g. `spec.dependsOn[]` or `spec.include[].repository`.
   */
  readonly path: string;
  /**
   * The kinds it may point to. The reference's own `kind` field picks one; without it (`dependsOn`, `secretRef`),
   * the first one is meant.
   */
  readonly targets: readonly string[];
  /** A local reference: always in the referrer's namespace, it has no `namespace` field. */
  readonly local?: boolean;
  /** `name: "*"` stands for every object of the kind (notification event sources and receiver resources). */
  readonly wildcard?: boolean;
}

/** A reference that may name another namespace (`CrossNamespaceObjectReference`, `dependsOn`). */
const cross = (group: string, kind: string, path: string, targets: readonly string[]): ReferenceField => ({
  group,
  kind,
  path,
  targets,
});

/** A reference into the referrer's own namespace (`LocalObjectReference`, `valuesFrom`). */
const local = (group: string, kind: string, path: string, targets: readonly string[]): ReferenceField => ({
  group,
  kind,
  path,
  targets,
  local: true,
});

/** A Secret in the referrer's namespace. */
const secret = (group: string, kind: string, path: string): ReferenceField => local(group, kind, path, ['Secret']);

const SOURCES = ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'];
const CHART_SOURCES = ['HelmRepository', 'GitRepository', 'Bucket'];
const CONFIG = ['ConfigMap', 'Secret'];
const events = (group: string, kind: string, path: string): ReferenceField => ({
  ...cross(group, kind, path, FLUX_EVENT_KINDS),
  wildcard: true,
});

/**
 * Every reference field the checks resolve, one line per field.
 *
 * @see https://fluxcd.io/flux/components/
 */
export const REFERENCE_FIELDS: readonly ReferenceField[] = [
  // kustomize-controller
  cross(KUSTOMIZE, 'Kustomization', 'spec.sourceRef', SOURCES),
  cross(KUSTOMIZE, 'Kustomization', 'spec.dependsOn[]', ['Kustomization']),
  secret(KUSTOMIZE, 'Kustomization', 'spec.decryption.secretRef'),
  local(KUSTOMIZE, 'Kustomization', 'spec.postBuild.substituteFrom[]', CONFIG),
  secret(KUSTOMIZE, 'Kustomization', 'spec.kubeConfig.secretRef'),
  local(KUSTOMIZE, 'Kustomization', 'spec.kubeConfig.configMapRef', ['ConfigMap']),
  // helm-controller
  cross(HELM, 'HelmRelease', 'spec.chart.spec.sourceRef', CHART_SOURCES),
  secret(HELM, 'HelmRelease', 'spec.chart.spec.verify.secretRef'),
  cross(HELM, 'HelmRelease', 'spec.chartRef', ['OCIRepository', 'HelmChart', 'ExternalArtifact']),
  cross(HELM, 'HelmRelease', 'spec.dependsOn[]', ['HelmRelease']),
  local(HELM, 'HelmRelease', 'spec.valuesFrom[]', CONFIG),
  secret(HELM, 'HelmRelease', 'spec.kubeConfig.secretRef'),
  local(HELM, 'HelmRelease', 'spec.kubeConfig.configMapRef', ['ConfigMap']),
  // source-controller
  secret(SOURCE, 'GitRepository', 'spec.secretRef'),
  secret(SOURCE, 'GitRepository', 'spec.proxySecretRef'),
  secret(SOURCE, 'GitRepository', 'spec.verify.secretRef'),
  local(SOURCE, 'GitRepository', 'spec.include[].repository', ['GitRepository']),
  secret(SOURCE, 'HelmRepository', 'spec.secretRef'),
  secret(SOURCE, 'HelmRepository', 'spec.certSecretRef'),
  secret(SOURCE, 'OCIRepository', 'spec.secretRef'),
  secret(SOURCE, 'OCIRepository', 'spec.certSecretRef'),
  secret(SOURCE, 'OCIRepository', 'spec.proxySecretRef'),
  secret(SOURCE, 'OCIRepository', 'spec.verify.secretRef'),
  secret(SOURCE, 'OCIRepository', 'spec.verify.trustedRootSecretRef'),
  secret(SOURCE, 'Bucket', 'spec.secretRef'),
  secret(SOURCE, 'Bucket', 'spec.certSecretRef'),
  secret(SOURCE, 'Bucket', 'spec.proxySecretRef'),
  secret(SOURCE, 'Bucket', 'spec.sts.secretRef'),
  secret(SOURCE, 'Bucket', 'spec.sts.certSecretRef'),
  local(SOURCE, 'HelmChart', 'spec.sourceRef', CHART_SOURCES),
  secret(SOURCE, 'HelmChart', 'spec.verify.secretRef'),
  // source-watcher
  cross(SOURCE_EXT, 'ArtifactGenerator', 'spec.sources[]', [...SOURCES, 'HelmChart']),
  // notification-controller
  local(NOTIFICATION, 'Alert', 'spec.providerRef', ['Provider']),
  events(NOTIFICATION, 'Alert', 'spec.eventSources[]'),
  secret(NOTIFICATION, 'Provider', 'spec.secretRef'),
  secret(NOTIFICATION, 'Provider', 'spec.certSecretRef'),
  secret(NOTIFICATION, 'Provider', 'spec.proxySecretRef'),
  events(NOTIFICATION, 'Receiver', 'spec.resources[]'),
  secret(NOTIFICATION, 'Receiver', 'spec.secretRef'),
  // image-reflector-controller and image-automation-controller
  secret(IMAGE, 'ImageRepository', 'spec.secretRef'),
  secret(IMAGE, 'ImageRepository', 'spec.certSecretRef'),
  secret(IMAGE, 'ImageRepository', 'spec.proxySecretRef'),
  cross(IMAGE, 'ImagePolicy', 'spec.imageRepositoryRef', ['ImageRepository']),
  cross(IMAGE, 'ImageUpdateAutomation', 'spec.sourceRef', ['GitRepository']),
  secret(IMAGE, 'ImageUpdateAutomation', 'spec.git.commit.signingKey.secretRef'),
  // the Flux Operator
  secret(OPERATOR, 'ResourceSetInputProvider', 'spec.secretRef'),
  secret(OPERATOR, 'ResourceSetInputProvider', 'spec.certSecretRef'),
];

/** The dependsOn lists whose graphs must be acyclic: a Kustomization waits for Kustomizations, a release for releases. */
export const DEPENDENCY_FIELDS: readonly ReferenceField[] = REFERENCE_FIELDS.filter(
  (f) => f.path === 'spec.dependsOn[]',
);

/** One value found at a reference field's path, with its concrete location (`spec.dependsOn[1]`). */
export interface FoundReference {
  readonly field: string;
  readonly value: unknown;
}

/** Every value at `path` (see {@link ReferenceField.path}) in `manifest`. */
export function valuesAt(manifest: unknown, path: string): FoundReference[] {
  let found: FoundReference[] = [{ field: '', value: manifest }];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[]');
    const key = list ? segment.slice(0, -2) : segment;
    const next: FoundReference[] = [];
    for (const { field, value } of found) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const child = (value as Record<string, unknown>)[key];
      const at = field === '' ? key : `${field}.${key}`;
      if (child === undefined || child === null) continue;
      if (!list) next.push({ field: at, value: child });
      else if (Array.isArray(child))
        child.forEach((item: unknown, i) => next.push({ field: `${at}[${i}]`, value: item }));
    }
    found = next;
  }
  return found;
}
