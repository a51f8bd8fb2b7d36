import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Issue } from '../../errors';
import { apiGroup, kustomizationId, objectIdOf, stringField } from '../manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';
import { ManifestRecord } from '../record';
import { EntryPoint, findEntryPoints, folderOfPath } from './entry-points';
import { buildFluxKustomization } from './flux-build';
import { KustomizeProgram, findKustomize, inParallel } from './kustomize-program';
import { Variables } from './substitute';
import { mirrorTree } from './mirror';
import { ArtifactCopy, layOutArtifacts } from './artifacts';
import { BuildCache } from './build-cache';
import { buildInputs } from './build-inputs';
import { remoteClusterName } from '../remote-cluster';

/** What one Flux Kustomization of this repository applies, as the walk built it. */
export interface KustomizationBuild {
  /** The cluster it applies to (with its kubeConfig Secret when it applies to another cluster). */
  readonly cluster: string;
  /** The Flux Kustomization, as Flux sees it (the one `flux bootstrap` or the operator makes, for an entry point). */
  readonly kustomization: Record<string, unknown>;
  /** The file that declares it, relative to the tree root. */
  readonly file: string;
  /** The objects it applies (the same records as in {@link ClusterWalk.records}); none when the build failed. */
  readonly records: readonly ManifestRecord[];
  /** True when Flux cannot build it (its folder is missing or Kustomize fails): what it applies is unknown. */
  readonly failed: boolean;
}

/** Options of {@link walkClusters}. */
export interface WalkOptions {
  /**
   * Builds of another walk, reused where nothing they read differs, and kept for the next walk.
   * @default every folder is built
   */
  readonly cache?: BuildCache;
}

/** What Flux applies to the clusters of a tree, as far as the tree tells. */
export interface ClusterWalk {
  /** The entry points found; none means the tree holds no cluster (a repository of components). */
  readonly entryPoints: readonly EntryPoint[];
  /** Every object applied, with its cluster and file; the bootstrap's objects as external records. */
  readonly records: readonly ManifestRecord[];
  /** Problems Flux itself would fail on: a path that is not there, a failing build, an unset variable. */
  readonly issues: readonly Issue[];
  /** What works but is suspicious: generator inputs missing from the tree. */
  readonly warnings: readonly Issue[];
  /** Every file (relative to the tree root) that some Flux Kustomization applies or builds from. */
  readonly reached: ReadonlySet<string>;
  /** Every folder (relative to the tree root) a Flux Kustomization builds, whether the build works or not. */
  readonly built: ReadonlySet<string>;
  /**
   * Files holding objects with `${var}` left: known only in the cluster, or unset (then the build is refused and
   * reported once at the Flux Kustomization).
   */
  readonly unknownValues: ReadonlySet<string>;
  /** The clusters that run the Flux Operator. */
  readonly operatorClusters: ReadonlySet<string>;
  /** Each Flux Kustomization followed, with what it applies, in the order they were built. */
  readonly builds: readonly KustomizationBuild[];
}

const isFluxKustomization = (m: Record<string, unknown>) =>
  m.kind === 'Kustomization' && apiGroup(stringField(m, 'apiVersion') ?? '') === 'kustomize.toolkit.fluxcd.io';

/** One Flux Kustomization to build: where it is, in which cluster, and the objects it may look up. */
interface Pending {
  readonly cluster: string;
  readonly entry: EntryPoint;
  readonly kustomization: Record<string, unknown>;
  readonly file: string;
}

/** Kustomize's reasons that a reader can act on, found in its nested messages. */
const CAUSES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /may not add resource with an already registered id: ([^\s']+)/,
    (m) => `two resources are the same object, ${m[1]}`,
  ],
  [/failed to get the patch file from path\(([^)]*)\)/, (m) => `patch file ${m[1]} is missing`],
  [
    /accumulating resources from '([^']+)': open [^']*: no such file or directory/,
    (m) => `resource ${m[1]} is missing`,
  ],
  [/unable to find one of 'kustomization.yaml'/, () => 'a resources folder has no kustomization.yaml'],
  [
    /loading KV pairs: .*?: (\S+): no such file or directory/,
    (m) => `generator input ${path.basename(m[1])} is missing`,
  ],
];

