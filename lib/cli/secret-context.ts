import * as fs from 'fs';
import * as path from 'path';
import { fail } from '../errors';
import { defaultKeyUnwrappers } from '../sops/keys/identities';
import { KeyUnwrapper } from '../sops/keys/master-key';
import { EditorSpawner, spawnEditorInTerminal } from './editor';
import { CliIo } from './io';
import { ParsedFlags, UsageError } from './parse-flags';

/** What the `cdk8s-flux secret` commands take from their surroundings; tests and embedding programs replace it. */
export interface SecretCommandOptions {
  /**
   * The environment: `SOPS_AGE_KEY`, `SOPS_AGE_KEY_FILE`, `SOPS_CONFIG`, `EDITOR`, `HOME`, `GNUPGHOME`...
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The folder relative paths are resolved against.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Starts the editor of `secret edit`.
   * @default the editor runs in this terminal, with inherited standard streams (`spawnEditorInTerminal`)
   */
  readonly spawnEditor?: EditorSpawner;
}

/** {@link SecretCommandOptions} with the defaults filled in, and where to write. */
export interface SecretContext {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly spawnEditor: EditorSpawner;
}

/** Fills in the defaults of {@link SecretCommandOptions}. */
export function secretContext(io: CliIo, options: SecretCommandOptions = {}): SecretContext {
  return {
    io,
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    spawnEditor: options.spawnEditor ?? spawnEditorInTerminal,
  };
}

/**
 * The one file argument of a subcommand.
 *
 * @throws UsageError when there is none or more than one
 */
export function oneFile(flags: ParsedFlags, usage: string): string {
  if (flags.positionals.length !== 1) {
    const problem = flags.positionals.length === 0 ? 'name the file' : 'name one file';
    throw new UsageError(`${problem}\n${usage}`);
  }
  return flags.positionals[0];
}

/**
 * Reads an encrypted file given on the command line.
 *
 * @throws FluxValidationError when it does not exist, is a folder or cannot be read
 */
export function readEncryptedFile(file: string, ctx: SecretContext): string {
  const full = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    fail({
      field: file,
      message: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`,
      fix:
        code === 'ENOENT'
          ? 'check the path, or create the file with `cdk8s-flux secret create`'
          : 'check the path and its permissions',
    });
  }
  return text;
}

/** The private keys sops would use, from the context's environment (see `defaultKeyUnwrappers`). */
export function keySources(ctx: SecretContext): KeyUnwrapper[] {
  return defaultKeyUnwrappers(ctx.env);
}
