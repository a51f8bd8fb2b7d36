import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { compareTree } from '../check/compare-tree';
import { PLAN_FILE_ENV, PlanFile } from '../repo/flux-app';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { FlagSpec, ParsedFlags, parseFlags } from './parse-flags';
import { reportFailure } from './report-failure';

/** The help text of `cdk8s-flux check`. */
export const CHECK_USAGE = `usage: cdk8s-flux check [--app COMMAND]

Synthesizes the app in memory (nothing on disk is touched) and compares the tree with the one in its output
folder: lists every file that is missing, different (with a short diff) or left over from an earlier synth.
Run it in CI after the tests to make sure the committed tree is what the code says.

--app COMMAND   the command that runs the app (default: the \`app\` of cdk8s.yaml in the working directory)

Exit code: 0 when the tree on disk is up to date, 1 when it is not (or the app fails its checks), 2 when the
command is used wrongly, 3 when the app cannot be run.`;

const CHECK_FLAGS: readonly FlagSpec[] = [{ name: 'app', kind: 'string' }];

/** The `app` command of the cdk8s.yaml in `dir`, when there is one. */
function appOfCdk8sYaml(dir: string): string | undefined {
  const file = path.join(dir, 'cdk8s.yaml');
  if (!fs.existsSync(file)) return undefined;
  const config = parse(fs.readFileSync(file, 'utf8')) as { app?: unknown } | null;
  return typeof config?.app === 'string' && config.app.trim() !== '' ? config.app : undefined;
}

/**
 * Runs `app` (a shell command line) with {@link PLAN_FILE_ENV} set, so that `FluxApp.synth()` hands over its
 * validated tree instead of writing it.
 */
function planOf(app: string, io: CliIo): PlanFile | number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-check-'));
  try {
    const planFile = path.join(dir, 'plan.json');
    const run = spawnSync(app, {
      shell: true,
      encoding: 'utf8',
      env: { ...process.env, [PLAN_FILE_ENV]: planFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error !== undefined) {
      io.err(`cdk8s-flux check: cannot run the app ${JSON.stringify(app)}: ${run.error.message}`);
      return EXIT_FAILURE;
    }
    if (run.status !== 0) {
      const output = `${run.stdout}${run.stderr}`.trimEnd();
      io.err(`cdk8s-flux check: the app ${JSON.stringify(app)} failed (exit code ${run.status ?? run.signal}):`);
      if (output !== '') io.err(output);
      return EXIT_PROBLEMS;
    }
    if (!fs.existsSync(planFile)) {
      io.err(
        `cdk8s-flux check: the app ${JSON.stringify(app)} ran but synthesized no FluxApp; ` +
          'make it call synth() on a FluxApp, or pass the command that does with --app',
      );
      return EXIT_FAILURE;
    }
    return JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlanFile;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `cdk8s-flux check`: exit 0 when the tree on disk is what the app synthesizes, 1 with the list of differing files
 * (and a short diff of each changed one) when it is not.
 *
 * @param args the arguments after `check`
 */
export function runCheck(args: readonly string[], io: CliIo): number {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, CHECK_FLAGS);
  } catch (e) {
    return reportFailure(e, io, 'cdk8s-flux check');
  }
  if (flags.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  if (flags.positionals.length > 0) {
    io.err(`cdk8s-flux check: unknown argument ${flags.positionals[0]}\n${CHECK_USAGE}`);
    return EXIT_USAGE;
  }
  let app = flags.values.get('app')?.[0];
  if (app !== undefined && app.trim() === '') {
    io.err(`cdk8s-flux check: --app needs the command that runs the app, e.g. --app "npx tsx main.ts"`);
    return EXIT_USAGE;
  }
  app ??= appOfCdk8sYaml(process.cwd());
  if (app === undefined) {
    io.err('cdk8s-flux check: no cdk8s.yaml with an `app` here; pass the command that runs the app with --app');
    return EXIT_USAGE;
  }
  const plan = planOf(app, io);
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
