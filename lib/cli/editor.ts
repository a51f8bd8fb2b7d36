import { spawn } from 'child_process';
import { fail } from '../errors';
import { SopsError } from '../sops/errors';
import { splitCommandLine } from '../sops/keys/age-key-command';

/** How an editor run ended. */
export interface EditorRun {
  /** The exit code, or `null` when the editor was killed by a signal or never started. */
  readonly status: number | null;
  /** The signal that ended the editor, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Why the editor could not be started, if it could not. */
  readonly error?: Error;
  /**
   * A signal this program received while the editor ran and that ends the edit: SIGTERM or SIGHUP at once, SIGINT
   * when the editor then exits other than with 0 (an editor that handles Ctrl-C itself, like vi, goes on); also one
   * of these three that killed the editor, as when Ctrl-C reaches both and the editor is seen to end first.
   * @default - none
   */
  readonly interrupted?: NodeJS.Signals;
}

/** Starts an editor program with its arguments and waits for it; the terminal is the editor's. */
export type EditorSpawner = (
  program: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
) => EditorRun | Promise<EditorRun>;

/** The signals that stop an edit; while the editor runs they are passed on to it instead of ending this program. */
const EDIT_STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The editor runs in this terminal: standard input, output and error are passed through. While it runs, SIGINT,
 * SIGTERM and SIGHUP are handled as git handles them around its editor: passed on to the editor, and reported in
 * {@link EditorRun.interrupted} so the caller removes the plaintext and exits with the signal's code. The run ends at
 * once on SIGTERM and SIGHUP (an editor that ignores them must not keep the plaintext on disk), and waits for the
 * editor on SIGINT, which the editor may handle itself.
 */
export const spawnEditorInTerminal: EditorSpawner = (program, args, env) =>
  new Promise((resolve) => {
    const child = spawn(program, [...args], { stdio: 'inherit', env });
    let received: NodeJS.Signals | undefined;
    const finish = (run: EditorRun): void => {
      for (const signal of EDIT_STOP_SIGNALS) process.removeListener(signal, onSignal);
      child.unref();
      resolve(run);
    };
    const onSignal = (signal: NodeJS.Signals): void => {
      received ??= signal;
      child.kill(signal);
      if (signal !== 'SIGINT') finish({ status: null, signal: null, interrupted: signal });
    };
    for (const signal of EDIT_STOP_SIGNALS) process.on(signal, onSignal);
    child.on('error', (error) => finish({ status: null, signal: null, error }));
    // Ctrl-C reaches the editor and this program together: the editor may be seen to die of it first
    const stopSignal = (signal: NodeJS.Signals | null) =>
      signal !== null && EDIT_STOP_SIGNALS.includes(signal) ? signal : undefined;
    child.on('exit', (status, signal) =>
      finish({ status, signal, interrupted: status === 0 ? undefined : (received ?? stopSignal(signal)) }),
    );
  });

/** Raised by {@link runEditor} when this program was stopped by a signal while the editor ran. */
export class EditorInterruptedError extends Error {
  constructor(
    /** The signal received. */
    public readonly signal: NodeJS.Signals,
  ) {
    super(`the editor was stopped by ${signal}`);
    this.name = 'EditorInterruptedError';
  }
}

/**
 * The editor command line: `$EDITOR`, else `$VISUAL`, else `vi`, split into words like a shell would for a simple
 * command (quotes and backslashes, no variables), so `code --wait` or `"/opt/My Editor/bin/edit" -w` work.
 *
 * @returns the variable it came from (for messages) and the words
 * @throws FluxValidationError when the variable has an unclosed quote
 */
function editorCommand(env: NodeJS.ProcessEnv): { readonly source: string; readonly words: string[] } {
  for (const name of ['EDITOR', 'VISUAL']) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    try {
      return { source: name, words: splitCommandLine(value) };
    } catch (e) {
      if (!(e instanceof SopsError)) throw e;
      fail({
        field: name,
        value,
        message: 'has an unclosed quote',
        fix: `close the quote, e.g. ${name}="code --wait"`,
      });
    }
  }
  return { source: 'the default editor', words: ['vi'] };
}

/**
 * Opens `file` in the user's editor (see {@link editorCommand}) and waits until it is closed.
 *
 * @throws EditorInterruptedError when this program gets SIGINT, SIGTERM or SIGHUP meanwhile (see
 *   {@link spawnEditorInTerminal})
 * @throws FluxValidationError when the editor cannot be started, exits with a code other than 0, or is killed
 */
export async function runEditor(
  file: string,
  env: NodeJS.ProcessEnv,
  spawnEditor: EditorSpawner = spawnEditorInTerminal,
): Promise<void> {
  const { source, words } = editorCommand(env);
  const [program, ...args] = words;
  const run = await spawnEditor(program, [...args, file], env);
  if (run.interrupted !== undefined) {
    throw new EditorInterruptedError(run.interrupted);
  }
  const shown = words.join(' ');
  if (run.error !== undefined) {
    const code = (run.error as NodeJS.ErrnoException).code ?? run.error.message;
    fail({
      field: source === 'the default editor' ? 'editor' : source,
      value: shown,
      message: `cannot be started (${code})`,
      fix: 'set EDITOR to an editor on your PATH that waits until the file is closed, e.g. EDITOR="code --wait"',
    });
  }
  if (run.status !== 0) {
    fail({
      field: source === 'the default editor' ? 'editor' : source,
      value: shown,
      message: run.signal !== null ? `was stopped by ${run.signal}` : `exited with code ${String(run.status)}`,
      fix: 'nothing was written; run the command again and quit the editor normally to keep your changes',
    });
  }
}
