import { Issue, formatIssue } from '../errors';
import { fluxKindsNamed } from './schema/flux-kinds';
import { apiGroup, formatId, stringField } from './manifest';
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
  // every folder of the tree, parents included: a Flux Kustomization may point at a folder that holds only folders
  const folders = [...new Set(files.flatMap((f) => f.split('/').map((_, i, parts) => parts.slice(0, i).join('/'))))];
  const home = (file: string): string | undefined =>
    clusters.filter((c) => isUnder(file, c)).sort((a, b) => b.length - a.length)[0];
  // the Flux Kustomizations of the tree: the file each is in, and the folder it applies
  const links = records.flatMap((r) => {
    const apiVersion = stringField(r.manifest, 'apiVersion') ?? '';
    const specPath = stringField((r.manifest as { spec?: unknown }).spec, 'path');
    const target = specPath === undefined ? undefined : folderOfPath(specPath, folders);
    return r.file !== undefined &&
      target !== undefined &&
      r.manifest.kind === 'Kustomization' &&
      apiGroup(apiVersion) === 'kustomize.toolkit.fluxcd.io'
      ? [{ file: r.file, target }]
      : [];
  });
  /** The folders `cluster` applies: its own, and what its Flux Kustomizations point at, transitively. */
  const reachOf = (cluster: string): string[] => {
    const reached = [cluster];
    for (let i = 0; i < reached.length; i++) {
      for (const link of links) {
        const own = home(link.file);
        if (isUnder(link.file, reached[i]) && (own === undefined || own === cluster) && !reached.includes(link.target))
          reached.push(link.target);
      }
    }
    return reached.slice(1);
  };
  const reaches = clusters.map((c) => ({ cluster: c, folders: reachOf(c) }));
  return new Map(
    files.map((file) => {
      const reachedBy = reaches.filter((r) => r.folders.some((f) => isUnder(file, f))).map((r) => r.cluster);
      return [file, home(file) ?? (reachedBy.length === 1 ? reachedBy[0] : undefined)];
    }),
  );
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
