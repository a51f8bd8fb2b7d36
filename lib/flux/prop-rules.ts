import { fail } from '../errors';

/** Where a value was given: a construct path and the prop name. */
export interface Where {
  readonly path: string;
  readonly field: string;
}

/** Fails when `value` is empty or only white space. */
export function requireNonEmpty(value: string, where: Where, fix: string): string {
  if (value.trim() === '') {
    fail({ constructPath: where.path, field: where.field, value, message: 'must not be empty', fix });
  }
  return value;
}

/**
 * Fails unless `value` is a URL with one of `schemes` (without the colon), e.g. `['http', 'https', 'ssh']`.
 *
 * @param example a valid URL to show in the fix
 */
export function requireUrl(value: string, schemes: readonly string[], where: Where, example: string): string {
  requireNonEmpty(value, where, `set it to a URL such as "${example}"`);
  const match = /^([a-z][a-z0-9+.-]*):\/\/[^\s]+$/i.exec(value);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme === undefined || !schemes.includes(scheme)) {
    fail({
      constructPath: where.path,
      field: where.field,
      value,
      message: `is not a ${schemes.map((s) => `${s}://`).join(', ')} URL`,
      fix: `use a URL such as "${example}"`,
    });
  }
  return value;
}