/** The reason of a Kustomize error in a few words, or a pointer to the full one. */
function rootCause(error: string): string {
  for (const [pattern, say] of CAUSES) {
    const m = pattern.exec(error);
    if (m !== null) return say(m);
  }
  return 'run `kubectl kustomize` on the folder to see why';
}

/** The variables of a Flux Kustomization's postBuild, looked up among the objects of its cluster built so far. */
function variablesOf(kustomization: Record<string, unknown>, known: readonly ManifestRecord[]): Variables | undefined {
  const spec = isPlainObject(kustomization.spec) ? kustomization.spec : {};
  if (!isPlainObject(spec.postBuild)) return undefined;
  const values = new Map<string, string>();
  let incomplete = false;
  const namespace = stringField(kustomization.metadata, 'namespace');
  for (const from of Array.isArray(spec.postBuild.substituteFrom) ? spec.postBuild.substituteFrom : []) {
    const kind = stringField(from, 'kind');
    const name = stringField(from, 'name');
    const found = known.find((r) => {
      const id = objectIdOf(r.manifest);
      return id !== undefined && id.kind === kind && id.name === name && (id.namespace ?? namespace) === namespace;
    });
    if (found === undefined || found.external === true || found.encrypted === true) {
      incomplete ||= !(isPlainObject(from) && from.optional === true) || found !== undefined;
      continue;
    }
    const m = found.manifest;
    const decode = kind === 'Secret' ? (v: string) => Buffer.from(v, 'base64').toString('utf8') : (v: string) => v;
    for (const [k, v] of Object.entries(isPlainObject(m.data) ? m.data : {}))
      if (typeof v === 'string') values.set(k, decode(v));
    for (const [k, v] of Object.entries(isPlainObject(m.stringData) ? m.stringData : {}))
      if (typeof v === 'string') values.set(k, v);
  }
  for (const [k, v] of Object.entries(isPlainObject(spec.postBuild.substitute) ? spec.postBuild.substitute : {})) {
    if (typeof v === 'string') values.set(k, v);
  }
  return { values, incomplete };
}

/**
 * Walks every cluster of a tree as Flux does: from each entry point, builds the folder of each Flux Kustomization on a
 * source that delivers this repository with real Kustomize (in parallel, one build per core), applies the
 * Kustomization's own transforms and postBuild variables, and follows the Flux Kustomizations that result.
 * Kustomizations on other sources (another repository, an OCI artifact of another repository) are not followed.
 * A Kustomization with `kubeConfig` applies to another cluster, named after its kubeconfig Secret.
 *
 * @throws KustomizeMissingError when the tree has a cluster and neither kustomize nor kubectl is installed
 */
