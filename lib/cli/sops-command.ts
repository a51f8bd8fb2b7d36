import * as fs from 'fs';
import * as path from 'path';
import { lineDiff } from '../check/line-diff';
import { SOPS_CONFIG_NAME } from '../sops/config/find-sops-config';
import { writeFileAtomic } from '../render/atomic-write';
import { CliIo, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { PlanFailureKind, isPlanFailure, synthesizePlan } from '../repo/plan-file';
import { parseAppCommandLine } from './app-command';
import { FlagSpec } from './parse-flags';

/** The help text of `cdk8s-flux sops`. */
const SOPS_USAGE = `usage: cdk8s-flux sops init [--app COMMAND] [--force]

Writes .sops.yaml in the working directory from the app's decryption keys (generateSopsConfig): one creation rule
per folder that holds SopsSecret files, encrypting data and stringData for the key of the cluster that applies
them. The secret files need not exist yet: run it first, then \`cdk8s-flux secret create\` for each file.

--app COMMAND   the command that runs the app (default: the \`app\` of cdk8s.yaml in the working directory)
--force         replace a .sops.yaml that says something else

example:
  cdk8s-flux sops init && cdk8s-flux secret create secrets/podinfo-secret.yaml --from-literal SECRET=...`;

const FORCE_FLAG: FlagSpec = { name: 'force', kind: 'boolean' };

const COMMAND = 'cdk8s-flux sops init';

/**
 * `cdk8s-flux sops init`: runs the app as `check` does and writes the `.sops.yaml` its keys give, refusing to
 * replace a different one unless `--force`.
 *
 * @param args the arguments after `sops`
 */
export function runSops(args: readonly string[], io: CliIo): number {
  const [subcommand, ...rest] = args;
  if (subcommand === '-h' || subcommand === '--help') {
    io.out(SOPS_USAGE);
    return 0;
  }
  if (subcommand !== 'init') {
    io.err(`cdk8s-flux sops: name the subcommand, init\n${SOPS_USAGE}`);
    return EXIT_USAGE;
  }
  const line = parseAppCommandLine(rest, [FORCE_FLAG], SOPS_USAGE, COMMAND, io);
  if (typeof line === 'number') return line;
  const { app, flags } = line;
  const result = synthesizePlan(app);
  const plan = isPlanFailure(result) ? result.partial : result;
  const text = plan?.sopsConfig;
  if (text === undefined) {
    if (isPlanFailure(result) && result.kind === PlanFailureKind.NOT_STARTED) {
      io.err(`${COMMAND}: cannot run the app ${JSON.stringify(app)}: ${result.reason}`);
    } else if (isPlanFailure(result) && result.kind === PlanFailureKind.FAILED) {
      io.err(`${COMMAND}: the app ${JSON.stringify(app)} failed (exit code ${result.reason}):`);
      if (result.output !== '') io.err(result.output);
    } else {
      io.err(`${COMMAND}: the app ${JSON.stringify(app)} declares no SopsSecret in a repository with a decryption key`);
    }
    return EXIT_PROBLEMS;
  }
  const file = path.join(process.cwd(), SOPS_CONFIG_NAME);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (existing === text) {
    io.out(`${SOPS_CONFIG_NAME} is already what the app's keys give; nothing written`);
    return 0;
  }
  if (existing !== undefined && flags.values.get('force') === undefined) {
    io.err(`${COMMAND}: ${SOPS_CONFIG_NAME} exists and differs from what the app's keys give:`);
    for (const line of lineDiff(existing, text)) io.err(`    ${line}`.trimEnd());
    io.err(`${COMMAND}: nothing written; run with --force to replace it`);
    return EXIT_PROBLEMS;
  }
  writeFileAtomic(file, text, { overwrite: true });
  io.out(`wrote ${SOPS_CONFIG_NAME}`);
  return 0;
}
