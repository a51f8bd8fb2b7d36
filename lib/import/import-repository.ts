import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FluxValidationError } from '../errors';
import { FluxApp } from '../repo/flux-app';
import { ClusterWalk, walkClusters } from '../validate/cluster/cluster-walk';
import { clusterParts } from '../validate/remote-cluster';
import { ClusterFunction, KeptObject, OperatorClusterError, clusterProgram } from './cluster-program';
import { ObjectDifference, compareClusters } from './compare-clusters';
import { evaluateExpression } from './evaluate-expression';
import { IdentifierPool } from './names';
import { PROGRAM_ENTRY, programText } from './program-text';

/** Options of {@link importRepository}. */
export interface ImportOptions {
  /**
   * The URL of the git repository Flux syncs, for clusters whose `gotk-sync.yaml` does not name it.
   * @default the URL of the cluster's flux-system GitRepository; the import fails without one
   */
  readonly url?: string;
  /**
   * The branch Flux syncs, for clusters whose `gotk-sync.yaml` does not name it.
   * @default main
   */
  readonly branch?: string;
  /**
   * The name of the repository, for the program's opening comment.
   * @default the folder's name
   */
  readonly name?: string;
}

/** What {@link importRepository} made. */
export interface ImportedRepository {
  /** `main.ts`, formatted. */
  readonly program: string;
  /** The cluster folders imported, sorted. */
  readonly clusters: readonly string[];
  /** Objects written as they are instead of with a typed construct, and fields the program cannot express. */
  readonly kept: readonly KeptObject[];
  /** What the program's tree applies differently from the repository, object by object: empty when it reproduces it. */
  readonly differences: readonly ObjectDifference[];
  /** Files the program reads beside it (the SOPS files it moves), by path in the project, with their text. */
  readonly files: ReadonlyMap<string, string>;
}

/** How many times the import replaces typed constructs that do not reproduce their object before it gives up. */
const ROUNDS = 3;

/** The program's functions, one per cluster, with what each keeps as written. */
function buildProgram(
  root: string,
  walk: ClusterWalk,
  options: ImportOptions,
  keep: ReadonlyMap<string, string>,
): { functions: ClusterFunction[]; kept: KeptObject[]; files: Map<string, string> } {
  const files = new Map<string, string>();
  const names = new IdentifierPool();
  names.take(PROGRAM_ENTRY, 'cluster');
  const kept: KeptObject[] = [];
  const functions = walk.entryPoints.flatMap((entry) => {
    // with the builds of the remote clusters its Kustomizations apply to through a kubeConfig
    const builds = walk.builds.filter((b) => clusterParts(b.cluster).cluster === entry.folder);
    const name = names.take(path.posix.basename(entry.folder) || 'main', 'cluster');
    let made: ReturnType<typeof clusterProgram>;
    try {
      made = clusterProgram({
        root,
        entry,
        builds,
        name,
        url: options.url,
        branch: options.branch,
        files,
        keep: new Map(
          [...keep].filter(([k]) => k.startsWith(`${entry.folder}#`)).map(([k, v]) => [k.split('#')[1], v]),
        ),
      });
    } catch (e) {
      if (!(e instanceof OperatorClusterError)) throw e;
      kept.push({
        cluster: entry.folder,
        object: 'FluxInstance flux-system/flux',
        file: entry.file,
        reason: e.message,
      });
      return [];
    }
    kept.push(...made.kept);
    return [made.fn];
  });
  return { functions, kept, files };
}

/**
 * Runs the program's statements against the library in a project folder holding `files`, and writes its tree into
 * `outdir`.
 */
function synthesize(
  functions: readonly ClusterFunction[],
  files: ReadonlyMap<string, string>,
  project: string,
  outdir: string,
): void {
  for (const [file, text] of files) {
    const target = path.join(project, ...file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const app = new FluxApp({ outdir, quiet: true });
  for (const fn of functions) {
    const variables = new Map<string, unknown>([['app', app]]);
    for (const statement of fn.statements) {
      const made = evaluateExpression(statement.expression, variables, project);
      if (statement.variable !== undefined) variables.set(statement.variable, made);
    }
  }
  app.synth();
}

/**
 * Imports the Flux repository in `root` as a cdk8s-flux program: reads it as `cdk8s-flux validate` does (clusters,
 * entry points, the Flux Kustomizations and what each applies), writes one function per cluster, then runs the
 * program and compares what Flux would apply from its tree with what it applies from `root`, object by object. An
 * object that its typed construct does not reproduce is written as it is (an `ApiObject`) and listed in `kept`.
 *
 * @throws KustomizeMissingError when neither kustomize nor kubectl is installed
 */
export async function importRepository(root: string, options: ImportOptions = {}): Promise<ImportedRepository> {
  const original = await walkClusters(root);
  const keep = new Map<string, string>();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-import-'));
  try {
    for (let round = 1; ; round++) {
      const { functions, kept, files } = buildProgram(root, original, options, keep);
      const outdir = path.join(temp, `round-${round}`);
      try {
        synthesize(functions, files, path.join(temp, `project-${round}`), outdir);
      } catch (e) {
        if (!(e instanceof FluxValidationError)) throw e;
        throw new Error(`the program imported from ${root} does not synthesize, so it is not written: ${e.message}`);
      }
      // a cluster left out (and listed in kept) is not compared: each of its objects would show as missing
      const imported = (cluster: string) => functions.some((f) => clusterParts(cluster).cluster === f.folder);
      const differences = compareClusters(original, await walkClusters(outdir)).filter((d) => imported(d.cluster));
      let replaced = 0;
      for (const d of differences) {
        const key = `${d.cluster}#${d.key}`;
        if (d.change !== 'changed' || keep.has(key) || d.key.startsWith('Kustomization|')) continue;
        keep.set(key, `its typed construct writes ${(d.fields ?? []).join(', ')} differently`);
        replaced++;
      }
      if (replaced === 0 || round === ROUNDS) {
        return {
          program: programText(functions, options.name ?? path.basename(path.resolve(root))),
          clusters: functions.map((f) => f.folder).sort(),
          kept,
          differences,
          files,
        };
      }
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
