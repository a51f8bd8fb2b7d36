/** Fields of a kind that the API server refuses to change once the object exists. */
export interface ImmutableFields {
  /** The API group (`""` for the core group). */
  readonly group: string;
  readonly kind: string;
  /** Field paths (as `formatPath` writes them) that cannot change, with everything under them. */
  readonly fields: readonly string[];
  /**
   * The fields are immutable only when the object sets `immutable: true` (ConfigMaps and Secrets).
   * @default false
   */
  readonly whenMarkedImmutable?: boolean;
}

/** The immutable fields of the built-in kinds a GitOps repository commonly holds. */
export const IMMUTABLE_FIELDS: readonly ImmutableFields[] = [
  { group: 'apps', kind: 'Deployment', fields: ['spec.selector'] },
  { group: 'apps', kind: 'ReplicaSet', fields: ['spec.selector'] },
  { group: 'apps', kind: 'DaemonSet', fields: ['spec.selector'] },
  {
    group: 'apps',
    kind: 'StatefulSet',
    fields: ['spec.selector', 'spec.serviceName', 'spec.volumeClaimTemplates', 'spec.podManagementPolicy'],
  },
  { group: 'batch', kind: 'Job', fields: ['spec.selector', 'spec.template', 'spec.completionMode'] },
  { group: '', kind: 'Service', fields: ['spec.clusterIP', 'spec.clusterIPs'] },
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    fields: [
      'spec.storageClassName',
      'spec.accessModes',
      'spec.volumeName',
      'spec.volumeMode',
      'spec.selector',
      'spec.dataSource',
      'spec.dataSourceRef',
    ],
  },
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    fields: ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode'],
  },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', fields: ['roleRef'] },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding', fields: ['roleRef'] },
  { group: '', kind: 'ConfigMap', fields: ['data', 'binaryData'], whenMarkedImmutable: true },
  { group: '', kind: 'Secret', fields: ['data', 'stringData'], whenMarkedImmutable: true },
];

/** True when the field path `path` is `field` or lies under it. */
export function isUnderField(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}
