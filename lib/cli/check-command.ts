import * as path from 'path';
import { compareTree } from '../check/compare-tree';
import { PlanFile, isPlanFailure, synthesizePlan } from '../repo/plan-file';
import { parseAppCommandLine } from './app-command';
import { CliIo, EXIT_PROBLEMS } from './io';
import { reportPlanFailure } from './plan-failure';

/** The help text of `cdk8s-flux check`. */
export const CHECK_USAGE = `usage: cdk8s-flux check [--app COMMAND]

Synthesizes the app in memory (nothing on disk is touched) and compares the tree with the one in its output
folder: lists every file that is missing, different (with a short diff) or left over from an earlier synth.
Run it in CI after the tests to make sure the committed tree is what the code says.

--app COMMAND   the command that runs the app (default: the \`app\` of cdk8s.yaml in the working directory)

example:
  cdk8s-flux check --app 'npx tsx main.ts'

Exit code: 0 when the tree on disk is up to date, 1 when it is not (or the app fails its checks), 2 when the
command is used wrongly, 3 when the app cannot be run.`;

/**
 * Runs `app` for its plan ({@link synthesizePlan}), or prints why it gave none and returns the exit code.
 */
function planOf(app: string, io: CliIo): PlanFile | number {
  const result = synthesizePlan(app);
  return isPlanFailure(result) ? reportPlanFailure(result, app, 'cdk8s-flux check', io) : result;
}

/**
 * `cdk8s-flux check`: exit 0 when the tree on disk is what the app synthesizes, 1 with the list of differing files
 * (and a short diff of each changed one) when it is not.
 *
 * @param args the arguments after `check`
 */
export function runCheck(args: readonly string[], io: CliIo): number {
  const line = parseAppCommandLine(args, [], CHECK_USAGE, 'cdk8s-flux check', io);
  if (typeof line === 'number') return line;
  const plan = planOf(line.app, io);
  if (typeof plan === 'number') return plan;
  const planned = new Map(Object.entries(plan.files));
  const differences = compareTree(planned, plan.outdir);
  const shownOutdir = path.relative(process.cwd(), plan.outdir) || '.';
  if (differences.length === 0) {
    io.out(`ok: the ${planned.size} files of the tree in ${shownOutdir} are up to date`);
    return 0;
  }
  for (const d of differences) {
    io.out(`${d.change.padEnd(7)} ${path.join(shownOutdir, d.file)}`);
    for (const line of d.diff) io.out(`    ${line}`.trimEnd());
  }
  io.out(
    `${differences.length === 1 ? '1 file' : `${differences.length} files`} of the tree in ${shownOutdir} ` +
      `${differences.length === 1 ? 'differs' : 'differ'} from what the app synthesizes: ` +
      'run the synth (npm run synth) and commit the result',
  );
  return EXIT_PROBLEMS;
}
