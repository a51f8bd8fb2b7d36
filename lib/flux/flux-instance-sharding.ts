/** Where the source-controller shards keep their artifacts (`spec.sharding.storage`). */
export enum ShardStorage {
  /** An emptyDir. */
  EPHEMERAL = 'ephemeral',
  /** A persistent volume claim each, sized by the instance's `storage`. */
  PERSISTENT = 'persistent',
}

/**
 * Extra controller shards the operator runs beside the main controllers, each reconciling the objects labelled with
 * its name (`spec.sharding` of a FluxInstance).
 * @see https://fluxoperator.dev/docs/instance/sharding/
 */
export interface FluxInstanceSharding {
  /** The shard names, e.g. `["shard1", "shard2"]`. */
  readonly shards: readonly string[];
  /**
   * The label key the objects name their shard with.
   * @default "sharding.fluxcd.io/key" (the operator's default, not written)
   */
  readonly key?: string;
  /**
   * Where the source-controller shards keep their artifacts.
   * @default ShardStorage.EPHEMERAL (not written)
   */
  readonly storage?: ShardStorage;
}

/** The persistent volume claim of the source-controller (`spec.storage` of a FluxInstance). */
export interface FluxInstanceStorage {
  /** The storage class, e.g. `"standard"`. */
  readonly storageClass: string;
  /** The size, a Kubernetes quantity such as `"10Gi"`. */
  readonly size: string;
}
