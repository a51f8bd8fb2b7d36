import { instance } from '@viz-js/viz';
import { toDot } from './dot';
import { ClusterGraph } from './graph-model';

/**
 * The graphs drawn as an SVG document, laid out by Graphviz (compiled to WebAssembly, so no `dot` program is
 * needed) from {@link toDot}'s text.
 */
export async function toSvg(graphs: readonly ClusterGraph[]): Promise<string> {
  const viz = await instance();
  return viz.renderString(toDot(graphs), { format: 'svg', engine: 'dot' });
}
