import { Issue } from '../errors';
import { ManifestRecord } from './record';
import { validateObjectSchemas } from './schema';
import { checkSecrets } from './secret-guard';

/** One whole-tree check: looks at every record and returns every problem it finds. */
export type RecordCheck = (records: readonly ManifestRecord[]) => Issue[];

const checks: RecordCheck[] = [validateObjectSchemas, checkSecrets];

/**
 * Runs every registered check over the records of a tree (built from constructs, or read from files) and returns
 * all problems, in a stable order.
 */
export function validateRecords(records: readonly ManifestRecord[]): Issue[] {
  return checks.flatMap((check) => check(records));
}

/** The checks `validateRecords` runs, in order. */
export const RECORD_CHECKS: readonly RecordCheck[] = checks;
