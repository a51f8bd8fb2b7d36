import { spawn, spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { SopsError } from '../errors';

/** How to run gpg. */
export interface GpgProgramOptions {
  /**
   * The environment gpg runs in; `GNUPGHOME` and `SOPS_GPG_EXEC` are read from it.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The GnuPG home folder (keyring), overriding `GNUPGHOME`.
   * @default env.GNUPGHOME, else ~/.gnupg
   */
  readonly gnupgHome?: string;
  /**
   * The gpg program, overriding `SOPS_GPG_EXEC`.
   * @default env.SOPS_GPG_EXEC, else "gpg"
   */
  readonly program?: string;
}

/** What a gpg run returned. */
export interface GpgResult {
  /** The exit code (`null` when killed by a signal). */
  readonly code: number | null;
  /** Standard output, as bytes. */
  readonly stdout: Buffer;
  /** Standard error, as text. */
  readonly stderr: string;
}

/** The installation hint used in every "gpg is missing" error. */
const GPG_INSTALL_HINT = 'install GnuPG ("apt-get install gnupg", "brew install gnupg") or set SOPS_GPG_EXEC';

/** A resolved way to run gpg: program, keyring folder and environment. */
export class GpgProgram {
  /** The program started, `gpg` unless configured. */
  public readonly program: string;
  /** The keyring folder gpg uses. */
  public readonly home: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: GpgProgramOptions = {}) {
    const env = options.env ?? process.env;
    this.program = options.program ?? nonEmpty(env.SOPS_GPG_EXEC) ?? 'gpg';
    this.home = options.gnupgHome ?? nonEmpty(env.GNUPGHOME) ?? path.join(env.HOME ?? os.homedir(), '.gnupg');
    // C locale: gpg's messages are matched below; GNUPGHOME: the keyring chosen.
    this.env = { ...env, GNUPGHOME: this.home, LC_ALL: 'C', LANGUAGE: 'C' };
  }

  /** True when the program can be started. */
  public isAvailable(): boolean {
    return spawnSync(this.program, ['--version'], { env: this.env, stdio: 'ignore' }).error === undefined;
  }

  /**
   * Runs gpg with `args` (always in batch mode), feeding `input` on standard input.
   *
   * @param purpose names what the run was for, in the error raised when gpg cannot be started
   * @throws SopsError when the program cannot be started
   */
  public run(args: readonly string[], input: string | Uint8Array | undefined, purpose: string): Promise<GpgResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, ['--batch', ...args], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.stdin.on('error', () => undefined); // gpg may exit before reading everything; the exit code tells why
      child.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          new SopsError({
            code: 'key',
            field: purpose,
            value: this.program,
            problem: `cannot be run (${e.code ?? e.message}): the gpg program is needed`,
            fix: GPG_INSTALL_HINT,
          }),
        ),
      );
      child.on('close', (code) =>
        resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
      );
      child.stdin.end(input);
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
