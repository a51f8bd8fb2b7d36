import { clusterName, clusterId, drawnIdOf, CYCLE_LABEL, NOT_FOUND } from './graph-ids';
import { ClusterGraph, GraphEdge, GraphEdgeKind, GraphMark, GraphNode, GraphNodeKind, isProblem } from './graph-model';

const RED = '#d00000';

/** The Mermaid shape of each kind of node: its opening and closing brackets. */
const SHAPES: Readonly<Record<GraphNodeKind, readonly [string, string]>> = {
  [GraphNodeKind.KUSTOMIZATION]: ['[', ']'],
  [GraphNodeKind.HELM_RELEASE]: ['(', ')'],
  [GraphNodeKind.RESOURCE_SET]: ['[[', ']]'],
  [GraphNodeKind.FLUX_INSTANCE]: ['{{', '}}'],
  [GraphNodeKind.SOURCE]: ['[(', ')]'],
  [GraphNodeKind.FOLDER]: ['[/', '/]'],
  [GraphNodeKind.OTHER]: ['>', ']'],
};

const quoted = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

function nodeLine(node: GraphNode, id: string): string {
  const [open, close] = SHAPES[node.kind];
  const label = node.mark === GraphMark.UNRESOLVED ? `${node.label}${NOT_FOUND}` : node.label;
  return `${id}${open}${quoted(label)}${close}`;
}

function edgeLine(edge: GraphEdge, from: string, to: string): string {
  if (edge.kind === GraphEdgeKind.HOLDS) return `${from} -.-> ${to}`;
  const label = edge.mark === GraphMark.CYCLE ? CYCLE_LABEL : edge.kind;
  return `${from} -->|${label}| ${to}`;
}

/**
 * The graphs as one Mermaid flowchart (left to right), as GitHub renders it in a comment or a README. Kustomizations
 * are rectangles, HelmReleases rounded, sources cylinders, folders parallelograms; unresolved references and
 * `dependsOn` cycles are red (and say so in their text), objects made outside the tree dashed. Several clusters
 * are drawn each in its own subgraph.
 */
export function toMermaid(graphs: readonly ClusterGraph[]): string {
  const drawnId = drawnIdOf(graphs);
  const lines = ['flowchart LR'];
  const problems: string[] = [];
  const external: string[] = [];
  const redEdges: number[] = [];
  const edgeLines: string[] = [];
  for (const graph of graphs) {
    const several = graphs.length > 1;
    if (several) lines.push(`  subgraph ${clusterId(graph)}[${quoted(clusterName(graph))}]`);
    for (const node of graph.nodes) {
      const id = drawnId(graph, node.id);
      lines.push(`${several ? '    ' : '  '}${nodeLine(node, id)}`);
      if (isProblem(node)) problems.push(id);
      else if (node.mark === GraphMark.EXTERNAL) external.push(id);
    }
    if (several) lines.push('  end');
    for (const edge of graph.edges) {
      if (isProblem(edge)) redEdges.push(edgeLines.length);
      edgeLines.push(`  ${edgeLine(edge, drawnId(graph, edge.from), drawnId(graph, edge.to))}`);
    }
  }
  lines.push(...edgeLines);
  lines.push(`  classDef problem stroke:${RED},stroke-width:2px,color:${RED}`);
  lines.push('  classDef external stroke-dasharray:5 5');
  if (problems.length > 0) lines.push(`  class ${problems.join(',')} problem`);
  if (external.length > 0) lines.push(`  class ${external.join(',')} external`);
  if (redEdges.length > 0) lines.push(`  linkStyle ${redEdges.join(',')} stroke:${RED},stroke-width:2px,color:${RED}`);
  return `${lines.join('\n')}\n`;
}
