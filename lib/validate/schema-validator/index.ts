import type { Issue } from '../../errors';
import type { ManifestRecord } from '../record';
import { validateObjectMeta } from './meta';
import { validateSchema } from './validate-schema';

export { validateObjectMeta, TOTAL_ANNOTATION_SIZE_LIMIT } from './meta';
export { validateSchema } from './validate-schema';
export { fluxGroups, fluxKindSchema, FLUX_VERSION } from './flux-kinds';
export {
  dns1035LabelProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  isDns1123Label,
  isDns1123Subdomain,
  labelValueProblem,
  qualifiedNameProblem,
  type NameProblem,
} from './names';
export type { FluxKindSchema, JsonSchema, ValidationRule } from './types';

/**
 * Schema checks of a whole app: for every record not declared external, its ObjectMeta ({@link validateObjectMeta})
 * and, for Flux kinds, its CRD schema and CEL rules ({@link validateSchema}). Each issue carries the record's
 * construct path and file.
 */
export function validateObjectSchemas(records: readonly ManifestRecord[]): Issue[] {
  const issues: Issue[] = [];
  for (const record of records) {
    if (record.external) continue;
    const where = {
      ...(record.constructPath !== undefined ? { constructPath: record.constructPath } : {}),
      ...(record.file !== undefined ? { file: record.file } : {}),
    };
    for (const issue of [...validateObjectMeta(record), ...validateSchema(record)]) {
      issues.push({ ...issue, ...where });
    }
  }
  return issues;
}
