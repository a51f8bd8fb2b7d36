import { decryptSopsFile } from '../sops/document';
import { detectFormat } from '../sops/format';
import { FlagSpec } from './parse-flags';
import { SecretContext, keySources, readEncryptedFile } from './secret-context';

/** The help text of `cdk8s-flux secret decrypt`. */
export const SECRET_DECRYPT_USAGE = `usage: cdk8s-flux secret decrypt FILE

Prints the decrypted FILE on standard output, as \`sops decrypt\` does, after checking its MAC (a file changed
without sops is refused). The private key is looked for where sops looks: $SOPS_AGE_KEY, $SOPS_AGE_KEY_FILE,
$SOPS_AGE_KEY_CMD, the age key file sops/age/keys.txt in the user configuration folder (~/.config on Linux,
$XDG_CONFIG_HOME when set), and the gpg keyring.`;

/** The flags of `secret decrypt`: none. */
export const SECRET_DECRYPT_FLAGS: readonly FlagSpec[] = [];

/**
 * `cdk8s-flux secret decrypt FILE`: the plaintext on standard output; warnings (never plaintext) on standard error.
 *
 * @returns the exit code (0); failures are thrown
 */
export async function runSecretDecrypt(file: string, ctx: SecretContext): Promise<number> {
  const { plaintext, warnings } = await decryptSopsFile(readEncryptedFile(file, ctx), {
    format: detectFormat(file),
    unwrappers: keySources(ctx),
    fileName: file,
  });
  for (const warning of warnings) ctx.io.err(`warning: ${warning}`);
  // io.out ends the text with a line break of its own
  ctx.io.out(plaintext.endsWith('\n') ? plaintext.slice(0, -1) : plaintext);
  return 0;
}
