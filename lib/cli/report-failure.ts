import { types } from 'util';
import { FluxValidationError, formatIssue } from '../errors';
import { SopsError, formatSopsProblem } from '../sops/errors';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { UsageError } from './parse-flags';

/**
 * Prints a failure of `command` (such as `cdk8s-flux secret create`) on standard error and returns its exit code:
 * `EXIT_USAGE` for a {@link UsageError}, `EXIT_PROBLEMS` for a problem in the files or keys (FluxValidationError,
 * SopsError), `EXIT_FAILURE` for a file system error. These messages never hold plaintext values or key material.
 *
 * @throws the error itself when it is none of these (a bug), so it is not mistaken for a user error
 */
export function reportFailure(error: unknown, io: CliIo, command: string): number {
  if (error instanceof UsageError) {
    io.err(`${command}: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof FluxValidationError) {
    // one line per problem, led by the file it is in
    for (const issue of error.issues) {
      io.err(
        `${command}: ${issue.file !== undefined ? `${issue.file}: ` : ''}${formatIssue({ ...issue, file: undefined })}`,
      );
    }
    return EXIT_PROBLEMS;
  }
  if (error instanceof SopsError) {
    // one line per problem, as for a FluxValidationError
    for (const problem of error.problems) io.err(`${command}: ${formatSopsProblem(problem)}`);
    return EXIT_PROBLEMS;
  }
  // isNativeError, not instanceof: Node's file system errors may come from another realm (as under jest)
  if (types.isNativeError(error) && typeof (error as NodeJS.ErrnoException).code === 'string') {
    io.err(`${command}: ${error.message}`);
    return EXIT_FAILURE;
  }
  throw error;
}
