import { Issue } from '../errors';
import { ValidationContext } from './validation-context';
import { checkDependencyCycles } from './dependency-cycles';
import { ManifestRecord } from './record';
import { checkReferences } from './references';
import { validateObjectSchemas } from './schema-validator';
import { checkSecrets } from './secret-guard';
import { checkSecretValues } from './secret-values';
import { checkUniqueness } from './uniqueness';
import { checkVersionConstraints } from './version-constraints';

/**
 * One whole-tree check: looks at every record and returns every problem it finds. `context` tells whether the
 * records come from an app or from files, for the wording of fixes; a check may ignore it.
 */
export type RecordCheck = (records: readonly ManifestRecord[], context?: ValidationContext) => Issue[];

const checks: RecordCheck[] = [
  validateObjectSchemas,
  checkSecrets,
  checkSecretValues,
  checkUniqueness,
  checkReferences,
  checkDependencyCycles,
  checkVersionConstraints,
];

/**
 * Runs every registered check over the records of a tree (built from constructs, or read from files) and returns
 * all problems, in a stable order.
 *
 * @param exclude checks not to run, where the caller runs a better-informed one (a walked tree checks duplicates per
 *   Flux Kustomization)
 */
export function validateRecords(
  records: readonly ManifestRecord[],
  context: ValidationContext = {},
  exclude: readonly RecordCheck[] = [],
): Issue[] {
  const run = checks.filter((c) => !exclude.includes(c));
  return partitionByCluster(records).flatMap((group) => run.flatMap((check) => check(group, context)));
}

/**
 * The records of each cluster, in the order clusters first appear; external declarations that name no cluster join
 * every group.
 */
function partitionByCluster(records: readonly ManifestRecord[]): ManifestRecord[][] {
  const shared = records.filter((r) => r.external && r.cluster === undefined);
  const groups = new Map<string, ManifestRecord[]>();
  for (const r of records) {
    if (r.external && r.cluster === undefined) continue;
    const key = r.cluster ?? '';
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(r);
  }
  if (groups.size === 0) return shared.length > 0 ? [shared] : [];
  return [...groups.values()].map((g) => [...g, ...shared]);
}
