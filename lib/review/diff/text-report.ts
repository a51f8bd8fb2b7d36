import { MAX_FIELDS, SIGN, changeNote, fieldText, notComparedText, summaryText } from './change-text';
import { ChangeKind, RepositoryDiff, countChanges } from './diff-model';

/** ANSI colours of a terminal. */
const COLOURS: Readonly<Record<ChangeKind | 'danger' | 'heading', string>> = {
  [ChangeKind.ADDED]: '\u001b[32m',
  [ChangeKind.REMOVED]: '\u001b[31m',
  [ChangeKind.CHANGED]: '\u001b[33m',
  [ChangeKind.MOVED]: '\u001b[36m',
  danger: '\u001b[1;31m',
  heading: '\u001b[1m',
};
const RESET = '\u001b[0m';

/**
 * A diff as text for a terminal: each cluster, each Flux Kustomization with a change, each object with its sign
 * (`+` added, `-` removed, `~` changed, `>` moved) and its fields, each danger marked `!` with why, then a summary.
 *
 * @param colour colour the signs and dangers (for a terminal)
 */
export function toText(diff: RepositoryDiff, colour: boolean): string {
  const paint = (key: keyof typeof COLOURS, text: string) => (colour ? `${COLOURS[key]}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const cluster of diff.clusters) {
    lines.push(paint('heading', `cluster ${cluster.cluster}`));
    for (const k of cluster.kustomizations) {
      lines.push(`  Kustomization ${k.kustomization} (${k.file})`);
      for (const o of k.objects) {
        const note = o.change === ChangeKind.CHANGED ? '' : ` (${changeNote(o)})`;
        lines.push(`    ${paint(o.change, `${SIGN[o.change]} ${o.id}`)}${note}`);
        for (const f of o.fields.slice(0, MAX_FIELDS)) lines.push(`        ${fieldText(f)}`);
        if (o.fields.length > MAX_FIELDS) lines.push(`        ... and ${o.fields.length - MAX_FIELDS} more fields`);
        for (const d of o.dangers) {
          lines.push(
            `        ${paint('danger', `! ${d.kind}${d.field === undefined ? '' : ` ${d.field}`}`)}: ${d.why}`,
          );
        }
      }
    }
  }
  for (const n of diff.notCompared) lines.push(`warning: cluster ${n.cluster}: ${notComparedText(n)}`);
  lines.push(summaryText(countChanges(diff)));
  return `${lines.join('\n')}\n`;
}
