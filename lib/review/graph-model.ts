/** What a node of a dependency graph stands for. */
export enum GraphNodeKind {
  /** A Flux Kustomization: applies a folder of a source. */
  KUSTOMIZATION = 'Kustomization',
  /** A Flux HelmRelease: installs a chart. */
  HELM_RELEASE = 'HelmRelease',
  /** A Flux Operator ResourceSet: makes objects from templates. */
  RESOURCE_SET = 'ResourceSet',
  /** A Flux Operator FluxInstance: installs Flux and syncs the cluster from its source. */
  FLUX_INSTANCE = 'FluxInstance',
  /** A Flux source: GitRepository, OCIRepository, HelmRepository, HelmChart, Bucket, ExternalArtifact. */
  SOURCE = 'source',
  /** A folder that a Kustomization or FluxInstance applies. */
  FOLDER = 'folder',
  /** An object of another kind that a ResourceSet waits for (a CRD...), made in the cluster. */
  OTHER = 'other',
}

/** What an edge of a dependency graph says about its two ends. */
export enum GraphEdgeKind {
  /** `from` waits for `to` to be ready (`spec.dependsOn`). */
  DEPENDS_ON = 'dependsOn',
  /** `from` takes its files or chart from the source `to` (`sourceRef`, `chart.spec.sourceRef`, `chartRef`). */
  SOURCE = 'source',
  /** `from` applies the folder `to` (`spec.path`, a FluxInstance's `spec.sync.path`). */
  APPLIES = 'applies',
  /** The folder `from` holds the object `to`. */
  HOLDS = 'holds',
  /** The FluxInstance `from` makes the source `to` and syncs the cluster from it (`spec.sync`). */
  SYNCS = 'syncs',
}

/** Why a node or edge is drawn apart from the others. */
export enum GraphMark {
  /** A reference to an object (or a folder) that the tree does not hold: Flux fails on it. Drawn in red. */
  UNRESOLVED = 'unresolved',
  /** Part of a `dependsOn` cycle: none of its members ever becomes ready. Drawn in red. */
  CYCLE = 'cycle',
  /**
   * Made outside the tree: declared external, made by `flux bootstrap`, a FluxInstance or a controller, or a folder
   * of another source. Drawn dashed.
   */
  EXTERNAL = 'external',
}

/** One node of a {@link ClusterGraph}. */
export interface GraphNode {
  /**
   * The node's id in Mermaid and DOT output: letters, digits and `_`, made from the kind, namespace and name (or the
   * folder's path), so it stays the same when other objects are added or removed.
   */
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** What the node shows: `Kustomization flux-system/apps`, `apps/staging/`. */
  readonly label: string;
  /** The file of the tree that holds the object, relative to the tree root. @default none (not in the tree) */
  readonly file?: string;
  /** @default none: an ordinary node */
  readonly mark?: GraphMark;
}

/** One edge of a {@link ClusterGraph}. */
export interface GraphEdge {
  /** The id of the node the edge leaves. */
  readonly from: string;
  /** The id of the node the edge points at. */
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** {@link GraphMark.UNRESOLVED} or {@link GraphMark.CYCLE} for an edge drawn in red. @default none */
  readonly mark?: GraphMark;
}

/** The dependency graph of one cluster: what Flux reconciles there and in which order. */
export interface ClusterGraph {
  /**
   * The cluster's folder, relative to the tree root: the folder around its `flux-system` folder (`clusters/staging`),
   * `""` for the tree root.
   */
  readonly cluster: string;
  /** Sorted by id. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by `from`, then `to`, then kind. */
  readonly edges: readonly GraphEdge[];
}

/** True when the node or edge is drawn in red: an unresolved reference or a `dependsOn` cycle. */
export function isProblem(item: GraphNode | GraphEdge): boolean {
  return item.mark === GraphMark.UNRESOLVED || item.mark === GraphMark.CYCLE;
}
