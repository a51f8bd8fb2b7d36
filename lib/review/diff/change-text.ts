import { ChangeKind, DiffCounts, FieldChange, NotCompared, ObjectChange } from './diff-model';

/** The longest value shown in a field line; the JSON output holds every value whole. */
const MAX_VALUE = 200;

/** The most field lines shown for one object in text and Markdown. */
export const MAX_FIELDS = 50;

/** The sign of a change in a listing: `+` added, `-` removed, `~` changed, `>` moved. */
export const SIGN: Readonly<Record<ChangeKind, string>> = {
  [ChangeKind.ADDED]: '+',
  [ChangeKind.REMOVED]: '-',
  [ChangeKind.CHANGED]: '~',
  [ChangeKind.MOVED]: '>',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A field value on one line, as JSON, cut at {@link MAX_VALUE} characters. */
export function valueText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}...` : text;
}

/** One field change on one line: `spec.replicas: 1 -> 2`; a secret value only as changed. */
export function fieldText(f: FieldChange): string {
  if (f.secret) return `${f.path}: ${f.change} (secret value not shown)`;
  switch (f.change) {
    case ChangeKind.ADDED:
      return `${f.path}: + ${valueText(f.after)}`;
    case ChangeKind.REMOVED:
      return `${f.path}: - ${valueText(f.before)}`;
    default:
      return `${f.path}: ${valueText(f.before)} -> ${valueText(f.after)}`;
  }
}

/** What happens to an object, after its id: `(pruned)`, `(moved from Kustomization flux-system/apps)`... */
export function changeNote(o: ObjectChange): string {
  if (o.change === ChangeKind.REMOVED) {
    return o.pruned ? 'removed: prune deletes it' : 'removed from the tree: left in the cluster (not pruned)';
  }
  if (o.change === ChangeKind.MOVED) return `moved from Kustomization ${o.movedFrom ?? '?'}`;
  return o.change;
}

/** Why a Flux Kustomization is left out of the comparison. */
export function notComparedText(n: NotCompared): string {
  const state = n.failsIn === 'both' ? 'neither state' : `the ${n.failsIn} state`;
  return `Kustomization ${n.kustomization} (${n.file}) is not compared: ${state} cannot be built (cdk8s-flux validate tells why)`;
}

/** The summary of a diff in one sentence. */
export function summaryText(counts: DiffCounts): string {
  const total = counts.added + counts.removed + counts.changed + counts.moved;
  if (total === 0) return 'no change to what Flux applies';
  const parts = [
    counts.added > 0 ? `${counts.added} added` : '',
    counts.removed > 0 ? `${counts.removed} removed` : '',
    counts.changed > 0 ? `${counts.changed} changed` : '',
    counts.moved > 0 ? `${counts.moved} moved` : '',
  ].filter((p) => p !== '');
  const where = `${plural(counts.kustomizations, 'Kustomization')} of ${plural(counts.clusters, 'cluster')}`;
  const dangerous = counts.dangerous === 0 ? 'none dangerous' : `${counts.dangerous} dangerous`;
  return `${plural(total, 'object')} (${parts.join(', ')}) in ${where}; ${dangerous}`;
}
