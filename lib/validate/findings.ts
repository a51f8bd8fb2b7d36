import { Issue } from '../errors';
import { isPlainObject } from '../sops/base/plain-object';

/** How bad a finding is: an error fails `validate`; a warning fails it only with `--strict`. */
export enum Severity {
  /** Flux will refuse it, or the reconciliation will break. */
  ERROR = 'error',
  /** Suspicious, but Flux applies it: a file nothing applies, an out-of-band Secret not declared. */
  WARNING = 'warning',
}

/** A finding of `cdk8s-flux validate`: an {@link Issue}, with the clusters it is found in. */
export interface TreeIssue extends Issue {
  /** The clusters (named by the folder their root Kustomization applies) where it is found; empty when not known. */
  readonly clusters: readonly string[];
  /** The other files where the very same finding is made (grouped into this one), sorted. */
  readonly alsoIn: readonly string[];
  /**
   * The line of `file` (1-based) where the field at fault is, or the deepest part of it that is there.
   * @default unknown (no file, or the field is not in the file as written: a generated object, a parent's patch)
   */
  readonly line?: number;
}

/** A finding before grouping. */
export interface Finding extends Issue {
  readonly clusters: readonly string[];
  readonly severity: Severity;
}

/**
 * The severity of a check's issue in a walked tree: a reference to a Secret that nothing in the tree makes is a
 * warning (such Secrets are made by hand or by other controllers; `--external` declares them); all else is an error.
 */
export function severityOf(issue: Issue): Severity {
  return issue.message.startsWith('does not resolve') && issue.value?.startsWith('Secret/') === true
    ? Severity.WARNING
    : Severity.ERROR;
}

/** Kinds the Flux Operator adds to the event sources of Alerts and the resources of Receivers of its clusters. */
const FLUX_OPERATOR_EVENT_KINDS: readonly string[] = ['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider'];

/**
 * True for an issue about a value that is only known in the cluster, so not wrong: a `${var}` left for a
 * substituteFrom object made elsewhere, or an operator kind in a notification reference of a Flux Operator cluster.
 *
 * @param unknownFiles files whose objects still hold such variables after the walk
 */
export function isKnownLater(issue: Issue, unknownFiles: ReadonlySet<string>, fluxOperator: boolean): boolean {
  if (issue.value?.includes('${') === true && issue.file !== undefined && unknownFiles.has(issue.file)) return true;
  return (
    fluxOperator &&
    /^spec\.(eventSources|resources)\[\d+\]\.kind$/.test(issue.field) &&
    FLUX_OPERATOR_EVENT_KINDS.includes(issue.value ?? '')
  );
}

const PLACEHOLDER = /^(op:\/\/\S+|\$\{[^}]+\})$/;

/**
 * True for a Secret whose every value is a placeholder another tool fills in (`op://vault/item/field` of 1Password's
 * `op inject`, a `${VAR}`): committing it leaks nothing.
 */
export function isPlaceholderSecret(manifest: Record<string, unknown>): boolean {
  if (manifest.kind !== 'Secret' || isPlainObject(manifest.data)) return false;
  const values = Object.values(isPlainObject(manifest.stringData) ? manifest.stringData : {});
  return values.length > 0 && values.every((v) => typeof v === 'string' && PLACEHOLDER.test(v.trim()));
}

const byPlace = (a: Issue, b: Issue) =>
  (a.file ?? '').localeCompare(b.file ?? '') || a.field.localeCompare(b.field) || a.message.localeCompare(b.message);

/**
 * Groups identical findings (same field, value, message and fix) into one, at the first file, naming the other
 * files and every cluster where it is found; then splits errors from warnings. The order is stable.
 */
export function groupFindings(findings: readonly Finding[]): { issues: TreeIssue[]; warnings: TreeIssue[] } {
  const groups = new Map<string, { first: Finding; files: Set<string>; clusters: Set<string> }>();
  for (const f of [...findings].sort(byPlace)) {
    const key = JSON.stringify([f.severity, f.field, f.value, f.message, f.fix, f.constructPath]);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, {
        first: f,
        files: new Set(f.file === undefined ? [] : [f.file]),
        clusters: new Set(f.clusters),
      });
      continue;
    }
    if (f.file !== undefined) group.files.add(f.file);
    f.clusters.forEach((c) => group.clusters.add(c));
  }
  const issues: TreeIssue[] = [];
  const warnings: TreeIssue[] = [];
  for (const { first, files, clusters } of groups.values()) {
    const { severity, ...issue } = first;
    const grouped: TreeIssue = {
      ...issue,
      clusters: [...clusters].sort(),
      alsoIn: [...files].filter((f) => f !== first.file).sort(),
    };
    (severity === Severity.ERROR ? issues : warnings).push(grouped);
  }
  return { issues, warnings };
}
