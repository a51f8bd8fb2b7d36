import { PlanFailure, PlanFailureKind } from '../repo/plan-file';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS } from './io';

/**
 * Prints why running `app` for its plan gave none and returns the exit code: `EXIT_FAILURE` when it cannot be run
 * or synthesizes no FluxApp, `EXIT_PROBLEMS` when it fails (its checks, or a crash), with what it printed.
 *
 * @param command the command's name for messages, e.g. `cdk8s-flux check`
 * @param where where the app ran, when it is not the working folder (`at origin/main`)
 * @default where: nothing is added
 */
export function reportPlanFailure(failure: PlanFailure, app: string, command: string, io: CliIo, where = ''): number {
  const named = `the app ${JSON.stringify(app)}${where === '' ? '' : ` ${where}`}`;
  switch (failure.kind) {
    case PlanFailureKind.NOT_STARTED:
      io.err(`${command}: cannot run ${named}: ${failure.reason}`);
      return EXIT_FAILURE;
    case PlanFailureKind.FAILED:
      io.err(`${command}: ${named} failed (exit code ${failure.reason}):`);
      if (failure.output !== '') io.err(failure.output);
      return EXIT_PROBLEMS;
    case PlanFailureKind.NO_PLAN:
      io.err(
        `${command}: ${named} ran but synthesized no FluxApp; ` +
          'make it call synth() on a FluxApp, or pass the command that does with --app',
      );
      return EXIT_FAILURE;
  }
}
