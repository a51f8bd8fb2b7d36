import { ClusterGraph } from './graph-model';
import { slug } from './node-ids';

/** How a cluster is named in output and in `--cluster`: its folder, `.` for the tree root. */
export function clusterName(graph: ClusterGraph): string {
  return graph.cluster === '' ? '.' : graph.cluster;
}

/** The id of a cluster's subgraph: `c_clusters_staging`, `c_root` for the tree root. */
export function clusterId(graph: ClusterGraph): string {
  return graph.cluster === '' ? 'c_root' : `c_${slug(graph.cluster)}`;
}

/**
 * The id a node gets in a drawing of `graphs`: its own id when one cluster is drawn, prefixed by the cluster's id
 * when several are (each cluster has its own copy of a shared folder's objects).
 */
export function drawnIdOf(graphs: readonly ClusterGraph[]): (graph: ClusterGraph, id: string) => string {
  return graphs.length === 1 ? (_graph, id) => id : (graph, id) => `${clusterId(graph)}__${id}`;
}

/** The text a node or edge shows, with what is wrong spelled out for readers who cannot see the red. */
export const NOT_FOUND = ' (not found)';
/** The label of a `dependsOn` edge on a cycle. */
export const CYCLE_LABEL = 'dependsOn (cycle)';
