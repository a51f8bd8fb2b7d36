import { spawnSync } from 'child_process';
import { ADOPT_ENV, QUIET_ENV } from '../repo/flux-app';
import { PLAN_FILE_ENV } from '../repo/plan-file';
import { CDK8S_OUTDIR_ENV } from '../repo/synth-output';
import { parseAppCommandLine } from './app-command';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS } from './io';
import { FlagSpec } from './parse-flags';

/** The help text of `cdk8s-flux synth`. */
const SYNTH_USAGE = `usage: cdk8s-flux synth [--app COMMAND] [--adopt] [--quiet]

Runs the app, which validates the whole tree and writes it to its FluxApp outdir, then prints what it wrote:
files added, changed and removed, and the \`flux bootstrap\` command of each tree. Unlike \`cdk8s synth\`, it
empties no folder first. It writes nothing when anything is wrong, and refuses to replace a file no earlier synth
wrote (listing them, and the YAML files of the tree no kustomization.yaml would list any more) unless --adopt.

--app COMMAND   the command that runs the app (default: the \`app\` of cdk8s.yaml in the working directory)
--adopt         replace the files an earlier synth did not write (adopting an existing repository), naming each
--quiet         print nothing when the synth succeeds

example:
  cdk8s-flux synth --adopt     # take over the hand-written tree at outdir, then review \`git diff\`

Exit code: 0 when the tree was written, 1 when the app failed (nothing was written), 2 when the command is used
wrongly, 3 when the app cannot be run.`;

const SYNTH_FLAGS: readonly FlagSpec[] = [
  { name: 'adopt', kind: 'boolean' },
  { name: 'quiet', kind: 'boolean' },
];

/**
 * `cdk8s-flux synth`: runs the app to write its tree, with the adoption and summary switches of the flags; the app's
 * own output (the summary, or its problems) goes straight to this process's.
 *
 * @param args the arguments after `synth`
 */
export function runSynth(args: readonly string[], io: CliIo): number {
  const line = parseAppCommandLine(args, SYNTH_FLAGS, SYNTH_USAGE, 'cdk8s-flux synth', io);
  if (typeof line === 'number') return line;
  const { flags, app } = line;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // the tree is the output: not a plan file, not the cdk8s CLI's folder
  delete env[PLAN_FILE_ENV];
  delete env[CDK8S_OUTDIR_ENV];
  if (flags.values.has('adopt')) env[ADOPT_ENV] = '1';
  env[QUIET_ENV] = flags.values.has('quiet') ? '1' : '0';
  const run = spawnSync(app, { shell: true, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (run.error !== undefined) {
    io.err(`cdk8s-flux synth: cannot run the app ${JSON.stringify(app)}: ${run.error.message}`);
    return EXIT_FAILURE;
  }
  for (const line of run.stdout.split('\n').filter((l) => l !== '')) io.out(line);
  for (const line of run.stderr.split('\n').filter((l) => l !== '')) io.err(line);
  return run.status === 0 ? 0 : EXIT_PROBLEMS;
}
