import { impliedObjects } from '../validate/implied-objects';
import { isClusterScoped } from '../validate/kinds';
import { apiGroup, stringField } from '../validate/manifest-fields';
import { isFluxInstanceManifest } from '../validate/operator-sync';
import { ManifestRecord } from '../validate/record';
import { REFERENCE_FIELDS, valuesAt } from '../validate/reference-fields';
import {
  SourceKey,
  appliedPathOf,
  clusterFoldersOf,
  clusterRecordsOf,
  folderOf,
  fluxInstanceSource,
  foldersOf,
  isFluxKustomization,
  isInside,
  keyOf,
  treeSourcesOf,
} from './applied-folders';
import { markCycles } from './graph-cycles';
import { ClusterGraph, GraphEdge, GraphEdgeKind, GraphMark, GraphNode, GraphNodeKind } from './graph-model';
import { assignIds, folderNodeId, objectNodeId, slug } from './node-ids';

const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
const SOURCE_KINDS: ReadonlySet<string> = new Set([
  'GitRepository',
  'OCIRepository',
  'HelmRepository',
  'HelmChart',
  'Bucket',
  'ExternalArtifact',
]);

/**
 * The reference fields drawn as edges: the `dependsOn`, `sourceRef`, `chart.spec.sourceRef` and `chartRef` of
 * Kustomizations, HelmReleases and HelmCharts (not their Secrets and ConfigMaps).
 */
const GRAPH_FIELDS = REFERENCE_FIELDS.filter(
  (f) =>
    ['Kustomization', 'HelmRelease', 'HelmChart'].includes(f.kind) &&
    !f.targets.includes('Secret') &&
    !f.targets.includes('ConfigMap'),
);

/** A node before ids are given out, by key. */
interface DraftNode {
  readonly kind: GraphNodeKind;
  readonly label: string;
  readonly preferredId: string;
  readonly file?: string;
  readonly mark?: GraphMark;
}

interface DraftEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  readonly mark?: GraphMark;
}

/** The node kind of an object of `kind` in API group `group`. */
function nodeKindOf(kind: string, group: string | undefined): GraphNodeKind {
  if (kind === 'Kustomization' && (group === undefined || group === 'kustomize.toolkit.fluxcd.io'))
    return GraphNodeKind.KUSTOMIZATION;
  if (kind === 'HelmRelease') return GraphNodeKind.HELM_RELEASE;
  if (kind === 'ResourceSet') return GraphNodeKind.RESOURCE_SET;
  if (kind === 'FluxInstance') return GraphNodeKind.FLUX_INSTANCE;
  if (SOURCE_KINDS.has(kind) && (group === undefined || group === SOURCE_GROUP)) return GraphNodeKind.SOURCE;
  return GraphNodeKind.OTHER;
}

