import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { ClusterWalk } from '../validate/cluster/cluster-walk';
import { isPlainObject } from '../sops/base/plain-object';
import { BUILD_TRANSFORMS } from './kinds/kustomization-kind';
import { objectKey } from './cluster-program';
import { clusterParts } from '../validate/remote-cluster';

/** One object that the imported program does not reproduce. */
export interface ObjectDifference {
  /** The cluster folder. */
  readonly cluster: string;
  /** The object, as {@link objectKey}. */
  readonly key: string;
  /** Missing from the program's tree, only in it, or different. */
  readonly change: 'missing' | 'added' | 'changed';
  /** The fields that differ, as paths (`spec.values.replicas`). @default none, for missing and added objects */
  readonly fields?: readonly string[];
}

/** The objects `flux bootstrap` or GitOpsRepository makes for the entry point, which the tree need not hold. */
const SYNC_OBJECTS = ['GitRepository|flux-system|flux-system', 'Kustomization|flux-system|flux-system'];

/**
 * An object as compared: a Flux Kustomization without the fields that follow from where its folder is (`path`,
 * `sourceRef`) and without the build transforms and variables the import applies to the objects themselves; a
 * FluxInstance without its sync path.
 */
function comparable(original: Record<string, unknown>): Record<string, unknown> {
  // Flux serves one version of each kind, and the import writes that one: only the group is compared
  const manifest = /\.fluxcd\.io\//.test(String(original.apiVersion))
    ? { ...original, apiVersion: String(original.apiVersion).split('/')[0] }
    : original;
  if (manifest.kind === 'FluxInstance' && isPlainObject(manifest.spec) && isPlainObject(manifest.spec.sync)) {
    // the sync path is the tree's flux/ folder, where the program writes the cluster
    const { path: _p, ...sync } = manifest.spec.sync;
    return { ...manifest, spec: { ...manifest.spec, sync } };
  }
  if (manifest.kind !== 'Kustomization' || manifest.apiVersion !== 'kustomize.toolkit.fluxcd.io') {
    return manifest;
  }
  const spec = { ...(isPlainObject(manifest.spec) ? manifest.spec : {}) };
  for (const field of ['path', 'sourceRef', 'decryption', ...BUILD_TRANSFORMS]) delete spec[field];
  if (isPlainObject(spec.postBuild)) {
    const { substitute: _s, substituteFrom: _f, ...postBuild } = spec.postBuild;
    if (Object.keys(postBuild).length > 0) spec.postBuild = postBuild;
    else delete spec.postBuild;
  }
  return { ...manifest, spec };
}

/** Paths of the fields where `a` and `b` differ, down to `depth` levels. */
function differingFields(a: unknown, b: unknown, at: string, depth: number): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (depth === 0 || !isPlainObject(a) || !isPlainObject(b)) return [at];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => differingFields(a[k], b[k], at === '' ? k : `${at}.${k}`, depth - 1));
}

/** Each cluster's objects, by key, under the cluster's name as `rename` gives it. */
function objectsOf(
  walk: ClusterWalk,
  rename: (cluster: string) => string,
): Map<string, Map<string, Record<string, unknown>>> {
  const out = new Map<string, Map<string, Record<string, unknown>>>();
  for (const record of walk.records) {
    if (record.external === true || record.cluster === undefined) continue;
    const cluster = rename(record.cluster);
    const key = objectKey(record.manifest);
    if (SYNC_OBJECTS.includes(key)) continue;
    const objects = out.get(cluster) ?? new Map<string, Record<string, unknown>>();
    objects.set(key, comparable(record.manifest));
    out.set(cluster, objects);
  }
  return out;
}

/**
 * What Flux applies to each cluster of `imported` that differs from what it applies from `original`, object by
 * object: the check that the import reproduces the repository. A cluster of the imported tree is synced from the
 * `flux` folder of its repository path, the original cluster's folder: its name is that folder's parent (and the
 * remote clusters its Kustomizations apply to through a kubeConfig keep their Secret).
 */
export function compareClusters(original: ClusterWalk, imported: ClusterWalk): ObjectDifference[] {
  const before = objectsOf(original, (c) => c);
  const after = objectsOf(imported, (c) => {
    const { cluster, remote } = clusterParts(c);
    const parent = path.posix.dirname(cluster);
    return (parent === '.' ? '' : parent) + remote;
  });
  const differences: ObjectDifference[] = [];
  for (const cluster of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(cluster) ?? new Map<string, Record<string, unknown>>();
    const b = after.get(cluster) ?? new Map<string, Record<string, unknown>>();
    for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(key);
      const y = b.get(key);
      if (y === undefined) differences.push({ cluster, key, change: 'missing' });
      else if (x === undefined) differences.push({ cluster, key, change: 'added' });
      else if (!isDeepStrictEqual(x, y)) {
        differences.push({ cluster, key, change: 'changed', fields: differingFields(x, y, '', 4) });
      }
    }
  }
  return differences;
}
