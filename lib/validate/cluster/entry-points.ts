import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { readDocument } from '../read-tree';
import { BOOTSTRAP_FOLDER, bootstrapObjects } from '../bootstrap';
import { apiGroup, stringField } from '../manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';
import { yamlFiles } from '../read-tree';
import { ManifestRecord } from '../record';
import { OPERATOR_GROUP, operatorSyncObjects } from '../operator-sync';

/** Where Flux starts applying a cluster: the root Flux Kustomization and the objects made with it. */
export interface EntryPoint {
  /** The folder the root Kustomization applies, relative to the tree root: it names the cluster. */
  readonly folder: string;
  /** The file that declares the entry point (`gotk-sync.yaml`, or the file of the FluxInstance). */
  readonly file: string;
  /** The root Flux Kustomization: the one of `gotk-sync.yaml`, or the one `flux bootstrap` or the operator makes. */
  readonly kustomization: Record<string, unknown>;
  /** True when the root Kustomization is written in the tree (it is then found again when its folder is built). */
  readonly written: boolean;
  /** Objects made outside the tree by the bootstrap (sync source, Git credentials...), as external records. */
  readonly implied: readonly ManifestRecord[];
  /** The sources (`Kind/namespace/name`) that deliver this repository: Kustomizations on them can be followed. */
  readonly sources: readonly string[];
  /** The cluster runs the Flux Operator, which adds its own kinds to notification event sources. */
  readonly operator: boolean;
}

/**
 * The folder of the tree a Flux path names. The path is relative to the root of the source (the git repository),
 * and the tree may be a folder of it: the longest tail of the path that is a folder of the tree is taken.
 */
export function folderOfPath(root: string, specPath: string): string | undefined {
  const parts = specPath
    .replace(/^\.?\/+/, '')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) return '';
  for (let i = 0; i < parts.length; i++) {
    if (fs.statSync(path.join(root, ...parts.slice(i)), { throwIfNoEntry: false })?.isDirectory() === true)
      return parts.slice(i).join('/');
  }
  return undefined;
}

const KUSTOMIZE = 'kustomize.toolkit.fluxcd.io/v1';

/** The FluxInstance-like specs of one document: a FluxInstance, one inside a ResourceSet, or flux-instance chart values. */
function instanceSpecs(doc: Record<string, unknown>): { namespace?: string; spec: Record<string, unknown> }[] {
  const group = apiGroup(stringField(doc, 'apiVersion') ?? '');
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  const namespace = stringField(doc.metadata, 'namespace');
  if (doc.kind === 'FluxInstance' && group === OPERATOR_GROUP) return [{ namespace, spec }];
  if (doc.kind === 'ResourceSet' && group === OPERATOR_GROUP && Array.isArray(spec.resources)) {
    return spec.resources.filter(isPlainObject).flatMap(instanceSpecs);
  }
  if (doc.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const chart =
      isPlainObject(spec.chart) && isPlainObject(spec.chart.spec) ? stringField(spec.chart.spec, 'chart') : undefined;
    const chartRef = stringField(spec.chartRef, 'name');
    const values = isPlainObject(spec.values) ? spec.values.instance : undefined;
    if ((chart === 'flux-instance' || chartRef === 'flux-instance') && isPlainObject(values)) {
      return [{ namespace: stringField(spec, 'targetNamespace') ?? namespace, spec: values }];
    }
  }
  return [];
}

