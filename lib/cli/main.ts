import { CliIo, EXIT_FAILURE, EXIT_USAGE, processIo } from './io';
import { runCheck } from './check-command';
import { runDiff } from './diff-command';
import { runGraph } from './graph-command';
import { runImport } from './import-command';
import { runInit } from './init-command';
import { ownPackage } from './own-package';
import { unknownName } from './unknown-name';
import { runSecret } from './secret-command';
import { runSops } from './sops-command';
import { runSynth } from './synth-command';
import { runValidate } from './validate-command';

/** One `cdk8s-flux` command. */
export interface CliCommand {
  /** One line for `cdk8s-flux --help`. */
  readonly summary: string;
  /**
   * Runs the command with the arguments that follow its name.
   * @returns the exit code
   */
  readonly run: (args: readonly string[], io: CliIo) => number | Promise<number>;
}

/** The commands of `cdk8s-flux`, by name: adding a command is adding an entry. */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  init: {
    summary: 'write a new project: a cdk8s app with a small cluster and a snapshot test of its tree',
    run: (args, io) => runInit(args, io),
  },
  secret: {
    summary: 'create, decrypt, edit, rotate and re-key SOPS-encrypted Secrets',
    run: (args, io) => runSecret(args, io),
  },
  check: {
    summary: 'synthesize in memory and tell whether the tree on disk is up to date',
    run: runCheck,
  },
  synth: {
    summary: 'write the tree, never over a file it did not write unless --adopt, and say what changed',
    run: runSynth,
  },
  validate: {
    summary: 'check a folder of Flux manifests as every synth checks its tree',
    run: runValidate,
  },
  sops: {
    summary: "init: write .sops.yaml from the app's decryption keys, before any secret file exists",
    run: runSops,
  },
  graph: {
    summary: 'draw the dependency graph of each cluster of a tree as Mermaid, Graphviz DOT or SVG',
    run: runGraph,
  },
  import: {
    summary: 'turn an existing Flux repository of YAML into a cdk8s-flux program, checked object by object',
    run: (args, io) => runImport(args, io),
  },
  diff: {
    summary: 'show what a change does to the clusters (added, pruned, changed objects) and flag the dangerous',
    run: runDiff,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: cdk8s-flux <command> [arguments]',
    '',
    'commands:',
    ...lines,
    '',
    'example:',
    '  cdk8s-flux init my-cluster',
    '',
    'cdk8s-flux <command> --help tells more; cdk8s-flux --version prints the version.',
  ].join('\n');
}

/**
 * Runs `cdk8s-flux` with `argv` (the arguments after the program name) and returns the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(usage());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return 0;
  }
  if (name === '--version') {
    io.out(ownPackage().version);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.err(`cdk8s-flux: ${unknownName('command', name, Object.keys(COMMANDS))}\n${usage()}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

/** The program: runs the command line of this process and sets its exit code. */
export function main(): void {
  runCli(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      processIo.err(`cdk8s-flux: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT_FAILURE;
    },
  );
}

if (require.main === module) main();
