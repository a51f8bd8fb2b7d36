import { Issue } from '../errors';
import { SopsError } from '../sops/errors';

/**
 * The issues of a {@link SopsError}, one per problem, for the constructs and commands that report `Issue`s: the
 * engine's setting (`creation_rules[0].age`) or value path becomes the field. This is the only place where an
 * engine error becomes an `Issue`.
 *
 * @param where overrides every issue's location (a construct path and the file it was declared with)
 * @param fieldPrefix written before every field, to say where it lives (`.sops.yaml`)
 */
export function sopsErrorIssues(error: SopsError, where: Partial<Issue> = {}, fieldPrefix?: string): Issue[] {
  return error.problems.map((problem) => {
    const field = problem.field ?? problem.keyPath ?? 'sops';
    return {
      ...(problem.file !== undefined ? { file: problem.file } : {}),
      ...where,
      field: fieldPrefix === undefined ? field : `${fieldPrefix} ${field}`,
      ...(problem.value !== undefined ? { value: problem.value } : {}),
      message: problem.problem,
      fix: problem.fix ?? 'see the message',
    };
  });
}
