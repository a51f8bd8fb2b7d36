import { ClusterWalk, KustomizationBuild } from '../../validate/cluster/cluster-walk';
import { apiGroup, formatId, objectIdOf, stringField } from '../../validate/manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';
import { ManifestRecord } from '../../validate/record';
import { ComparedObject, dangersOf, kustomizationName, objectKey } from './dangers';
import {
  ChangeKind,
  ClusterChanges,
  KustomizationChanges,
  NotCompared,
  ObjectChange,
  RepositoryDiff,
} from './diff-model';
import { fieldChanges } from './field-diff';

/** An object as one state applies it, with the Flux Kustomization that applies it. */
interface Applied {
  readonly record: ManifestRecord;
  readonly build: KustomizationBuild;
}

const PRUNE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/prune';

const buildKey = (b: KustomizationBuild) => `${b.cluster}|${kustomizationName(b)}`;

const keyOfManifest = (m: Record<string, unknown>): string | undefined => {
  const id = objectIdOf(m);
  return id === undefined ? undefined : objectKey(id.group, id.kind, id.namespace, id.name);
};

/** The builds of a walk by cluster and Kustomization (the first of each, as Flux follows each once). */
function buildsByKey(walk: ClusterWalk): Map<string, KustomizationBuild> {
  const out = new Map<string, KustomizationBuild>();
  for (const b of walk.builds) if (!out.has(buildKey(b))) out.set(buildKey(b), b);
  return out;
}

/** What a state applies, by cluster then object key, leaving out the builds in `skipped`. */
function appliedObjects(walk: ClusterWalk, skipped: ReadonlySet<string>): Map<string, Map<string, Applied>> {
  const out = new Map<string, Map<string, Applied>>();
  for (const build of walk.builds) {
    if (skipped.has(buildKey(build))) continue;
    const objects = out.get(build.cluster) ?? new Map<string, Applied>();
    out.set(build.cluster, objects);
    for (const record of build.records) {
      const key = keyOfManifest(record.manifest);
      if (key !== undefined && !objects.has(key)) objects.set(key, { record, build });
    }
  }
  return out;
}

/** The chart sources (`chartRef`) of the HelmReleases of some objects, as object keys. */
function chartSources(objects: Iterable<Applied>): Set<string> {
  const out = new Set<string>();
  for (const { record } of objects) {
    const m = record.manifest;
    if (m.kind !== 'HelmRelease' || !isPlainObject(m.spec) || !isPlainObject(m.spec.chartRef)) continue;
    const ref = m.spec.chartRef;
    const kind = stringField(ref, 'kind') ?? '';
    const namespace = stringField(ref, 'namespace') ?? stringField(m.metadata, 'namespace');
    out.add(objectKey('source.toolkit.fluxcd.io', kind, namespace, stringField(ref, 'name') ?? ''));
  }
  return out;
}

const annotationOf = (m: Record<string, unknown>, name: string): unknown =>
  isPlainObject(m.metadata) && isPlainObject(m.metadata.annotations) ? m.metadata.annotations[name] : undefined;

/**
 * Compares what Flux applies in two states of a repository ({@link ClusterWalk}s of each), cluster by cluster: each
 * object is added, removed (deleted when its Kustomization prunes), changed (field by field) or moved to another
 * Flux Kustomization, with what is dangerous about it. A Flux Kustomization that one state cannot build is left out
 * and listed, since what it applies there is unknown.
 */
