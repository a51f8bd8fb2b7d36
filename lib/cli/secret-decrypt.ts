import { decryptSopsFile } from '../sops/encrypt-decrypt';
import { detectFormat } from '../sops/stores/format';
import { FlagSpec, ParsedFlags } from './parse-flags';
import { DECODE_FLAG, decodeSecretData, wantsDecode } from './secret-data-codec';
import { SecretContext, keySources, readEncryptedFile } from './secret-context';

/** The help text of `cdk8s-flux secret decrypt`. */
export const SECRET_DECRYPT_USAGE = `usage: cdk8s-flux secret decrypt FILE [--decode]

Prints the decrypted FILE on standard output, as \`sops decrypt\` does, after checking its MAC (a file changed
without sops is refused). The private key is looked for where sops looks: $SOPS_AGE_KEY, $SOPS_AGE_KEY_FILE,
$SOPS_AGE_KEY_CMD, the age key file sops/age/keys.txt in the user configuration folder (~/.config on Linux,
$XDG_CONFIG_HOME when set), and the gpg keyring.

  --decode   show the data values of Secrets decoded from base64 (values that are not text as !!binary); YAML only

example:
  cdk8s-flux secret decrypt secrets/podinfo-secret.yaml --decode`;

/** The flags of `secret decrypt`. */
export const SECRET_DECRYPT_FLAGS: readonly FlagSpec[] = [DECODE_FLAG];

/**
 * `cdk8s-flux secret decrypt FILE`: the plaintext on standard output; warnings (never plaintext) on standard error.
 *
 * @returns the exit code (0); failures are thrown
 */
export async function runSecretDecrypt(file: string, ctx: SecretContext, flags: ParsedFlags): Promise<number> {
  const decode = wantsDecode(flags, file);
  const { plaintext: decrypted, warnings } = await decryptSopsFile(readEncryptedFile(file, ctx), {
    format: detectFormat(file),
    unwrappers: keySources(ctx),
    fileName: file,
  });
  for (const warning of warnings) ctx.io.err(`warning: ${warning}`);
  const plaintext = decode ? decodeSecretData(decrypted, file).text : decrypted;
  // io.out ends the text with a line break of its own
  ctx.io.out(plaintext.endsWith('\n') ? plaintext.slice(0, -1) : plaintext);
  return 0;
}
