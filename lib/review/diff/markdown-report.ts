import { MAX_FIELDS, SIGN, changeNote, fieldText, notComparedText, summaryText, valueText } from './change-text';
import { ChangeKind, FieldChange, RepositoryDiff, allChanges, countChanges } from './diff-model';

/** Text in inline code: backticks would end it, so they become quotes. */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** A fenced block around `lines`, its fence longer than any run of backticks inside. */
function fenced(language: string, lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, ...lines, fence];
}

/**
 * The lines of an object's field changes in a `diff` block: `- path: old` then `+ path: new`, so GitHub colours
 * them; a secret value only as `! path: changed`.
 */
function diffLines(fields: readonly FieldChange[]): string[] {
  const shown = fields.slice(0, MAX_FIELDS).flatMap((f) => {
    if (f.secret) return [`! ${fieldText(f)}`];
    const lines: string[] = [];
    if (f.change !== ChangeKind.ADDED) lines.push(`- ${f.path}: ${valueText(f.before)}`);
    if (f.change !== ChangeKind.REMOVED) lines.push(`+ ${f.path}: ${valueText(f.after)}`);
    return lines;
  });
  return fields.length > MAX_FIELDS ? [...shown, `  ... and ${fields.length - MAX_FIELDS} more fields`] : shown;
}

/**
 * A diff as Markdown for a pull-request comment: a heading with the summary, the dangerous changes first in a
 * caution block, then each cluster and Flux Kustomization with a list of its objects, the fields of each changed
 * one in a folded `diff` block.
 */
export function toMarkdown(diff: RepositoryDiff): string {
  const counts = countChanges(diff);
  const lines: string[] = [`### cdk8s-flux diff: ${summaryText(counts)}`, ''];
  const dangerous = allChanges(diff).filter((c) => c.object.dangers.length > 0);
  if (dangerous.length > 0) {
    lines.push(
      '> [!CAUTION]',
      `> **${dangerous.length === 1 ? '1 dangerous change' : `${dangerous.length} dangerous changes`}**`,
      '>',
    );
    for (const { cluster, kustomization, object } of dangerous) {
      for (const d of object.dangers) {
        const field = d.field === undefined ? '' : ` ${code(d.field)}`;
        lines.push(
          `> - ${code(object.id)}${field} (${d.kind}; Kustomization ${code(kustomization)} of ${code(cluster)}): ${d.why}`,
        );
      }
    }
    lines.push('');
  }
  for (const n of diff.notCompared) lines.push(`> [!WARNING]`, `> ${code(n.cluster)}: ${notComparedText(n)}`, '');
  for (const cluster of diff.clusters) {
    lines.push(`#### Cluster ${code(cluster.cluster)}`, '');
    for (const k of cluster.kustomizations) {
      lines.push(`**Kustomization ${code(k.kustomization)}** (${code(k.file)})`, '');
      for (const o of k.objects) {
        const danger = o.dangers.length > 0 ? ' **dangerous**' : '';
        lines.push(`- ${code(SIGN[o.change])} ${code(o.id)} ${changeNote(o)}${danger}`);
      }
      lines.push('');
      for (const o of k.objects.filter((x) => x.fields.length > 0)) {
        const fields = o.fields.length === 1 ? '1 field' : `${o.fields.length} fields`;
        lines.push(`<details><summary>${SIGN[o.change]} <code>${o.id}</code>: ${fields}</summary>`, '');
        lines.push(...fenced('diff', diffLines(o.fields)), '', '</details>', '');
      }
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
