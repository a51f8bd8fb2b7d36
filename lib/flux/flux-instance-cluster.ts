/** The Kubernetes distribution the Flux controllers run on (`spec.cluster.type`). */
export enum ClusterType {
  KUBERNETES = 'kubernetes',
  OPENSHIFT = 'openshift',
  AWS = 'aws',
  AZURE = 'azure',
  GCP = 'gcp',
}

/** The vertical scaling profile of the controllers: their concurrency and CPU and memory limits (`spec.cluster.size`). */
export enum ClusterSize {
  SMALL = 'small',
  MEDIUM = 'medium',
  LARGE = 'large',
}

/**
 * The cluster the Flux Operator installs Flux into (`spec.cluster` of a FluxInstance).
 * @see https://fluxoperator.dev/docs/crd/fluxinstance/#cluster-configuration
 */
export interface FluxInstanceCluster {
  /**
   * The Kubernetes distribution.
   * @default ClusterType.KUBERNETES (the operator's default, not written)
   */
  readonly type?: ClusterType;
  /**
   * The scaling profile of the controllers.
   * @default the operator's default profile (not written)
   */
  readonly size?: ClusterSize;
  /**
   * The cluster domain of the controllers' service names.
   * @default "cluster.local" (the operator's default, not written)
   */
  readonly domain?: string;
  /**
   * Lock Flux down for several tenants: Kustomizations and HelmReleases impersonate a service account of their own
   * namespace.
   * @default false
   */
  readonly multitenant?: boolean;
  /**
   * The service account used when a tenant's object names none; needs `multitenant`.
   * @default "default" of the tenant's namespace
   */
  readonly tenantDefaultServiceAccount?: string;
  /**
   * Restrict network access to the Flux namespace.
   * @default true (the operator's default, not written)
   */
  readonly networkPolicy?: boolean;
  /**
   * Enable object-level workload identity (Flux 2.6 and later).
   * @default false
   */
  readonly objectLevelWorkloadIdentity?: boolean;
  /**
   * Lock workload identity down for several tenants; needs `objectLevelWorkloadIdentity`.
   * @default false
   */
  readonly multitenantWorkloadIdentity?: boolean;
  /**
   * The service account kustomize-controller decrypts SOPS files with when a tenant's Kustomization names none;
   * needs `multitenantWorkloadIdentity`.
   * @default "default" of the tenant's namespace
   */
  readonly tenantDefaultDecryptionServiceAccount?: string;
  /**
   * The service account kustomize-controller and helm-controller reach remote clusters with (`kubeConfig` from a
   * ConfigMap) when a tenant's object names none; needs `multitenantWorkloadIdentity`.
   * @default "default" of the tenant's namespace
   */
  readonly tenantDefaultKubeConfigServiceAccount?: string;
}
