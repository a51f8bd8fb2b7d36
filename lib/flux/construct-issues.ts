import { FluxValidationError, Issue } from '../errors';
import { Where } from './checks';

/**
 * The problems one construct's props have, gathered so that the constructor reports all of them at once (one
 * {@link FluxValidationError}) instead of the first only.
 */
export class ConstructIssues {
  private readonly found: Issue[] = [];

  /** Records that `field` of the object at `where.path` has `value`, which `message` explains and `fix` repairs. */
  public add(where: Where, value: string | undefined, message: string, fix: string): void {
    this.found.push({ constructPath: where.path, field: where.field, value, message, fix });
  }

  /** Throws every recorded issue together, when there is any. */
  public throwIfAny(): void {
    if (this.found.length > 0) throw new FluxValidationError(this.found);
  }
}
