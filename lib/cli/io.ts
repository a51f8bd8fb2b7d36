/** Where a command writes: standard output for results, standard error for usage errors. Tests pass a fake. */
export interface CliIo {
  /** Writes one line of output. */
  out(line: string): void;
  /** Writes one line of error output. */
  err(line: string): void;
  /**
   * Standard output is a terminal that may show colours (see {@link colourWanted}).
   * @default false
   */
  readonly colour?: boolean;
}

/**
 * Whether output may be coloured: it goes to a terminal, and `NO_COLOR` is unset or empty (an empty `NO_COLOR`
 * does not turn colours off, as the convention at no-color.org says).
 */
export function colourWanted(isTerminal: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTerminal && (env.NO_COLOR ?? '') === '';
}

/** The process's own standard output and error. */
export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  colour: colourWanted(process.stdout.isTTY === true, process.env),
};

/** Exit code of a command that found problems in its input. */
export const EXIT_PROBLEMS = 1;
/** Exit code of a command called wrongly (unknown flag, missing argument). */
export const EXIT_USAGE = 2;
/** Exit code of an unexpected failure (an unreadable file, a bug). */
export const EXIT_FAILURE = 3;
