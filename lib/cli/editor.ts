import { spawnSync } from 'child_process';
import { FluxValidationError, fail } from '../errors';
import { splitCommandLine } from '../sops/keys/age-key-command';

/** How an editor run ended, as `spawnSync` reports it. */
export interface EditorRun {
  /** The exit code, or `null` when the editor was killed by a signal or never started. */
  readonly status: number | null;
  /** The signal that ended the editor, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Why the editor could not be started, if it could not. */
  readonly error?: Error;
}

/** Starts an editor program with its arguments and waits for it; the terminal is the editor's. */
export type EditorSpawner = (program: string, args: readonly string[], env: NodeJS.ProcessEnv) => EditorRun;

/** The editor runs in this terminal: standard input, output and error are passed through. */
export const spawnEditorInTerminal: EditorSpawner = (program, args, env) =>
  spawnSync(program, [...args], { stdio: 'inherit', env });

/**
 * The editor command line: `$EDITOR`, else `$VISUAL`, else `vi`, split into words like a shell would for a simple
 * command (quotes and backslashes, no variables), so `code --wait` or `"/opt/My Editor/bin/edit" -w` work.
 *
 * @returns the variable it came from (for messages) and the words
 * @throws FluxValidationError when the variable has an unclosed quote
 */
export function editorCommand(env: NodeJS.ProcessEnv): { readonly source: string; readonly words: string[] } {
  for (const name of ['EDITOR', 'VISUAL']) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    try {
      return { source: name, words: splitCommandLine(value) };
    } catch (e) {
      if (!(e instanceof FluxValidationError)) throw e;
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
 * @throws FluxValidationError when the editor cannot be started, exits with a code other than 0, or is killed
 */
export function runEditor(file: string, env: NodeJS.ProcessEnv, spawn: EditorSpawner = spawnEditorInTerminal): void {
  const { source, words } = editorCommand(env);
  const [program, ...args] = words;
  const run = spawn(program, [...args, file], env);
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
