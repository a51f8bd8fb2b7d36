export { type ExternalDeclaration, parseExternalDeclaration } from './external-declaration';
export { type TreeIssue } from './findings';
import * as path from 'path';
import { Issue } from '../errors';
import { checkAppliedTwice } from './cluster/applied-twice';
import { ClusterWalk, walkClusters } from './cluster/cluster-walk';
import { checkDecryption } from './cluster/decryption-check';
import { explainOtherCluster } from './cluster/other-cluster';
import { ExternalDeclaration } from './external-declaration';
import { DeclarationFile, readDeclarationFile } from './external-file';
import { FieldLines } from './field-line';
import { Finding, Severity, TreeIssue, groupFindings, isKnownLater, isPlaceholderSecret, severityOf } from './findings';
import { fluxKindsNamed } from './schema-validator/flux-kinds';
import { apiGroup, formatId, stringField } from './manifest-fields';
import { TreeRead, readTree } from './read-tree';
import { checkSecrets } from './secret-guard';
import { ManifestRecord } from './record';
import { checkUniqueness } from './uniqueness';
import { validateRecords } from './validate-records';

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
  /** Errors: what Flux will refuse or fail to reconcile. Each once, grouped, in a stable order. */
  readonly issues: readonly TreeIssue[];
  /** What works but is suspicious: files nothing applies, out-of-band Secrets not declared... */
  readonly warnings: readonly TreeIssue[];
  /** The objects of the tree (external ones left out). */
  readonly objects: number;
  /** The files that hold them. */
  readonly files: readonly string[];
  /** The clusters found (the folders their root Kustomizations apply); empty for a tree without entry points. */
  readonly clusters: readonly string[];
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
 * The folders on the way from the tree root (left out) to `folder` (included): `clusters/lab/flux` gives `clusters`,
 * `clusters/lab` and `clusters/lab/flux`.
 */
function folderAncestors(folder: string): string[] {
  const parts = folder === '' ? [] : folder.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** The checks of a tree without entry points (a repository of components): its files as they lie. */
function checkFilesAsTheyLie(tree: TreeRead, declared: readonly ManifestRecord[]): Issue[] {
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
  return [
    ...tree.issues,
    ...checkSecrets(tree.unlisted),
    ...views.flatMap((v) => validateRecords(v, { origin: 'tree' })),
  ];
}

/**
 * The severity of a problem found reading the files: YAML syntax, and a kustomization.yaml entry that points to
 * nothing in a folder a Flux Kustomization builds, are errors; a file its folder's kustomization.yaml leaves out
 * (often commented out on purpose), and problems in folders nothing builds, are warnings.
 */
function treeIssueSeverity(issue: Issue, walk: ClusterWalk): Severity {
  if (issue.field === 'yaml') return Severity.ERROR;
  if (issue.field === 'resources' && issue.value === undefined) return Severity.WARNING;
  const folder = path.posix.dirname(issue.file ?? '');
  const built = [...walk.built].some((b) => b === '' || folder === b || folder.startsWith(`${b}/`));
  const reached = [...walk.reached].some((f) => path.posix.dirname(f) === folder);
  return built || reached ? Severity.ERROR : Severity.WARNING;
}

/**
 * The objects of files that no cluster applies, as they lie: each folder of them is reported once, unless a
 * `.cdk8s-flux.yaml` declares it (or a folder above it) applied by hand.
 */
function unreachedFolders(
  tree: TreeRead,
  walk: ClusterWalk,
  appliedByHand: readonly string[],
): { records: ManifestRecord[]; warnings: Issue[] } {
  const byHand = (folder: string) => appliedByHand.some((f) => folder === f || folder.startsWith(`${f}/`));
  const unlisted = new Set(tree.unlisted.map((r) => r.file));
  const records = [...tree.records, ...tree.unlisted].filter(
    (r) => !r.external && r.file !== undefined && !walk.reached.has(r.file),
  );
  const byFolder = new Map<string, Set<string>>();
  for (const r of records) {
    if (unlisted.has(r.file)) continue; // reported as left out of its kustomization.yaml
    const folder = path.posix.dirname(r.file as string);
    if (byHand(folder)) continue;
    byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(path.posix.basename(r.file as string)));
  }
  const warnings = [...byFolder].map(([folder, files]) => ({
    file: folder === '.' ? '.' : `${folder}/`,
    field: 'files',
    value: [...files].sort().join(', '),
    message: 'hold objects that no Flux Kustomization of any cluster applies, so they are not checked as applied',
    fix: 'point a Flux Kustomization at the folder, list the files in a kustomization.yaml it builds, or leave them if they are applied by hand',
  }));
  return { records, warnings };
}

/** The findings, each with the line of its file where the field at fault is, when it is found there. */
function withLines(
  root: string,
  found: { issues: readonly TreeIssue[]; warnings: readonly TreeIssue[] },
): { issues: TreeIssue[]; warnings: TreeIssue[] } {
  const lines = new FieldLines(root);
  const withLine = (issue: TreeIssue): TreeIssue => {
    const line = lines.lineOf(issue);
    return line === undefined ? issue : { ...issue, line };
  };
  return { issues: found.issues.map(withLine), warnings: found.warnings.map(withLine) };
}

