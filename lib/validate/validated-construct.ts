import { IConstruct } from 'constructs';
import { Issue } from '../errors';

/**
 * A construct that checks itself at synth time and reports structured issues (construct path, field, value, fix),
 * for checks that need the whole app to be built first.
 */
export interface IValidatedConstruct extends IConstruct {
  /** Every problem of this construct; empty when it is fine. */
  validateIssues(): Issue[];
}

/** True when `c` reports its own issues. */
export function isValidatedConstruct(c: IConstruct): c is IValidatedConstruct {
  return typeof (c as Partial<IValidatedConstruct>).validateIssues === 'function';
}
