import { ClusterGraph, GraphEdge, GraphEdgeKind, GraphMark } from './graph-model';

/**
 * The graph with every `dependsOn` edge that lies on a cycle (its target leads back to its source through `dependsOn`
 * edges), and every node such an edge touches, marked {@link GraphMark.CYCLE}. An object that depends on itself is a
 * cycle too.
 */
export function markCycles(graph: ClusterGraph): ClusterGraph {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.kind === GraphEdgeKind.DEPENDS_ON) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>([start]);
    const todo = [start];
    while (todo.length > 0) {
      const at = todo.pop() as string;
      if (at === goal) return true;
      for (const n of next.get(at) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
      }
    }
    return false;
  };
  const inCycle = new Set<string>();
  const edges: GraphEdge[] = graph.edges.map((e) => {
    if (e.kind !== GraphEdgeKind.DEPENDS_ON || !reaches(e.to, e.from)) return e;
    inCycle.add(e.from);
    inCycle.add(e.to);
    return { ...e, mark: GraphMark.CYCLE };
  });
  const nodes = graph.nodes.map((n) => (inCycle.has(n.id) ? { ...n, mark: GraphMark.CYCLE } : n));
  return { ...graph, nodes, edges };
}
