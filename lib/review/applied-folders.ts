import { BOOTSTRAP_FOLDER } from '../validate/bootstrap';
import { apiGroup, stringField } from '../validate/manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { isFluxInstanceManifest, operatorSyncObjects } from '../validate/operator-sync';
import { ManifestRecord } from '../validate/record';

const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';

/** A Flux source as a reference names it, its namespace filled in. */
export interface SourceKey {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** What a Flux Kustomization or a FluxInstance applies: a path of a source. */
export interface AppliedPath {
  /** The source the files come from. */
  readonly source: SourceKey;
  /** The path as written (`./apps/staging`), `./` when unset. */
  readonly path: string;
  /** The folder of the tree it names, when the source is the tree itself and the folder is there. */
  readonly folder?: string;
  /** The source is the tree itself (the source the cluster is synced from). */
  readonly inTree: boolean;
}

/** `Kind/namespace/name`, the key of an object in a graph. */
export function keyOf(id: SourceKey): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

/** The folder of a tree-relative file: `""` for a file at the root. */
export function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** True when `file` (or folder) is `folder` or inside it. */
export function isInside(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

/** Every folder that holds a file of the records, with all their parents (the root is `""`). */
export function foldersOf(records: readonly ManifestRecord[]): Set<string> {
  const out = new Set<string>(['']);
  for (const { file } of records) {
    if (file === undefined) continue;
    for (let dir = folderOf(file); dir !== ''; dir = folderOf(dir)) out.add(dir);
  }
  return out;
}

/**
 * The cluster folders of a tree: the folder around each `flux-system` folder that holds an object (as `flux bootstrap`
 * and the Flux Operator lay clusters out), sorted; `[""]` (the whole tree) when there is none.
 */
export function clusterFoldersOf(records: readonly ManifestRecord[]): string[] {
  const clusters = new Set<string>();
  for (const { file } of records) {
    if (file === undefined) continue;
    const dir = folderOf(file);
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    if (name === BOOTSTRAP_FOLDER) clusters.add(folderOf(dir));
  }
  return clusters.size === 0 ? [''] : [...clusters].sort();
}

/** True for a Flux Kustomization (not a Kustomize kustomization.yaml). */
export function isFluxKustomization(manifest: Record<string, unknown>): boolean {
  return manifest.kind === 'Kustomization' && apiGroup(stringField(manifest, 'apiVersion') ?? '') === KUSTOMIZE_GROUP;
}

/**
 * The source a FluxInstance makes and syncs its cluster from (`spec.sync`), named as the operator names it (see
 * {@link operatorSyncObjects}).
 */
export function fluxInstanceSource(manifest: Record<string, unknown>): SourceKey | undefined {
  const namespace = stringField(manifest.metadata, 'namespace');
  const spec = isPlainObject(manifest.spec) ? manifest.spec : {};
  const source = operatorSyncObjects(namespace ?? 'default', spec)?.source;
  const kind = stringField(source, 'kind');
  const name = stringField(source?.metadata, 'name');
  return kind === undefined || name === undefined ? undefined : { kind, name, namespace };
}

/**
 * The sources that are the tree itself, by key: what each cluster is synced from. The `sourceRef` of every Flux
 * Kustomization in a `flux-system` folder (`flux bootstrap`'s gotk-sync.yaml), the source of every FluxInstance, and
 * `flux-system/flux-system` of any kind (the name both give it).
 */
export function treeSourcesOf(records: readonly ManifestRecord[]): (source: SourceKey) => boolean {
  const keys = new Set<string>();
  for (const { manifest, file } of records) {
    if (isFluxInstanceManifest(manifest)) {
      const source = fluxInstanceSource(manifest);
      if (source !== undefined) keys.add(keyOf(source));
    }
    const inBootstrapFolder = file !== undefined && folderOf(file).split('/').pop() === BOOTSTRAP_FOLDER;
    if (!isFluxKustomization(manifest) || !inBootstrapFolder || !isPlainObject(manifest.spec)) continue;
    const ref = manifest.spec.sourceRef;
    const kind = stringField(ref, 'kind');
    const name = stringField(ref, 'name');
    const namespace = stringField(ref, 'namespace') ?? stringField(manifest.metadata, 'namespace');
    if (kind !== undefined && name !== undefined) keys.add(keyOf({ kind, namespace, name }));
  }
  return (source) =>
    keys.has(keyOf(source)) || (source.name === BOOTSTRAP_FOLDER && source.namespace === BOOTSTRAP_FOLDER);
}

/**
 * The folder of the tree that a `spec.path` names. Paths are relative to the root of the git repository, which may
 * lie above the tree root, so leading segments are dropped until a folder of the tree is left:
 * `./cluster-resources/flux` is `flux` in a tree read from `cluster-resources/`.
 */
export function folderOfPath(specPath: string, folders: ReadonlySet<string>): string | undefined {
  const segments = specPath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) return '';
  for (let i = 0; i < segments.length; i++) {
    const candidate = segments.slice(i).join('/');
    if (folders.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * What a Flux Kustomization or a FluxInstance applies, or undefined for any other object (or one without a source).
 *
 * @param isTreeSource whether a source is the tree itself (see {@link treeSourcesOf})
 * @param folders the folders of the tree (see {@link foldersOf})
 */
export function appliedPathOf(
  manifest: Record<string, unknown>,
  isTreeSource: (source: SourceKey) => boolean,
  folders: ReadonlySet<string>,
): AppliedPath | undefined {
  const spec = isPlainObject(manifest.spec) ? manifest.spec : {};
  let source: SourceKey | undefined;
  let path: string | undefined;
  if (isFluxInstanceManifest(manifest)) {
    source = fluxInstanceSource(manifest);
    path = stringField(spec.sync, 'path');
  } else if (isFluxKustomization(manifest)) {
    const kind = stringField(spec.sourceRef, 'kind');
    const name = stringField(spec.sourceRef, 'name');
    const namespace = stringField(spec.sourceRef, 'namespace') ?? stringField(manifest.metadata, 'namespace');
    source = kind === undefined || name === undefined ? undefined : { kind, namespace, name };
    path = stringField(spec, 'path');
  }
  if (source === undefined) return undefined;
  const shown = path ?? './';
  const inTree = isTreeSource(source);
  const folder = inTree ? folderOfPath(shown, folders) : undefined;
  return { source, path: shown, inTree, ...(folder === undefined ? {} : { folder }) };
}

/**
 * The records a cluster reconciles: those in files under its folder, then, transitively, those in the folders its
 * Flux Kustomizations and FluxInstances apply from the tree. Records without a file (declared external) are left
 * out.
 */
export function clusterRecordsOf(
  cluster: string,
  records: readonly ManifestRecord[],
  isTreeSource: (source: SourceKey) => boolean,
  folders: ReadonlySet<string>,
): ManifestRecord[] {
  const reached = [cluster];
  const members = new Set<ManifestRecord>();
  for (let i = 0; i < reached.length; i++) {
    for (const record of records) {
      if (record.file === undefined || members.has(record) || !isInside(record.file, reached[i])) continue;
      members.add(record);
      const folder = appliedPathOf(record.manifest, isTreeSource, folders)?.folder;
      if (folder !== undefined && !reached.some((r) => isInside(folder, r))) reached.push(folder);
    }
  }
  return records.filter((r) => members.has(r));
}