export async function walkClusters(root: string, options: WalkOptions = {}): Promise<ClusterWalk> {
  const entryPoints = findEntryPoints(root);
  const empty = {
    entryPoints,
    records: [],
    issues: [],
    warnings: [],
    reached: new Set<string>(),
    built: new Set<string>(),
    unknownValues: new Set<string>(),
    builds: [],
  };
  if (entryPoints.length === 0) return { ...empty, operatorClusters: new Set() };
  const program: KustomizeProgram = findKustomize();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-validate-'));
  try {
    const mirror = path.join(temp, 'tree');
    const missing = mirrorTree(root, mirror);
    const reuse = options.cache === undefined ? undefined : { cache: options.cache, root: path.resolve(root) };
    const result = await walk(mirror, temp, program, entryPoints, reuse);
    return { ...result, warnings: missing };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function walk(
  mirror: string,
  temp: string,
  program: KustomizeProgram,
  entryPoints: readonly EntryPoint[],
  reuse: { readonly cache: BuildCache; readonly root: string } | undefined,
): Promise<Omit<ClusterWalk, 'warnings'>> {
  const records: ManifestRecord[] = [];
  /** The records of each cluster, in the order they were found: what postBuild variables are looked up in. */
  const byCluster = new Map<string, ManifestRecord[]>();
  const add = (record: ManifestRecord & { readonly cluster: string }) => {
    records.push(record);
    const same = byCluster.get(record.cluster);
    if (same === undefined) byCluster.set(record.cluster, [record]);
    else same.push(record);
  };
  const builds: KustomizationBuild[] = [];
  const issues: Issue[] = [];
  const reached = new Set<string>();
  const built = new Set<string>();
  const unknownValues = new Set<string>();
  const operatorClusters = new Set(entryPoints.filter((e) => e.operator).map((e) => e.folder));
  const visited = new Set<string>();
  /** Where each source that delivers this repository lies on disk, by `cluster|Kind/namespace/name`. */
  const roots = new Map<string, string>();
  const copies: ArtifactCopy[] = [];
  const toTree = (abs: string | undefined) => {
    if (abs === undefined) return undefined;
    const copy = copies.find((c) => abs === c.artifact || abs.startsWith(`${c.artifact}${path.sep}`));
    const rel = path.relative(
      mirror,
      copy === undefined ? abs : path.join(copy.tree, path.relative(copy.artifact, abs)),
    );
    return rel.startsWith('..') ? undefined : rel.split(path.sep).join('/');
  };
  let wave: Pending[] = [];
  for (const entry of entryPoints) {
    for (const r of entry.implied) add({ ...r, cluster: entry.folder });
    entry.sources.forEach((s) => roots.set(`${entry.folder}|${s}`, mirror));
    wave.push({ cluster: entry.folder, entry, kustomization: entry.kustomization, file: entry.file });
  }
  let folders = 0;
  while (wave.length > 0) {
    const current = wave.filter((p) => {
      const key = `${p.cluster}|${stringField(p.kustomization.metadata, 'namespace') ?? ''}|${stringField(p.kustomization.metadata, 'name') ?? ''}`;
      if (visited.has(key)) return false;
      visited.add(key);
      return true;
    });
    wave = [];
    const results = await inParallel(current, async (pending) => {
      const spec = isPlainObject(pending.kustomization.spec) ? pending.kustomization.spec : {};
      const ref = isPlainObject(spec.sourceRef) ? spec.sourceRef : {};
      const namespace = stringField(pending.kustomization.metadata, 'namespace') ?? 'default';
      const source = `${stringField(ref, 'kind') ?? ''}/${stringField(ref, 'namespace') ?? namespace}/${stringField(ref, 'name') ?? ''}`;
      const sourceRoot = roots.get(`${pending.cluster}|${source}`);
      if (sourceRoot === undefined) return undefined;
      const specPath = stringField(spec, 'path') ?? './';
      const inTree = sourceRoot === mirror ? folderOfPath(mirror, specPath) : undefined;
      const folder =
        sourceRoot === mirror
          ? inTree === undefined
            ? undefined
            : path.join(mirror, ...inTree.split('/').filter(Boolean))
          : path.resolve(sourceRoot, specPath);
      const remote = isPlainObject(spec.kubeConfig) ? stringField(spec.kubeConfig.secretRef, 'name') : undefined;
      const cluster = remote === undefined ? pending.cluster : remoteClusterName(pending.cluster, namespace, remote);
      if (folder === undefined || !fs.existsSync(folder)) {
        const message = `names a folder that is not in the repository, so Flux cannot build ${kustomizationId(pending.kustomization)}`;
        const issue: Issue = {
          file: pending.file,
          field: 'spec.path',
          value: specPath,
          message,
          fix: 'fix the path (it is relative to the root of the repository), or create the folder',
        };
        return { pending, cluster, issue };
      }
      const folderInTree = toTree(folder);
      if (folderInTree !== undefined) built.add(folderInTree);
      const variables = variablesOf(pending.kustomization, byCluster.get(pending.cluster) ?? []);
      const work = path.join(temp, `build-${folders++}`);
      // builds from an artifact's copy are not kept: their files are not the tree's
      const key =
        reuse === undefined || sourceRoot !== mirror
          ? undefined
          : JSON.stringify([
              folderInTree,
              pending.kustomization,
              variables === undefined ? undefined : [[...variables.values], variables.incomplete],
            ]);
      const cached = key === undefined ? undefined : reuse?.cache.lookup(reuse.root, key, mirror);
      if (cached !== undefined) return { pending, cluster, result: cached };
      const result = await buildFluxKustomization(program, work, folder, pending.kustomization, variables);
      if (key !== undefined && reuse !== undefined) {
        const components = Array.isArray(spec.components) ? spec.components.filter((c) => typeof c === 'string') : [];
        reuse.cache.store(reuse.root, key, mirror, buildInputs(mirror, folder, components), result);
      }
      return { pending, cluster, result };
    });
    for (const done of results) {
      if (done === undefined) continue;
      const { pending, cluster } = done;
      const failed = { cluster, kustomization: pending.kustomization, file: pending.file, records: [], failed: true };
      const { issue, result } = done;
      if (issue !== undefined) {
        issues.push(issue);
        builds.push(failed);
        continue;
      }
      if ('error' in result) {
        issues.push({
          file: pending.file,
          field: 'spec.path',
          value: stringField(pending.kustomization.spec, 'path'),
          message: `cannot be built by Kustomize, so Flux fails to apply it (${rootCause(result.error)})`,
          fix: 'fix the kustomization.yaml files that folder builds (the problems found in them are listed too)',
        });
        builds.push(failed);
        continue;
      }
      const applied: ManifestRecord[] = [];
      const unset = new Map<string, string[]>();
      for (const object of result.objects) {
        const file = toTree(object.origin);
        if (file !== undefined) reached.add(file);
        if ((object.unknownValues || object.unset.length > 0) && file !== undefined) unknownValues.add(file);
        for (const name of object.unset) unset.set(name, [...(unset.get(name) ?? []), file ?? '?']);
        const record = {
          manifest: object.manifest,
          ...(file === undefined ? {} : { file }),
          cluster,
          ...(isPlainObject(object.manifest.sops) ? { encrypted: true } : {}),
        };
        add(record);
        applied.push(record);
        if (object.manifest.kind === 'ArtifactGenerator') {
          const own = (id: string) => roots.get(`${cluster}|${id}`) === mirror;
          for (const artifact of layOutArtifacts(
            object.manifest,
            own,
            mirror,
            path.join(temp, `artifacts-${folders++}`),
          )) {
            roots.set(`${cluster}|${artifact.id}`, artifact.dir);
            copies.push(...artifact.copies);
          }
        }
        if (isFluxKustomization(object.manifest)) {
          wave.push({ cluster, entry: pending.entry, kustomization: object.manifest, file: file ?? pending.file });
        }
      }
      builds.push({
        cluster,
        kustomization: pending.kustomization,
        file: pending.file,
        records: applied,
        failed: false,
      });
      for (const [name, files] of unset) {
        issues.push({
          file: pending.file,
          field: 'spec.postBuild',
          value: `\${${name}}`,
          message: `is used in ${[...new Set(files)].join(', ')} but has no value and no default, so Flux refuses the build`,
          fix: `set ${name} in postBuild.substitute or in a substituteFrom ConfigMap, or write \${${name}:=default}`,
        });
      }
    }
  }
  return { entryPoints, records, issues, reached, built, unknownValues, operatorClusters, builds };
}
