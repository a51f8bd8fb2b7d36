import { Issue } from '../errors';
import { CheckContext } from './check-context';
import { checkDependencyCycles } from './dependency-cycles';
import { ManifestRecord } from './record';
import { checkReferences } from './references';
import { validateObjectSchemas } from './schema';
import { checkSecrets } from './secret-guard';
import { checkUniqueness } from './uniqueness';

/**
 * One whole-tree check: looks at every record and returns every problem it finds. `context` tells whether the
 * records come from an app or from files, for the wording of fixes; a check may ignore it.
 */
export type RecordCheck = (records: readonly ManifestRecord[], context?: CheckContext) => Issue[];

const checks: RecordCheck[] = [
  validateObjectSchemas,
  checkSecrets,
  checkUniqueness,
  checkReferences,
  checkDependencyCycles,
];

/**
 * Runs every registered check over the records of a tree (built from constructs, or read from files) and returns
 * all problems, in a stable order.
 */
export function validateRecords(records: readonly ManifestRecord[], context: CheckContext = {}): Issue[] {
  return checks.flatMap((check) => check(records, context));
}

/** The checks `validateRecords` runs, in order. */
export const RECORD_CHECKS: readonly RecordCheck[] = checks;
