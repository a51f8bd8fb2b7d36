/** What happens to an object, or to one field of it, between two states of a repository. */
export enum ChangeKind {
  /** It is in the new state only: Flux creates it (for a field: sets it). */
  ADDED = 'added',
  /** It is in the old state only: Flux deletes it when prune is on (for a field: unsets it). */
  REMOVED = 'removed',
  /** It is in both, with other values. */
  CHANGED = 'changed',
  /** An object applied by another Flux Kustomization than before (its fields may change too); never a field. */
  MOVED = 'moved',
}

/** The kinds of change that deserve a second look before merging. */
export enum DangerKind {
  /** A deletion prune carries out that takes data or other objects with it (a Namespace, a CRD, a PVC...). */
  PRUNE_DELETES_DATA = 'prune-deletes-data',
  /** A change to a field the API server refuses to change, so the apply fails (or the object is re-created). */
  IMMUTABLE_FIELD = 'immutable-field',
  /** A Flux object is suspended: Flux stops reconciling it. */
  SUSPENDED = 'suspended',
  /** A Flux object is resumed: every change made while it was suspended is applied at once. */
  RESUMED = 'resumed',
  /** A Flux Kustomization starts pruning: objects that left its folder earlier are deleted. */
  PRUNE_TURNED_ON = 'prune-turned-on',
  /** A Flux Kustomization stops decrypting SOPS files. */
  DECRYPTION_REMOVED = 'decryption-removed',
  /** A Helm chart moves to another major version. */
  CHART_MAJOR_VERSION = 'chart-major-version',
  /** A `dependsOn` entry is dropped: the object no longer waits for the other. */
  DEPENDS_ON_DROPPED = 'depends-on-dropped',
  /** An object moves to another Flux Kustomization while the old one prunes: it may be deleted, then re-created. */
  MOVED_BETWEEN_KUSTOMIZATIONS = 'moved-between-kustomizations',
}

/** One dangerous change, with why it is dangerous. */
export interface Danger {
  readonly kind: DangerKind;
  /**
   * The field it is about (`spec.selector`), as {@link FieldChange.path} writes it.
   * @default the object as a whole
   */
  readonly field?: string;
  /** Why it is dangerous, in a sentence a reviewer can act on. */
  readonly why: string;
}

/** One field that differs. Values are plain JSON; they are left out when `secret` is set. */
export interface FieldChange {
  /** Where it is: `spec.template.spec.containers[app].image`, `metadata.annotations["example.com/x"]`. */
  readonly path: string;
  /** Added, removed or changed (never moved). */
  readonly change: ChangeKind;
  /**
   * The old value.
   * @default none: the field is added, or its value is secret
   */
  readonly before?: unknown;
  /**
   * The new value.
   * @default none: the field is removed, or its value is secret
   */
  readonly after?: unknown;
  /** The value is secret (Secret data) or encrypted (SOPS): only that it changed is told. */
  readonly secret: boolean;
}

/** One object that differs between the two states. */
export interface ObjectChange {
  /** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
  readonly id: string;
  /** The API group (`apps`; `""` for the core group), which tells two kinds of the same name apart. */
  readonly group: string;
  readonly change: ChangeKind;
  /**
   * The file it comes from (in the new state; in the old one for a removed object).
   * @default none: a generated object without a file
   */
  readonly file?: string;
  /** The fields that differ: for an added or removed object, none. */
  readonly fields: readonly FieldChange[];
  /** For a removed object: Flux deletes it (its Kustomization prunes); otherwise it is left in the cluster. */
  readonly pruned: boolean;
  /**
   * For a moved object: the Flux Kustomization (`namespace/name`) that applied it before.
   * @default none: the object did not move
   */
  readonly movedFrom?: string;
  /** What is dangerous about the change, each with why. */
  readonly dangers: readonly Danger[];
}

/** The changes of what one Flux Kustomization applies. */
export interface KustomizationChanges {
  /** The Flux Kustomization, `namespace/name`. */
  readonly kustomization: string;
  /** The file that declares it (in the new state, or the old one when it is removed). */
  readonly file: string;
  /** The objects that differ, sorted by id. */
  readonly objects: readonly ObjectChange[];
}

/** The changes of one cluster. */
export interface ClusterChanges {
  /** The cluster: the folder its root Kustomization applies (`.` for the tree root). */
  readonly cluster: string;
  /** Each Flux Kustomization with a change, sorted. */
  readonly kustomizations: readonly KustomizationChanges[];
}

/** A Flux Kustomization whose objects cannot be compared: one of the states cannot be built. */
export interface NotCompared {
  readonly cluster: string;
  readonly kustomization: string;
  readonly file: string;
  /** Which state fails to build: `old`, `new` or `both`. */
  readonly failsIn: 'old' | 'new' | 'both';
}

/** What a change of a repository does to the objects Flux applies. */
export interface RepositoryDiff {
  /** The clusters with a change, sorted. */
  readonly clusters: readonly ClusterChanges[];
  /** Flux Kustomizations left out of the comparison. */
  readonly notCompared: readonly NotCompared[];
}

/** Every object change of a diff, with its cluster and Flux Kustomization, in report order. */
export function allChanges(
  diff: RepositoryDiff,
): { readonly cluster: string; readonly kustomization: string; readonly object: ObjectChange }[] {
  return diff.clusters.flatMap((c) =>
    c.kustomizations.flatMap((k) =>
      k.objects.map((object) => ({ cluster: c.cluster, kustomization: k.kustomization, object })),
    ),
  );
}

/** How many objects each kind of change touches, and how many changes are dangerous. */
export interface DiffCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly moved: number;
  /** Object changes with at least one danger. */
  readonly dangerous: number;
  /** Flux Kustomizations with a change. */
  readonly kustomizations: number;
  /** Clusters with a change. */
  readonly clusters: number;
}

/** The counts of a diff, for its summary line. */
export function countChanges(diff: RepositoryDiff): DiffCounts {
  const changes = allChanges(diff).map((c) => c.object);
  const count = (kind: ChangeKind) => changes.filter((o) => o.change === kind).length;
  return {
    added: count(ChangeKind.ADDED),
    removed: count(ChangeKind.REMOVED),
    changed: count(ChangeKind.CHANGED),
    moved: count(ChangeKind.MOVED),
    dangerous: changes.filter((o) => o.dangers.length > 0).length,
    kustomizations: diff.clusters.reduce((n, c) => n + c.kustomizations.length, 0),
    clusters: diff.clusters.length,
  };
}

/** True when some change of the diff is dangerous. */
export function isDangerous(diff: RepositoryDiff): boolean {
  return allChanges(diff).some((c) => c.object.dangers.length > 0);
}