/**
 * Validates a folder of hand-written Flux manifests (`cdk8s-flux validate DIR`) with the same checks as a synth,
 * on what Flux applies rather than on the files as they lie.
 *
 * Each cluster of the tree is found from its entry point (`flux bootstrap`'s `gotk-sync.yaml`, or a Flux Operator
 * `FluxInstance`), then walked: every Flux Kustomization on this repository is built with real Kustomize, with its
 * own transforms and postBuild variables (see {@link walkClusters}), and the objects that result are checked per
 * cluster, so two clusters may each hold a Kustomization `flux-system/apps`. Objects of files that no cluster
 * applies are not checked as applied (a warning names their folders); committed clear-text Secrets among them are
 * still errors. A tree without entry points (a repository of components) is checked file by file.
 *
 * Values known only in the cluster (a `${var}` whose substituteFrom object is made elsewhere) are unknown, not
 * wrong; references to Secrets that nothing in the tree makes are warnings (they are often made by hand or by a
 * controller: declare them with `--external`, or in a `.cdk8s-flux.yaml`, which synth writes at each tree root: the
 * one at the root of `root` holds for every cluster, one in a folder for the clusters at or below it).
 *
 * @throws KustomizeMissingError when the tree has a cluster and neither kustomize nor kubectl is installed
 */
export async function validateTree(root: string, options: ValidateTreeOptions = {}): Promise<TreeValidation> {
  const tree = readTree(root);
  const asRecords = (declarations: readonly ExternalDeclaration[]): ManifestRecord[] =>
    declarations.map((d) => ({
      manifest: { apiVersion: apiVersionOf(d.kind), kind: d.kind, metadata: { name: d.name, namespace: d.namespace } },
      constructPath: `--external ${formatId(d)}`,
      external: true,
    }));
  // each .cdk8s-flux.yaml is read once: the root's, and those of the folders above each cluster
  const declarationFiles = new Map<string, DeclarationFile>();
  const declarationsOf = (folder: string): DeclarationFile => {
    const known = declarationFiles.get(folder) ?? readDeclarationFile(root, folder);
    declarationFiles.set(folder, known);
    return known;
  };
  const declared = asRecords([...(options.external ?? []), ...declarationsOf('').external]);
  const walk = await walkClusters(root);
  if (walk.entryPoints.length === 0) {
    const findings = checkFilesAsTheyLie(tree, declared).map((i) => ({ ...i, clusters: [], severity: Severity.ERROR }));
    const objects = tree.records.filter((r) => !r.external).length;
    return { ...withLines(root, groupFindings(findings)), objects, files: tree.files, clusters: [] };
  }
  const clusters = [...new Set(walk.records.map((r) => r.cluster ?? ''))];
  const findings: Finding[] = [
    ...tree.issues.map((i) => ({ ...i, clusters: [], severity: treeIssueSeverity(i, walk) })),
    ...walk.issues.map((i) => ({ ...i, clusters: [], severity: Severity.ERROR })),
    ...walk.warnings.map((i) => ({ ...i, clusters: [], severity: Severity.WARNING })),
  ];
  const clusterFolders = clusters.map((c) => c.split(' (')[0]);
  const declarationFolders = [...new Set(['', ...clusterFolders.flatMap(folderAncestors)])];
  const unreached = unreachedFolders(
    tree,
    walk,
    declarationFolders.flatMap((f) => declarationsOf(f).appliedByHand),
  );
  findings.push(...unreached.warnings.map((i) => ({ ...i, clusters: [], severity: Severity.WARNING })));
  findings.push(
    ...checkSecrets(unreached.records.filter((r) => !isPlaceholderSecret(r.manifest))).map((i) => ({
      ...i,
      clusters: [],
      severity: Severity.ERROR,
    })),
  );
  for (const cluster of clusters) {
    const folder = cluster.split(' (')[0];
    const records = [
      ...walk.records.filter((r) => (r.cluster ?? '') === cluster),
      ...declared,
      ...asRecords(folderAncestors(folder).flatMap((f) => declarationsOf(f).external)),
    ].map((r) => ({
      ...r,
      cluster: undefined,
    }));
    const builds = walk.builds.filter((b) => b.cluster === cluster);
    const operator = walk.operatorClusters.has(folder);
    // duplicates are checked per Flux Kustomization, which tells which two apply the object
    const issues = [
      ...validateRecords(records, { origin: 'tree' }, [checkUniqueness]).map((i) =>
        explainOtherCluster(i, cluster, walk.records),
      ),
      ...checkAppliedTwice(builds),
      ...checkDecryption(builds),
    ];
    for (const issue of issues) {
      if (isKnownLater(issue, walk.unknownValues, operator)) continue;
      findings.push({ ...issue, clusters: [cluster], severity: severityOf(issue) });
    }
  }
  const applied = walk.records.filter((r) => !r.external);
  const files = [...new Set(applied.flatMap((r) => (r.file === undefined ? [] : [r.file])))].sort();
  return { ...withLines(root, groupFindings(findings)), objects: applied.length, files, clusters };
}
