import * as fs from 'fs';
import { clusterName } from '../review/graph-ids';
import { dependencyGraphs } from '../review/dependency-graph';
import { GraphFormat, renderGraphs } from '../review/graph-format';
import { GraphMark, isProblem } from '../review/graph-model';
import { readTree } from '../validate/read-tree';
import { writeFileAtomic } from '../render/atomic-write';
import { CliIo, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { FlagSpec, ParsedFlags, parseFlags } from './parse-flags';
import { reportFailure } from './report-failure';
import { unknownName } from './unknown-name';

/** The help text of `cdk8s-flux graph`. */
export const GRAPH_USAGE = `usage: cdk8s-flux graph [DIR] [--format mermaid|dot|svg] [--out FILE] [--cluster NAME]

Draws the dependency graph of each cluster of a GitOps tree (a synthesized one or a hand-written one): the
Flux Kustomizations, HelmReleases, ResourceSets and FluxInstances, the sources they use, the folders they
apply and what each folder holds, with the dependsOn edges that decide the order Flux reconciles them in.
References that resolve to nothing and dependsOn cycles are drawn in red; objects made outside the tree
(by flux bootstrap, a FluxInstance, a controller) dashed. Nothing is sent anywhere: no cluster is needed.

A cluster is the folder around a flux-system folder (clusters/staging); it holds what is under its folder
and what its Kustomizations apply from the tree (apps/, infrastructure/).

DIR               the tree (default: the current folder)
--format FORMAT   mermaid (default; renders in a GitHub comment or README), dot (Graphviz), or svg (a picture,
                  drawn in-process: no Graphviz program needed)
--out FILE        write the graph to FILE instead of standard output
--cluster NAME    draw only this cluster: its folder (clusters/staging) or the folder's last name (staging)

example:
  cdk8s-flux graph dist --cluster cluster-resources/flux --format svg --out flux-graph.svg

Exit code: 0 when nothing is red, 1 when a reference resolves to nothing or dependsOn forms a cycle (the graph
is written all the same), 2 when the command is used wrongly.`;

const GRAPH_FLAGS: readonly FlagSpec[] = [
  { name: 'format', kind: 'string' },
  { name: 'out', kind: 'string' },
  { name: 'cluster', kind: 'string' },
];

const FORMATS: readonly string[] = Object.values(GraphFormat);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `cdk8s-flux graph [DIR]`: prints (or writes to `--out`) the dependency graph of the tree's clusters.
 *
 * @param args the arguments after `graph`
 * @returns the exit code: 0 nothing red, 1 unresolved references or cycles, 2 wrong usage
 */
export async function runGraph(args: readonly string[], io: CliIo): Promise<number> {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, GRAPH_FLAGS);
  } catch (e) {
    return reportFailure(e, io, 'cdk8s-flux graph');
  }
  if (flags.help) {
    io.out(GRAPH_USAGE);
    return 0;
  }
  if (flags.positionals.length > 1) {
    io.err(`cdk8s-flux graph: name one folder\n${GRAPH_USAGE}`);
    return EXIT_USAGE;
  }
  const dir = flags.positionals[0] ?? '.';
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    io.err(`cdk8s-flux graph: ${dir} is not a folder`);
    return EXIT_USAGE;
  }
  const format = flags.values.get('format')?.[0] ?? GraphFormat.MERMAID;
  if (!FORMATS.includes(format)) {
    io.err(`cdk8s-flux graph: ${unknownName('format', format, FORMATS)}; the formats are ${FORMATS.join(', ')}`);
    return EXIT_USAGE;
  }
  let graphs = dependencyGraphs(readTree(dir).records);
  const wanted = flags.values.get('cluster')?.[0];
  if (wanted !== undefined) {
    const names = graphs.map(clusterName);
    graphs = graphs.filter((g) => clusterName(g) === wanted || clusterName(g).split('/').pop() === wanted);
    if (graphs.length === 0) {
      const known = [...names, ...names.map((n) => n.split('/').pop() as string)];
      io.err(`cdk8s-flux graph: ${unknownName('cluster', wanted, known)}; the clusters are ${names.join(', ')}`);
      return EXIT_USAGE;
    }
  }
  const text = await renderGraphs(graphs, format as GraphFormat);
  const out = flags.values.get('out')?.[0];
  if (out === undefined) {
    io.out(text.replace(/\n$/, ''));
  } else {
    try {
      writeFileAtomic(out, text, { overwrite: true });
    } catch (e) {
      return reportFailure(e, io, 'cdk8s-flux graph');
    }
    io.err(`cdk8s-flux graph: wrote the graph of ${plural(graphs.length, 'cluster')} to ${out}`);
  }
  const edges = graphs.flatMap((g) => g.edges).filter(isProblem);
  const unresolved = edges.filter((e) => e.mark === GraphMark.UNRESOLVED).length;
  const cycles = edges.length - unresolved;
  if (edges.length === 0) return 0;
  const parts = [
    unresolved > 0 ? `${plural(unresolved, 'reference')} that resolve${unresolved === 1 ? 's' : ''} to nothing` : '',
    cycles > 0 ? `${plural(cycles, 'dependsOn edge')} on a cycle` : '',
  ].filter((p) => p !== '');
  io.err(`cdk8s-flux graph: ${parts.join(' and ')}, drawn in red; cdk8s-flux validate ${dir} tells more`);
  return EXIT_PROBLEMS;
}
