import { CliIo, EXIT_USAGE } from './io';
import { FlagSpec, ParsedFlags, parseFlags } from './parse-flags';
import { reportFailure } from './report-failure';
import { unknownName } from './unknown-name';
import { SecretCommandOptions, SecretContext, oneFile, secretContext } from './secret-context';
import { SECRET_CREATE_FLAGS, SECRET_CREATE_USAGE, runSecretCreate } from './secret-create';
import { SECRET_DECRYPT_FLAGS, SECRET_DECRYPT_USAGE, runSecretDecrypt } from './secret-decrypt';
import { SECRET_EDIT_FLAGS, SECRET_EDIT_USAGE, runSecretEdit } from './secret-edit';
import {
  SECRET_ROTATE_FLAGS,
  SECRET_ROTATE_USAGE,
  SECRET_UPDATEKEYS_FLAGS,
  SECRET_UPDATEKEYS_USAGE,
  runSecretRotate,
  runSecretUpdateKeys,
} from './secret-rekey';

/**
 * One `cdk8s-flux secret` subcommand. Every one takes one FILE and its flags; `runSecret` parses them, answers
 * `--help` with `usage`, and calls `run` with the file.
 */
export interface SecretSubcommand {
  /** One line for `cdk8s-flux secret --help`. */
  readonly summary: string;
  /** The help text of the subcommand, with an example. */
  readonly usage: string;
  /** The flags it accepts. */
  readonly flags: readonly FlagSpec[];
  /** Runs it on the FILE argument; failures are thrown, and printed by `runSecret`. */
  readonly run: (file: string, ctx: SecretContext, flags: ParsedFlags) => Promise<number>;
}

/** The subcommands of `cdk8s-flux secret`, in the order the help lists them. */
export const SECRET_SUBCOMMANDS: Readonly<Record<string, SecretSubcommand>> = {
  create: {
    summary: 'write an encrypted Secret from --from-literal and --from-file values',
    usage: SECRET_CREATE_USAGE,
    flags: SECRET_CREATE_FLAGS,
    run: runSecretCreate,
  },
  decrypt: {
    summary: 'print the decrypted file',
    usage: SECRET_DECRYPT_USAGE,
    flags: SECRET_DECRYPT_FLAGS,
    run: runSecretDecrypt,
  },
  edit: {
    summary: 'change the decrypted file in $EDITOR, keeping its data key',
    usage: SECRET_EDIT_USAGE,
    flags: SECRET_EDIT_FLAGS,
    run: runSecretEdit,
  },
  rotate: {
    summary: 're-encrypt under a new data key, same recipients',
    usage: SECRET_ROTATE_USAGE,
    flags: SECRET_ROTATE_FLAGS,
    run: runSecretRotate,
  },
  updatekeys: {
    summary: 'make the recipients those of the matching .sops.yaml rule',
    usage: SECRET_UPDATEKEYS_USAGE,
    flags: SECRET_UPDATEKEYS_FLAGS,
    run: runSecretUpdateKeys,
  },
};

const width = Math.max(...Object.keys(SECRET_SUBCOMMANDS).map((n) => n.length));

/** The help text of `cdk8s-flux secret`. */
export const SECRET_USAGE = `usage: cdk8s-flux secret <subcommand> FILE [options]

SOPS-encrypted Kubernetes Secrets for Flux, compatible with the sops program (which is not needed): files are
encrypted for the recipients of the matching .sops.yaml creation rule, and decrypted with your age or PGP key.

subcommands:
${Object.entries(SECRET_SUBCOMMANDS)
  .map(([name, s]) => `  ${name.padEnd(width)}  ${s.summary}`)
  .join('\n')}

example:
  cdk8s-flux secret create secrets/podinfo-secret.yaml --from-literal token=s3cr3t

cdk8s-flux secret <subcommand> --help tells more.

Exit code: 0 done, 1 the files or keys do not allow it (no matching rule, no private key, MAC mismatch, file
exists...), 2 the command is used wrongly (unknown option, bad key or name, unreadable --from-file), 3 the file
system failed.`;

/**
 * `cdk8s-flux secret <subcommand> ...`: create, decrypt, edit, rotate and updatekeys SOPS-encrypted Secrets. Errors
 * are printed on `io.err` and never hold plaintext values or key material.
 *
 * @param args the arguments after `secret`
 * @param options the environment, working directory and editor launcher; the process's own by default
 * @returns the exit code: 0 done, 1 refused by the files or keys, 2 wrong usage, 3 file system failure
 */
export async function runSecret(
  args: readonly string[],
  io: CliIo,
  options: SecretCommandOptions = {},
): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.err(SECRET_USAGE);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(SECRET_USAGE);
    return 0;
  }
  const sub = Object.prototype.hasOwnProperty.call(SECRET_SUBCOMMANDS, name) ? SECRET_SUBCOMMANDS[name] : undefined;
  if (sub === undefined) {
    io.err(`cdk8s-flux secret: ${unknownName('subcommand', name, Object.keys(SECRET_SUBCOMMANDS))}\n${SECRET_USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const flags = parseFlags(rest, sub.flags);
    if (flags.help) {
      io.out(sub.usage);
      return 0;
    }
    return await sub.run(oneFile(flags, sub.usage), secretContext(io, options), flags);
  } catch (e) {
    return reportFailure(e, io, `cdk8s-flux secret ${name}`);
  }
}