/** True for the objects drawn whether or not anything refers to them. */
function isDrawn(manifest: Record<string, unknown>): boolean {
  const group = apiGroup(stringField(manifest, 'apiVersion') ?? '');
  const kind = stringField(manifest, 'kind') ?? '';
  return (
    isFluxKustomization(manifest) ||
    isFluxInstanceManifest(manifest) ||
    (kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') ||
    (kind === 'ResourceSet' && group === 'fluxcd.controlplane.io') ||
    (SOURCE_KINDS.has(kind) && group === SOURCE_GROUP)
  );
}

const sameNamespace = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

const labelOf = (id: SourceKey) =>
  id.namespace === undefined ? `${id.kind} ${id.name}` : `${id.kind} ${id.namespace}/${id.name}`;

/** The identity of a record's object, or undefined when it has no kind or name. */
function idOf(record: ManifestRecord): SourceKey | undefined {
  const kind = stringField(record.manifest, 'kind');
  const name = stringField(record.manifest.metadata, 'name');
  if (kind === undefined || name === undefined) return undefined;
  return { kind, name, namespace: stringField(record.manifest.metadata, 'namespace') };
}

/** The records Flux makes from the FluxInstances of the cluster: the source each syncs from. */
function fluxInstanceSources(members: readonly ManifestRecord[]): ManifestRecord[] {
  return members.flatMap((record) => {
    const source = isFluxInstanceManifest(record.manifest) ? fluxInstanceSource(record.manifest) : undefined;
    if (source === undefined) return [];
    const metadata = { name: source.name, namespace: source.namespace };
    return [{ manifest: { apiVersion: `${SOURCE_GROUP}/v1`, kind: source.kind, metadata }, external: true }];
  });
}

/** Builds the graph of one cluster from the records it reconciles. */
function clusterGraph(cluster: string, records: readonly ManifestRecord[]): ClusterGraph {
  const folders = foldersOf(records);
  const isTreeSource = treeSourcesOf(records);
  const members = clusterRecordsOf(cluster, records, isTreeSource, folders);
  const targets = [
    ...members,
    ...records.filter((r) => r.file === undefined),
    ...impliedObjects(members),
    ...fluxInstanceSources(members),
  ];
  const nodes = new Map<string, DraftNode>();
  const edges: DraftEdge[] = [];

  const objectNode = (id: SourceKey, group: string | undefined, extra: Partial<DraftNode>): string => {
    const key = keyOf(id);
    if (!nodes.has(key)) {
      nodes.set(key, {
        kind: nodeKindOf(id.kind, group),
        label: labelOf(id),
        preferredId: objectNodeId(id.kind, id.namespace, id.name),
        ...extra,
      });
    }
    return key;
  };
  const recordNode = (record: ManifestRecord): string | undefined => {
    const id = idOf(record);
    if (id === undefined) return undefined;
    const group = apiGroup(stringField(record.manifest, 'apiVersion') ?? '');
    const extra = record.external
      ? { mark: GraphMark.EXTERNAL }
      : record.file === undefined
        ? {}
        : { file: record.file };
    return objectNode(id, group, extra);
  };
  /** The node of what a reference names: its object's, or an unresolved (or, when `madeInCluster`, external) one. */
  const referenced = (wanted: SourceKey, madeInCluster: boolean): { key: string; mark?: GraphMark } => {
    const found = targets.find((t) => {
      const id = idOf(t);
      return id?.kind === wanted.kind && id.name === wanted.name && sameNamespace(id.namespace, wanted.namespace);
    });
    if (found !== undefined) return { key: recordNode(found) as string };
    const mark = madeInCluster ? GraphMark.EXTERNAL : GraphMark.UNRESOLVED;
    return { key: objectNode(wanted, undefined, { mark }), ...(madeInCluster ? {} : { mark }) };
  };

  const applied = new Set<string>();
  for (const record of members) {
    if (record.external || !isDrawn(record.manifest)) continue;
    const from = recordNode(record);
    if (from === undefined) continue;
    const m = record.manifest;
    const group = apiGroup(stringField(m, 'apiVersion') ?? '');
    const own = stringField(m.metadata, 'namespace');
    for (const field of GRAPH_FIELDS) {
      if (field.kind !== m.kind || field.group !== group) continue;
      const kind = field.path === 'spec.dependsOn[]' ? GraphEdgeKind.DEPENDS_ON : GraphEdgeKind.SOURCE;
      for (const { value } of valuesAt(m, field.path)) {
        const name = stringField(value, 'name');
        const targetKind = stringField(value, 'kind') ?? field.targets[0];
        if (name === undefined || !field.targets.includes(targetKind)) continue; // the schema check reports those
        const namespace = field.local ? own : (stringField(value, 'namespace') ?? own);
        const to = referenced({ kind: targetKind, name, namespace }, false);
        edges.push({ from, to: to.key, kind, ...(to.mark === undefined ? {} : { mark: to.mark }) });
      }
    }
    if (m.kind === 'ResourceSet') {
      // a ResourceSet may wait for anything; only another ResourceSet must be in the tree, the rest may be made by
      // ResourceSets or controllers in the cluster
      for (const { value } of valuesAt(m, 'spec.dependsOn[]')) {
        const name = stringField(value, 'name');
        if (name === undefined) continue;
        const targetKind = stringField(value, 'kind') ?? 'ResourceSet';
        const namespace = isClusterScoped(targetKind) ? undefined : (stringField(value, 'namespace') ?? own);
        const to = referenced({ kind: targetKind, name, namespace }, targetKind !== 'ResourceSet');
        edges.push({
          from,
          to: to.key,
          kind: GraphEdgeKind.DEPENDS_ON,
          ...(to.mark === undefined ? {} : { mark: to.mark }),
        });
      }
    }
    const path = appliedPathOf(m, isTreeSource, folders);
    if (path === undefined) continue;
    if (isFluxInstanceManifest(m)) {
      edges.push({ from, to: referenced(path.source, false).key, kind: GraphEdgeKind.SYNCS });
    }
    let to: string;
    let mark: GraphMark | undefined;
    if (path.folder !== undefined) {
      to = `folder:${path.folder}`;
      applied.add(path.folder);
      if (!nodes.has(to)) {
        nodes.set(to, {
          kind: GraphNodeKind.FOLDER,
          label: path.folder === '' ? './' : `${path.folder}/`,
          preferredId: folderNodeId(path.folder),
        });
      }
    } else {
      to = `path:${keyOf(path.source)}:${path.path}`;
      mark = path.inTree ? GraphMark.UNRESOLVED : GraphMark.EXTERNAL;
      if (!nodes.has(to)) {
        nodes.set(to, {
          kind: GraphNodeKind.FOLDER,
          label: path.path,
          preferredId: `path_${slug(path.source.name)}_${slug(path.path) || 'root'}`,
          mark,
        });
      }
    }
    edges.push({ from, to, kind: GraphEdgeKind.APPLIES, ...(mark === GraphMark.UNRESOLVED ? { mark } : {}) });
  }

  // each object drawn is held by the deepest applied folder it is in
  const appliedFolders = [...applied].sort((a, b) => b.length - a.length);
  for (const [key, node] of nodes) {
    if (node.file === undefined) continue;
    const holder = appliedFolders.find((f) => isInside(folderOf(node.file as string), f));
    if (holder !== undefined) edges.push({ from: `folder:${holder}`, to: key, kind: GraphEdgeKind.HOLDS });
  }

  const ids = assignIds(new Map([...nodes].map(([key, n]) => [key, n.preferredId])));
  const idOfKey = (key: string) => ids.get(key) as string;
  const unique = new Map<string, GraphEdge>();
  for (const e of edges) {
    const edge: GraphEdge = {
      from: idOfKey(e.from),
      to: idOfKey(e.to),
      kind: e.kind,
      ...(e.mark === undefined ? {} : { mark: e.mark }),
    };
    unique.set(`${edge.from} ${edge.to} ${edge.kind}`, edge);
  }
  const graphNodes: GraphNode[] = [...nodes].map(([key, n]) => ({
    id: idOfKey(key),
    kind: n.kind,
    label: n.label,
    ...(n.file === undefined ? {} : { file: n.file }),
    ...(n.mark === undefined ? {} : { mark: n.mark }),
  }));
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return markCycles({
    cluster,
    nodes: graphNodes.sort((a, b) => byId(a.id, b.id)),
    edges: [...unique.values()].sort((a, b) => byId(a.from, b.from) || byId(a.to, b.to) || byId(a.kind, b.kind)),
  });
}

/**
 * The dependency graph of each cluster of a tree, from its records (as `FluxApp.plan()` makes them, or as
 * `readTree` reads a hand-written tree): Flux Kustomizations, HelmReleases, ResourceSets and FluxInstances, the
 * sources they use, the folders they apply, and what each applied folder holds. References that resolve to nothing
 * and `dependsOn` cycles are marked, to be drawn in red.
 *
 * A cluster is the folder around a `flux-system` folder; it reconciles the objects under its folder and, transitively,
 * those of every folder of the tree its Kustomizations apply. A tree without a `flux-system` folder is one cluster.
 *
 * @returns one graph per cluster, sorted by cluster folder
 */
export function dependencyGraphs(records: readonly ManifestRecord[]): ClusterGraph[] {
  return clusterFoldersOf(records).map((cluster) => clusterGraph(cluster, records));
}
