import { spawn } from 'child_process';
import { SopsError } from '../errors';
import { AgeIdentities } from './age-identities';
import { KeyUnwrapper, MasterKeyStanza } from './master-key';

/**
 * age identities printed by a command, as sops runs `SOPS_AGE_KEY_CMD`: the command line is split into words like a
 * shell would (quotes, backslashes) but run without a shell; `SOPS_AGE_RECIPIENT` is set to the recipient of the
 * stanza being unwrapped; standard output is read as an age key file.
 *
 * The command runs when an age stanza is first unwrapped, once per recipient.
 *
 * @example
 *   new AgeKeyCommand('pass show sops/age-key');
 */
export class AgeKeyCommand implements KeyUnwrapper {
  /** `age identities from SOPS_AGE_KEY_CMD` unless given. */
  public readonly description: string;
  private readonly words: readonly string[];
  private readonly env: NodeJS.ProcessEnv;
  private readonly byRecipient = new Map<string, Promise<AgeIdentities>>();

  /**
   * @param commandLine the command, e.g. `op read "op://vault/sops age/key"`
   * @param env the environment the command runs in
   * @default env process.env
   * @throws SopsError when the command line is empty or has an unclosed quote
   */
  constructor(
    commandLine: string,
    env: NodeJS.ProcessEnv = process.env,
    description = 'age identities from SOPS_AGE_KEY_CMD',
  ) {
    this.words = splitCommandLine(commandLine);
    this.env = env;
    this.description = description;
  }

  /**
   * Unwraps an age stanza with the identities the command prints for its recipient.
   *
   * @returns the data key, or `undefined` when the stanza is not age or none of the printed keys fits
   * @throws SopsError when the command fails or prints something other than age identities
   */
  public async unwrap(stanza: MasterKeyStanza): Promise<Uint8Array | undefined> {
    if (stanza.type !== 'age') {
      return undefined;
    }
    let identities = this.byRecipient.get(stanza.recipient);
    if (identities === undefined) {
      identities = this.run(stanza.recipient);
      this.byRecipient.set(stanza.recipient, identities);
    }
    return (await identities).unwrap(stanza);
  }

  private run(recipient: string): Promise<AgeIdentities> {
    const [program, ...args] = this.words;
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, {
        env: { ...this.env, SOPS_AGE_RECIPIENT: recipient },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      const failed = (reason: string): void =>
        reject(
          new SopsError({
            code: 'key',
            field: 'SOPS_AGE_KEY_CMD',
            value: this.words.join(' '),
            problem: `failed: ${reason}`,
            fix: 'run the command yourself; it must print age identities (AGE-SECRET-KEY-1...) and exit 0',
          }),
        );
      child.on('error', (e: NodeJS.ErrnoException) => failed(`cannot be started (${e.code ?? e.message})`));
      child.on('close', (code) => {
        if (code !== 0) {
          const stderr = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-2).join(' / ');
          failed(`exit code ${code}${stderr ? `: ${stderr}` : ''}`);
          return;
        }
        try {
          resolve(AgeIdentities.fromString(Buffer.concat(out).toString('utf8'), this.description));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  }
}

/**
 * Splits a command line into words the way a POSIX shell would for a simple command: white space separates words,
 * single quotes keep everything, double quotes keep everything but `\"` and `\\`, a backslash outside quotes escapes
 * the next character. No variables, globs or pipes.
 *
 * @throws SopsError when the line is empty or a quote is not closed
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote !== undefined || words.length + (word === undefined ? 0 : 1) === 0) {
    throw new SopsError({
      code: 'key',
      field: 'SOPS_AGE_KEY_CMD',
      value: line,
      problem: quote !== undefined ? `has an unclosed ${quote} quote` : 'is empty',
      fix: 'set it to a command that prints age identities, e.g. "pass show sops/age-key"',
    });
  }
  if (word !== undefined) words.push(word);
  return words;
}