/** The entry point of one FluxInstance spec with a sync, as the operator makes it. */
function operatorEntry(root: string, file: string, namespace: string, spec: Record<string, unknown>): EntryPoint[] {
  const made = operatorSyncObjects(namespace, spec);
  const syncPath = stringField(made?.kustomization.spec, 'path');
  if (made === undefined || syncPath === undefined || /<<|\$\{/.test(syncPath)) return [];
  const folder = folderOfPath(root, syncPath);
  if (folder === undefined) return [];
  const source = made.source;
  const implied = [source, made.kustomization, ...(made.pullSecret === undefined ? [] : [made.pullSecret])];
  return [
    {
      folder,
      file,
      kustomization: made.kustomization,
      written: false,
      implied: implied.map((manifest) => ({ manifest, file, external: true })),
      sources: [`${String(source.kind)}/${namespace}/${stringField(source.metadata, 'name') ?? ''}`],
      operator: true,
    },
  ];
}

/** The entry point of one `flux bootstrap` folder (`<cluster>/flux-system/gotk-sync.yaml`). */
function bootstrapEntry(root: string, syncFile: string, docs: readonly Record<string, unknown>[]): EntryPoint {
  const bootstrapFolder = path.posix.dirname(syncFile);
  const clusterFolder = bootstrapFolder.includes('/') ? bootstrapFolder.slice(0, bootstrapFolder.lastIndexOf('/')) : '';
  const records = docs.map((manifest) => ({ manifest, file: syncFile }));
  const implied = bootstrapObjects([bootstrapFolder], records);
  const written = docs.find(
    (d) => d.kind === 'Kustomization' && apiGroup(stringField(d, 'apiVersion') ?? '') === 'kustomize.toolkit.fluxcd.io',
  );
  const repositories = docs.filter((d) => d.kind === 'GitRepository');
  const kustomization = written ?? {
    apiVersion: KUSTOMIZE,
    kind: 'Kustomization',
    metadata: { name: BOOTSTRAP_FOLDER, namespace: BOOTSTRAP_FOLDER },
    spec: { path: `./${clusterFolder}`, sourceRef: { kind: 'GitRepository', name: BOOTSTRAP_FOLDER } },
  };
  const specPath = stringField(kustomization.spec, 'path');
  return {
    folder: (specPath === undefined ? undefined : folderOfPath(root, specPath)) ?? clusterFolder,
    file: syncFile,
    kustomization,
    written: written !== undefined,
    implied,
    sources:
      repositories.length === 0
        ? [`GitRepository/${BOOTSTRAP_FOLDER}/${BOOTSTRAP_FOLDER}`]
        : repositories.map(
            (r) =>
              `GitRepository/${stringField(r.metadata, 'namespace') ?? BOOTSTRAP_FOLDER}/${stringField(r.metadata, 'name') ?? ''}`,
          ),
    operator: false,
  };
}

/**
 * The entry points of every cluster of a tree, one per folder they apply (sorted by it):
 * - each `flux-system/gotk-sync.yaml` of `flux bootstrap` (a missing or empty one stands for bootstrap's defaults,
 *   when its folder's kustomization.yaml lists it);
 * - each Flux Operator `FluxInstance` with a `sync` (written as such, inside a ResourceSet, or as the values of the
 *   flux-instance Helm chart): the operator makes the source and the Kustomization named after its namespace, and
 *   the pull Secret is made outside the tree.
 */
export function findEntryPoints(root: string): EntryPoint[] {
  const byFolder = new Map<string, EntryPoint>();
  const add = (entry: EntryPoint) => {
    const known = byFolder.get(entry.folder);
    if (known === undefined) byFolder.set(entry.folder, entry);
    else if (entry.operator && !known.operator) byFolder.set(entry.folder, { ...known, operator: true });
  };
  const syncFiles = new Set<string>();
  const docsOf = new Map<string, Record<string, unknown>[]>();
  for (const file of yamlFiles(root)) {
    const text = fs.readFileSync(path.join(root, ...file.split('/')), 'utf8');
    // read as readTree reads (never quoting the text of a broken document); readTree reports what is wrong
    const docs = parseAllDocuments(text)
      .map((d): unknown => {
        const read = readDocument(d, text);
        return 'value' in read ? read.value : undefined;
      })
      .filter(isPlainObject);
    docsOf.set(file, docs);
    const dir = path.posix.dirname(file);
    if (path.posix.basename(dir) !== BOOTSTRAP_FOLDER) continue;
    if (path.posix.basename(file) === 'gotk-sync.yaml') syncFiles.add(file);
    const listsSync = docs.some((d) => Array.isArray(d.resources) && d.resources.includes('gotk-sync.yaml'));
    if (/^kustomization\.ya?ml$/.test(path.posix.basename(file)) && listsSync) syncFiles.add(`${dir}/gotk-sync.yaml`);
  }
  for (const file of [...syncFiles].sort()) {
    const docs = (docsOf.get(file) ?? []).filter((d) => typeof d.apiVersion === 'string' && typeof d.kind === 'string');
    add(bootstrapEntry(root, file, docs));
  }
  for (const [file, docs] of docsOf) {
    for (const doc of docs) {
      for (const { namespace, spec } of instanceSpecs(doc)) {
        operatorEntry(root, file, namespace ?? BOOTSTRAP_FOLDER, spec).forEach(add);
      }
    }
  }
  return [...byFolder.values()].sort((a, b) => a.folder.localeCompare(b.folder));
}
