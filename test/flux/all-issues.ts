// A helper of the tests of test/flux: every issue a constructor fails with, as one line each.
import { FluxValidationError, formatIssue } from '../../lib';

/** The issues `fn` fails with, each formatted as the error prints it. */
export function allIssuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof FluxValidationError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error('expected a FluxValidationError, but nothing was thrown');
}
