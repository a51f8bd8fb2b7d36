import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AgeIdentities } from './age-identities';
import { AgeKeyCommand } from './age-key-command';
import { GpgKeyring } from './gpg-keyring';
import { KeyUnwrapper } from './master-key';

/** The age key file sops reads by default, below the user configuration folder. */
const AGE_KEYS_IN_CONFIG_DIR = path.join('sops', 'age', 'keys.txt');

/** Options for {@link defaultKeyUnwrappers}. */
export interface DefaultKeyUnwrappersOptions {
  /**
   * The operating system, which decides the default age key file location.
   * @default process.platform
   */
  readonly platform?: NodeJS.Platform;
  /**
   * Whether to add the gpg keyring (when the gpg program can be started).
   * @default true
   */
  readonly gpg?: boolean;
}

/**
 * Finds the private keys sops would use to decrypt, from the environment, in this order:
 *
 * 1. `SOPS_AGE_KEY`: age identities in the variable itself (one or more per line, `#` comments allowed);
 * 2. `SOPS_AGE_KEY_FILE`: an age key file;
 * 3. `SOPS_AGE_KEY_CMD`: a command printing age identities (run when first needed);
 * 4. the default age key file, `sops/age/keys.txt` in the user configuration folder (see {@link defaultAgeKeyFile}),
 *    when it exists;
 * 5. the gpg keyring (`GNUPGHOME`, else `~/.gnupg`), when the `gpg` program can be started.
 *
 * Like sops, all of them are used together. Unlike sops, a source that is set but broken (a `SOPS_AGE_KEY_FILE` that
 * cannot be read, a key file with a line that is not a key) is an error at once rather than a warning. SSH keys as
 * age identities (`SOPS_AGE_SSH_PRIVATE_KEY_FILE`, `~/.ssh/id_ed25519`) are not supported and are ignored.
 *
 * @param env the environment to read, e.g. a copy with a test `HOME`
 * @default env process.env
 * @throws SopsError when a configured source cannot be read or holds something other than keys
 */
export function defaultKeyUnwrappers(
  env: NodeJS.ProcessEnv = process.env,
  options: DefaultKeyUnwrappersOptions = {},
): KeyUnwrapper[] {
  const found: KeyUnwrapper[] = [];
  if (env.SOPS_AGE_KEY !== undefined) {
    found.push(AgeIdentities.fromString(env.SOPS_AGE_KEY, 'age identities from SOPS_AGE_KEY'));
  }
  if (env.SOPS_AGE_KEY_FILE !== undefined) {
    const file = env.SOPS_AGE_KEY_FILE;
    found.push(AgeIdentities.fromFile(file, `age identities from SOPS_AGE_KEY_FILE (${file})`));
  }
  if (env.SOPS_AGE_KEY_CMD !== undefined) {
    found.push(new AgeKeyCommand(env.SOPS_AGE_KEY_CMD, env));
  }
  const defaultFile = defaultAgeKeyFile(env, options.platform);
  if (defaultFile !== undefined && fs.existsSync(defaultFile)) {
    found.push(AgeIdentities.fromFile(defaultFile));
  }
  if ((options.gpg ?? true) && GpgKeyring.isAvailable(env)) {
    found.push(new GpgKeyring({ env }));
  }
  return found.filter((unwrapper) => !(unwrapper instanceof AgeIdentities && unwrapper.size === 0));
}

/**
 * Where sops looks for the default age key file (`<user config folder>/sops/age/keys.txt`):
 *
 * - Linux and other Unix: `$XDG_CONFIG_HOME` when set to an absolute path, else `~/.config`;
 * - macOS: `$XDG_CONFIG_HOME` when set, else `~/Library/Application Support`;
 * - Windows: `%AppData%`.
 *
 * @returns the path, or `undefined` when the folder cannot be determined (no home folder, relative XDG_CONFIG_HOME)
 */
export function defaultAgeKeyFile(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const dir = userConfigDir(env, platform);
  return dir === undefined ? undefined : path.join(dir, AGE_KEYS_IN_CONFIG_DIR);
}

function userConfigDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  if (platform === 'win32') {
    return env.AppData || env.APPDATA || undefined;
  }
  if (platform === 'darwin') {
    if (xdg) return xdg;
    const home = env.HOME ?? os.homedir();
    return home ? path.join(home, 'Library', 'Application Support') : undefined;
  }
  if (xdg) {
    return path.isAbsolute(xdg) ? xdg : undefined;
  }
  const home = env.HOME ?? os.homedir();
  return home ? path.join(home, '.config') : undefined;
}
