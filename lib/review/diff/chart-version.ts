/**
 * The major version a chart version or version range names: the first number of `6.5.4`, `v1.12.0`,
 * `>=v1.12.0 <1.13.0`, `4.x`; undefined when it names none (`*`, a digest).
 */
export function majorVersion(version: string): number | undefined {
  const m = /^[\s=<>~^v]*(\d+)/.exec(version);
  return m === null ? undefined : Number(m[1]);
}
