import { toDot } from './dot';
import { ClusterGraph } from './graph-model';
import { toMermaid } from './mermaid';
import { toSvg } from './svg';

/** The output formats of a dependency graph. */
export enum GraphFormat {
  /** A Mermaid flowchart: renders in a GitHub comment, README or issue inside a ```mermaid block. */
  MERMAID = 'mermaid',
  /** Graphviz DOT text. */
  DOT = 'dot',
  /** An SVG picture, laid out in-process by Graphviz compiled to WebAssembly. */
  SVG = 'svg',
}

/** The graphs written in `format`. */
export async function renderGraphs(graphs: readonly ClusterGraph[], format: GraphFormat): Promise<string> {
  switch (format) {
    case GraphFormat.MERMAID:
      return toMermaid(graphs);
    case GraphFormat.DOT:
      return toDot(graphs);
    case GraphFormat.SVG:
      return toSvg(graphs);
  }
}
