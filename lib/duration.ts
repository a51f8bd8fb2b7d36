import { Duration } from 'cdk8s';
import { fail } from './errors';

/** Flux's duration format (a Go duration without negative values or `us`/`ns`), as its CRDs check it. */
export const FLUX_DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** A duration in a Flux spec: a cdk8s `Duration` or a Flux duration string such as `"5m"` or `"1h30m"`. */
export type FluxDuration = Duration | string;

/**
 * Renders a duration in Flux's format and checks it.
 *
 * `Duration.minutes(90)` becomes `"1h30m"`; a string is kept as written when it matches the Flux pattern.
 *
 * @param value the duration given by the user
 * @param where the construct path and field, for the error message
 */
export function renderDuration(value: FluxDuration, where: { readonly path: string; readonly field: string }): string {
  if (typeof value === 'string') {
    if (!FLUX_DURATION_PATTERN.test(value)) {
      fail({
        constructPath: where.path,
        field: where.field,
        value,
        message: 'is not a Flux duration',
        fix: 'use a value like "5m", "1h30m" or "90s", or Duration.minutes(5)',
      });
    }
    return value;
  }
  const ms = value.toMilliseconds();
  if (!Number.isFinite(ms) || ms < 0) {
    fail({
      constructPath: where.path,
      field: where.field,
      value: String(ms),
      message: 'is not a Flux duration',
      fix: 'use a positive duration such as Duration.minutes(5)',
    });
  }
  return formatMilliseconds(ms);
}

/** `5400000` -> `"1h30m"`; `0` -> `"0s"`; sub-second remainders in `ms`. */
export function formatMilliseconds(totalMs: number): string {
  const units: readonly [string, number][] = [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  let rest = Math.round(totalMs);
  let out = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out === '' ? '0s' : out;
}
