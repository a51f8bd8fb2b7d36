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

/** Which cluster folder holds `file`: the deepest one that contains it, or undefined for shared folders. */
function clusterOf(file: string | undefined, clusters: readonly string[]): string | undefined {
  if (file === undefined) return undefined;
  let best: string | undefined;
  for (const c of clusters) {
    if ((c === '' || file.startsWith(`${c}/`)) && (best === undefined || c.length > best.length)) best = c;
  }
  return best;
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
  const views: ManifestRecord[][] =
    tree.clusters.length === 0
      ? [records]
      : tree.clusters.map((cluster) =>
          records.map((r) => {
            const owner = clusterOf(r.file, tree.clusters);
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
