import { Issue, formatIssue } from '../errors';
import { fluxKindsNamed } from './schema/flux-kinds';
import { formatId } from './manifest';
import { readTree } from './read-tree';
import { checkSecrets } from './secret-guard';
import { ManifestRecord } from './record';
import { validateRecords } from './validate-records';

/** An object made outside the tree, declared by the user: `Kind/namespace/name`, or `Kind/name`. */
export interface ExternalDeclaration {
  readonly kind: string;
  /** Undefined for `Kind/name`: a cluster-scoped object, or one in any namespace. */
  readonly namespace?: string;
  readonly name: string;
}

/** Parses `Kind/namespace/name` or `Kind/name`; undefined when it is neither. */
export function parseExternalDeclaration(text: string): ExternalDeclaration | undefined {
  const parts = text.split('/');
  if (parts.some((p) => p.trim() === '' || p !== p.trim()) || parts.length < 2 || parts.length > 3) return undefined;
  return parts.length === 3
    ? { kind: parts[0], namespace: parts[1], name: parts[2] }
    : { kind: parts[0], name: parts[1] };
}

/** The apiVersion of an external declaration: core kinds and Flux kinds are known; others match any group. */
function apiVersionOf(kind: string): string {
  if (['Secret', 'ConfigMap', 'Namespace', 'ServiceAccount'].includes(kind)) return 'v1';
  const flux = fluxKindsNamed(kind)[0];
  return flux === undefined ? '' : `${flux.group}/${flux.version}`;
}

/** Options of {@link validateTree}. */
export interface ValidateTreeOptions {
  /** Objects made outside the tree that its objects may refer to (the SOPS key Secret...). */
  readonly external?: readonly ExternalDeclaration[];
}

/** The outcome of {@link validateTree}. */
export interface TreeValidation {
  /** Every problem, each once, in a stable order. */
  readonly issues: readonly Issue[];
  /** The objects of the tree (external ones left out). */
  readonly objects: number;
  /** The files that hold them. */
  readonly files: readonly string[];
}

const isUnder = (file: string, folder: string): boolean => folder === '' || file.startsWith(`${folder}/`);

/** The folder a Flux Kustomization's `spec.path` names, as a folder of the tree (whose root may sit below the git root). */
function folderOfPath(specPath: string, folders: readonly string[]): string | undefined {
  const p = specPath.replace(/^\.?\//, '').replace(/\/+$/, '');
  return folders.filter((f) => f === p || (f !== '' && p.endsWith(`/${f}`))).sort((a, b) => b.length - a.length)[0];
}

/**
 * Which cluster each file belongs to. A cluster owns the folder around its `flux-system/` and every folder its Flux
 * Kustomizations point at (transitively), so a layout that keeps a cluster's applications beside its sync folder
 * (`clusters/staging/flux/` next to `clusters/staging/services/`) or in per-cluster overlays (`apps/staging/`) is
 * checked per cluster. A file inside a cluster's own folder belongs to the deepest such cluster; a file reached from
 * several clusters, or from none, is shared (undefined).
 */
function clusterOwners(
  records: readonly ManifestRecord[],
  clusters: readonly string[],
): Map<string, string | undefined> {
  const files = [...new Set(records.map((r) => r.file).filter((f): f is string => f !== undefined))];
  const folders = [...new Set(files.map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '')))];
  const allFolders = [
    ...new Set(folders.flatMap((f) => f.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')))),
  ];
  const home = (file: string): string | undefined =>
    clusters.filter((c) => isUnder(file, c)).sort((a, b) => b.length - a.length)[0];
  const reached = new Map(clusters.map((c) => [c, new Set([c])]));
  for (const cluster of clusters) {
    const mine = reached.get(cluster)!;
    for (let grew = true; grew;) {
      grew = false;
      for (const r of records) {
        const m = r.manifest as { apiVersion?: unknown; kind?: unknown; spec?: { path?: unknown } };
        const file = r.file;
        if (file === undefined || ![...mine].some((f) => isUnder(file, f))) continue;
        const own = home(file);
        if ((own !== undefined && own !== cluster) || m.kind !== 'Kustomization' || typeof m.apiVersion !== 'string')
          continue;
        if (!m.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/') || typeof m.spec?.path !== 'string') continue;
        const target = folderOfPath(m.spec.path, allFolders);
        if (target !== undefined && !mine.has(target)) {
          mine.add(target);
          grew = true;
        }
      }
    }
  }
  const owners = new Map<string, string | undefined>();
  for (const file of files) {
    const own = home(file);
    const reachedBy = clusters.filter((c) => [...reached.get(c)!].some((f) => f !== c && isUnder(file, f)));
    owners.set(file, own ?? (reachedBy.length === 1 ? reachedBy[0] : undefined));
  }
  return owners;
}

/**
 * Validates a folder of hand-written Flux manifests (`cdk8s-flux validate DIR`) with the same checks as a synth.
 *
 * A tree with several clusters (`clusters/staging`, `clusters/production`, each with a `flux-system` folder) is
 * checked once per cluster: the cluster's objects and every object outside all cluster folders (`apps/`,
 * `infrastructure/`), with the objects of the other clusters as possible reference targets only. So the two clusters
 * may each hold a Kustomization `flux-system/apps` while a reference that resolves nowhere is still reported.
 */
export function validateTree(root: string, options: ValidateTreeOptions = {}): TreeValidation {
  const tree = readTree(root);
  const declared: ManifestRecord[] = (options.external ?? []).map((d) => ({
    manifest: { apiVersion: apiVersionOf(d.kind), kind: d.kind, metadata: { name: d.name, namespace: d.namespace } },
    constructPath: `--external ${formatId(d)}`,
    external: true,
  }));
  const records = [...tree.records, ...declared];
  const owners = clusterOwners(tree.records, tree.clusters);
  const views: ManifestRecord[][] =
    tree.clusters.length === 0
      ? [records]
      : tree.clusters.map((cluster) =>
          records.map((r) => {
            const owner = r.file === undefined ? undefined : owners.get(r.file);
            return owner === undefined || owner === cluster || r.external ? r : { ...r, external: true };
          }),
        );
  const seen = new Set<string>();
  const issues: Issue[] = [];
  const checked = [
    ...tree.issues,
    ...checkSecrets(tree.unlisted),
    ...views.flatMap((v) => validateRecords(v, { origin: 'tree' })),
  ];
  for (const issue of checked) {
    const line = formatIssue(issue);
    if (!seen.has(line)) {
      seen.add(line);
      issues.push(issue);
    }
  }
  return {
    issues,
    objects: tree.records.filter((r) => !r.external).length,
    files: tree.files,
  };
}
