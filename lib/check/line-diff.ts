/**
 * A short unified-style diff of two texts, for telling a user how a committed file differs from what synth would
 * write. Lines are compared with a longest-common-subsequence table; the output shows changed lines with
 * `context` lines around them, and at most `maxLines` lines in all.
 */
export function lineDiff(
  before: string,
  after: string,
  options: { context?: number; maxLines?: number } = {},
): string[] {
  const context = options.context ?? 2;
  const maxLines = options.maxLines ?? 20;
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: { kind: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++] });
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: a[i++] });
    } else {
      ops.push({ kind: '+', text: b[j++] });
    }
  }
  const keep = ops.map((_op, k) => ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.kind !== ' '));
  const out: string[] = [];
  let skipped = false;
  for (const [k, op] of ops.entries()) {
    if (!keep[k]) {
      skipped = true;
      continue;
    }
    if (skipped && out.length > 0) out.push('  ...');
    skipped = false;
    out.push(`${op.kind} ${op.text}`);
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines), `  ... (${out.length - maxLines} more lines)`];
  return out;
}
