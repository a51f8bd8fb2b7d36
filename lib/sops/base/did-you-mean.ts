/** The Levenshtein distance between two strings: the fewest single-character edits that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Options of {@link didYouMean}. */
export interface DidYouMeanOptions {
  /**
   * Compare without regard to letter case (the answer keeps the candidate's own case).
   * @default false
   */
  readonly ignoreCase?: boolean;
  /**
   * The most edits a likely typo may be away.
   * @default a third of the wanted name's length, at least 1
   */
  readonly maxDistance?: number;
}

/**
 * The candidate closest to `wanted`, when it is close enough to be a likely typo. Ties go to the first in sorted
 * order, so the answer is stable. This is the one "did you mean" of the library: the engine's `.sops.yaml` checks, the
 * CRD schema checks, reference checks and the command line all use it.
 */
export function didYouMean(
  wanted: string,
  candidates: Iterable<string>,
  options: DidYouMeanOptions = {},
): string | undefined {
  const limit = options.maxDistance ?? Math.max(1, Math.floor(wanted.length / 3));
  const fold = (s: string): string => (options.ignoreCase ? s.toLowerCase() : s);
  let best: { name: string; distance: number } | undefined;
  for (const name of [...new Set(candidates)].sort()) {
    if (name === wanted) continue;
    const distance = editDistance(fold(wanted), fold(name));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