export function compareWalks(before: ClusterWalk, after: ClusterWalk): RepositoryDiff {
  const oldBuilds = buildsByKey(before);
  const newBuilds = buildsByKey(after);
  const notCompared: NotCompared[] = [];
  for (const key of [...new Set([...oldBuilds.keys(), ...newBuilds.keys()])].sort()) {
    const old = oldBuilds.get(key);
    const now = newBuilds.get(key);
    const oldFails = old?.failed === true;
    const newFails = now?.failed === true;
    if (!oldFails && !newFails) continue;
    const build = (now ?? old) as KustomizationBuild;
    const failsIn = oldFails && newFails ? 'both' : oldFails ? 'old' : 'new';
    notCompared.push({
      cluster: build.cluster === '' ? '.' : build.cluster,
      kustomization: kustomizationName(build),
      file: build.file,
      failsIn,
    });
  }
  const skipped = new Set(notCompared.map((n) => `${n.cluster === '.' ? '' : n.cluster}|${n.kustomization}`));
  const oldObjects = appliedObjects(before, skipped);
  const newObjects = appliedObjects(after, skipped);

  /** Whether prune deletes an object the new state no longer applies. */
  const isPruned = (cluster: string, applied: Applied, depth = 0): boolean => {
    if (annotationOf(applied.record.manifest, PRUNE_ANNOTATION) === 'disabled') return false;
    const spec = isPlainObject(applied.build.kustomization.spec) ? applied.build.kustomization.spec : {};
    if (spec.prune !== true) return false;
    if (newBuilds.has(buildKey(applied.build))) return true;
    // its Kustomization is gone: the objects go only if the Kustomization itself is pruned (and not orphaning)
    const own = keyOfManifest(applied.build.kustomization);
    const parent = own === undefined ? undefined : oldObjects.get(cluster)?.get(own);
    if (parent === undefined || newObjects.get(cluster)?.has(own as string) === true || depth > 16) return false;
    return spec.deletionPolicy !== 'Orphan' && isPruned(cluster, parent, depth + 1);
  };

  const clusters: ClusterChanges[] = [];
  for (const cluster of [...new Set([...oldObjects.keys(), ...newObjects.keys()])].sort()) {
    const olds = oldObjects.get(cluster) ?? new Map<string, Applied>();
    const news = newObjects.get(cluster) ?? new Map<string, Applied>();
    const sources = chartSources([...olds.values(), ...news.values()]);
    const byKustomization = new Map<string, { file: string; objects: ObjectChange[] }>();
    for (const key of new Set([...olds.keys(), ...news.keys()])) {
      const old = olds.get(key);
      const now = news.get(key);
      const fields =
        old !== undefined && now !== undefined ? fieldChanges(old.record.manifest, now.record.manifest) : [];
      const moved = old !== undefined && now !== undefined && buildKey(old.build) !== buildKey(now.build);
      if (old !== undefined && now !== undefined && fields.length === 0 && !moved) continue;
      const change =
        old === undefined
          ? ChangeKind.ADDED
          : now === undefined
            ? ChangeKind.REMOVED
            : moved
              ? ChangeKind.MOVED
              : ChangeKind.CHANGED;
      const pruned = now === undefined && old !== undefined && isPruned(cluster, old);
      const compared: ComparedObject = {
        change,
        before: old?.record.manifest,
        after: now?.record.manifest,
        fields,
        beforeBy: old?.build,
        afterBy: now?.build,
        pruned,
        isChartSource: (k) => sources.has(k),
      };
      const shown = (now ?? old) as Applied;
      const manifest = shown.record.manifest;
      const id = objectIdOf(manifest);
      const object: ObjectChange = {
        id: id === undefined ? key : formatId(id),
        group: apiGroup(stringField(manifest, 'apiVersion') ?? ''),
        change,
        ...(shown.record.file === undefined ? {} : { file: shown.record.file }),
        fields,
        pruned,
        ...(moved ? { movedFrom: kustomizationName(old.build) } : {}),
        dangers: dangersOf(compared),
      };
      const name = kustomizationName(shown.build);
      const entry = byKustomization.get(name) ?? { file: shown.build.file, objects: [] };
      byKustomization.set(name, entry);
      entry.objects.push(object);
    }
    if (byKustomization.size === 0) continue;
    const kustomizations: KustomizationChanges[] = [...byKustomization]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kustomization, { file, objects }]) => ({
        kustomization,
        file,
        objects: objects.sort((a, b) => a.id.localeCompare(b.id) || a.group.localeCompare(b.group)),
      }));
    clusters.push({ cluster: cluster === '' ? '.' : cluster, kustomizations });
  }
  return { clusters, notCompared };
}
