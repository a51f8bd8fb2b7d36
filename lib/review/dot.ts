import { clusterName, clusterId, drawnIdOf, CYCLE_LABEL, NOT_FOUND } from './graph-ids';
import { ClusterGraph, GraphEdge, GraphEdgeKind, GraphMark, GraphNode, GraphNodeKind, isProblem } from './graph-model';

const RED = '#d00000';

/** The Graphviz shape (and style) of each kind of node. */
const SHAPES: Readonly<Record<GraphNodeKind, { readonly shape: string; readonly style?: string }>> = {
  [GraphNodeKind.KUSTOMIZATION]: { shape: 'box' },
  [GraphNodeKind.HELM_RELEASE]: { shape: 'box', style: 'rounded' },
  [GraphNodeKind.RESOURCE_SET]: { shape: 'component' },
  [GraphNodeKind.FLUX_INSTANCE]: { shape: 'hexagon' },
  [GraphNodeKind.SOURCE]: { shape: 'cylinder' },
  [GraphNodeKind.FOLDER]: { shape: 'folder' },
  [GraphNodeKind.OTHER]: { shape: 'ellipse' },
};

/** A DOT string: quoted, with backslashes and quotes escaped. */
const str = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const attributes = (attrs: readonly (readonly [string, string | undefined])[]) =>
  `[${attrs
    .filter((a): a is readonly [string, string] => a[1] !== undefined)
    .map(([k, v]) => `${k}=${str(v)}`)
    .join(', ')}]`;

function nodeLine(node: GraphNode, id: string): string {
  const { shape, style } = SHAPES[node.kind];
  const red = isProblem(node);
  const styles = [style, node.mark === GraphMark.EXTERNAL || node.mark === GraphMark.UNRESOLVED ? 'dashed' : undefined];
  const styleText = styles.filter((s) => s !== undefined).join(',');
  return `${str(id)} ${attributes([
    ['label', node.mark === GraphMark.UNRESOLVED ? `${node.label}${NOT_FOUND}` : node.label],
    ['shape', shape],
    ['style', styleText === '' ? undefined : styleText],
    ['color', red ? RED : undefined],
    ['fontcolor', red ? RED : undefined],
    ['penwidth', red ? '2' : undefined],
  ])};`;
}

function edgeLine(edge: GraphEdge, from: string, to: string): string {
  const red = isProblem(edge);
  const label = edge.kind === GraphEdgeKind.HOLDS ? undefined : edge.mark === GraphMark.CYCLE ? CYCLE_LABEL : edge.kind;
  return `${str(from)} -> ${str(to)} ${attributes([
    ['label', label],
    ['style', edge.kind === GraphEdgeKind.HOLDS ? 'dotted' : undefined],
    ['color', red ? RED : undefined],
    ['fontcolor', red ? RED : undefined],
    ['penwidth', red ? '2' : undefined],
  ])};`;
}

/**
 * The graphs as one Graphviz DOT digraph (left to right), each cluster a labelled subgraph. Kustomizations are
 * boxes, HelmReleases rounded boxes, sources cylinders, folders folders; unresolved references and `dependsOn`
 * cycles are red (and say so in their text), objects made outside the tree dashed.
 */
export function toDot(graphs: readonly ClusterGraph[]): string {
  const drawnId = drawnIdOf(graphs);
  const lines = [
    'digraph flux {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const graph of graphs) {
    lines.push(`  subgraph ${str(`cluster_${clusterId(graph)}`)} {`, `    label=${str(clusterName(graph))};`);
    for (const node of graph.nodes) lines.push(`    ${nodeLine(node, drawnId(graph, node.id))}`);
    lines.push('  }');
  }
  for (const graph of graphs) {
    for (const edge of graph.edges)
      lines.push(`  ${edgeLine(edge, drawnId(graph, edge.from), drawnId(graph, edge.to))}`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
