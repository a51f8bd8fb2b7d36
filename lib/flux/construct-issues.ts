import { Where } from './prop-rules';

/**
 * Where the problems of one construct's props are recorded: they are reported at synth with every other problem of
 * the app (one `FluxValidationError`), so that a program with several mistakes learns of all of them at once.
 */
export interface ConstructIssues {
  /** Records that `field` of the object at `where.path` has `value`, which `message` explains and `fix` repairs. */
  add(where: Where, value: string | undefined, message: string, fix: string): void;
}
