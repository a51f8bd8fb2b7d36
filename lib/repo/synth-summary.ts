import * as path from 'path';

/** One repository tree of a synth, for the summary. */
export interface SummaryTree {
  /** The tree's folder inside the git repository. */
  readonly rootPath: string;
  /** The URL Flux clones the repository from. */
  readonly url: string;
  /** The branch Flux syncs. */
  readonly branch: string;
  /** The folder the flux-system Kustomization applies. */
  readonly fluxPath: string;
  /**
   * The file of the FluxInstance, relative to the output root, when the Flux Operator bootstraps the tree.
   * @default `flux bootstrap`
   */
  readonly fluxInstanceFile?: string;
}

/** What one synth did, as `synth()` reports it. */
export interface SynthSummary {
  /** The folder the tree was written to, as given. */
  readonly outdir: string;
  /** Files that did not exist before. */
  readonly added: readonly string[];
  /** Files whose content changed (adopted ones included). */
  readonly changed: readonly string[];
  /** Files of the previous synth that are gone. */
  readonly removed: readonly string[];
  /** How many files were already up to date. */
  readonly unchanged: number;
  /** Files synth had not written before and replaced because adoption was asked for. */
  readonly adopted: readonly string[];
  /** YAML files of the tree that no `kustomization.yaml` lists any more, left as they are. */
  readonly unlisted: readonly string[];
  /** The repository trees written. */
  readonly trees: readonly SummaryTree[];
}

function count(n: number, what: string): string {
  return `${n} ${what}`;
}

/** The summary as lines for a reader: what was written where, and the bootstrap command of each tree. */
export function formatSynthSummary(summary: SynthSummary): string[] {
  const where = (rel: string) => path.join(summary.outdir, rel);
  const lines = [
    `cdk8s-flux: wrote the tree to ${summary.outdir}: ${count(summary.added.length, 'added')}, ` +
      `${count(summary.changed.length, 'changed')}, ${count(summary.removed.length, 'removed')}, ` +
      `${count(summary.unchanged, 'unchanged')}`,
  ];
  for (const f of summary.adopted) lines.push(`  adopted ${where(f)} (replaced: an earlier synth did not write it)`);
  if (summary.adopted.length > 0) {
    // the migration of a hand-written tree: every file Flux stops applying, for review
    for (const f of summary.unlisted)
      lines.push(`  unlisted ${where(f)} (no kustomization.yaml lists it; left as it is)`);
  } else if (summary.unlisted.length > 0) {
    lines.push(
      `  ${count(summary.unlisted.length, summary.unlisted.length === 1 ? 'YAML file' : 'YAML files')} of the tree ` +
        `that no kustomization.yaml lists, left as they are (the first: ${where(summary.unlisted[0])})`,
    );
  }
  for (const t of summary.trees) {
    if (t.fluxInstanceFile !== undefined) {
      lines.push(
        `  ${t.rootPath === '' ? 'the tree' : t.rootPath}: bootstrap once by installing the Flux Operator, then ` +
          `kubectl apply -f ${t.fluxInstanceFile}`,
      );
      continue;
    }
    lines.push(
      `  ${t.rootPath === '' ? 'the tree' : t.rootPath}: bootstrap once with ` +
        `flux bootstrap git --url=${t.url} --branch=${t.branch} --path=${t.fluxPath}`,
    );
  }
  return lines;
}
