import { readCdk8sConfig } from '../repo/cdk8s-config';
import { CliIo, EXIT_USAGE } from './io';
import { FlagSpec, ParsedFlags, parseFlags } from './parse-flags';
import { reportFailure } from './report-failure';

/** The `--app COMMAND` flag of the commands that run the app. */
export const APP_FLAG: FlagSpec = { name: 'app', kind: 'string' };

/** The arguments of a command that runs the app, sorted out. */
export interface AppCommandLine {
  /** The flags given. */
  readonly flags: ParsedFlags;
  /** The shell command line that runs the app. */
  readonly app: string;
}

/**
 * Reads the arguments of a command that runs the app (`check`, `synth`): its flags (with {@link APP_FLAG}), no
 * positionals, and the app: `--app`, else the `app` of the `cdk8s.yaml` in the working folder. Prints the usage for
 * `--help` and returns 0, or prints what is wrong and returns the exit code.
 *
 * @param command the command's name for messages, e.g. `cdk8s-flux check`
 */
export function parseAppCommandLine(
  args: readonly string[],
  specs: readonly FlagSpec[],
  usage: string,
  command: string,
  io: CliIo,
): AppCommandLine | number {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [APP_FLAG, ...specs]);
  } catch (e) {
    return reportFailure(e, io, command);
  }
  if (flags.help) {
    io.out(usage);
    return 0;
  }
  if (flags.positionals.length > 0) {
    io.err(`${command}: unknown argument ${flags.positionals[0]}\n${usage}`);
    return EXIT_USAGE;
  }
  const app = flags.values.get(APP_FLAG.name)?.[0];
  if (app !== undefined && app.trim() === '') {
    io.err(`${command}: --app needs the command that runs the app, e.g. --app "npx tsx main.ts"`);
    return EXIT_USAGE;
  }
  const resolved = app ?? readCdk8sConfig(process.cwd())?.app;
  if (resolved === undefined) {
    io.err(`${command}: no cdk8s.yaml with an \`app\` here; pass the command that runs the app with --app`);
    return EXIT_USAGE;
  }
  return { flags, app: resolved };
}
