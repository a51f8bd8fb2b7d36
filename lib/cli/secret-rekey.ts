import * as path from 'path';
import { fail, formatIssue } from '../errors';
import { detectFormat } from '../sops/stores/format';
import { readSopsMetadata } from '../sops/read-sops-metadata';
import { AgeRecipient } from '../sops/keys/age-recipient';
import { GpgKeyring } from '../sops/keys/gpg-keyring';
import { Recipient } from '../sops/keys/master-key';
import { parseRecipient } from '../sops/keys/recipients';
import { SopsMetadata } from '../sops/core/metadata';
import { rotateSopsFile, updateSopsKeys } from '../sops/rekey';
import { writeFileAtomic } from '../render/atomic-write';
import { FlagSpec, ParsedFlags } from './parse-flags';
import { SecretContext, keySources, readEncryptedFile } from './secret-context';
import { creationRuleFor, describeRule } from './secret-creation-rule';
import {
  CONFIG_FLAG,
  TRUST_FILE_METADATA_FLAG,
  checkFileAgainstRule,
  compareKeys,
  encryptionDriftIssues,
} from './secret-rule-check';

/** The help text of `cdk8s-flux secret rotate`. */
export const SECRET_ROTATE_USAGE = `usage: cdk8s-flux secret rotate FILE [--config .sops.yaml] [--trust-file-metadata]

Re-encrypts FILE under a new random data key, as \`sops rotate\` does: every value and the MAC get new
ciphertext, the new data key is wrapped for the same recipients, and the encryption rule is kept. Do it when
someone who could read the file should no longer be able to read its next versions (after removing their key
with \`secret updatekeys\`). The private key is found as for \`secret decrypt\`.

The recipients and encryption rule written in FILE are not covered by its MAC, so anyone who could change FILE
could have put their own key there. Unlike sops, rotate first compares them with the .sops.yaml creation rule
that matches FILE (found as for \`secret create\`) and changes nothing when they differ.

  --config FILE            the .sops.yaml to use
  --trust-file-metadata    use the recipients and encryption rule of FILE without comparing them with .sops.yaml

example:
  cdk8s-flux secret rotate secrets/podinfo-secret.yaml`;

/** The help text of `cdk8s-flux secret updatekeys`. */
export const SECRET_UPDATEKEYS_USAGE = `usage: cdk8s-flux secret updatekeys FILE [--config .sops.yaml]

Brings the recipients of FILE in line with the .sops.yaml creation rule that matches it, as \`sops updatekeys\`
does: keys added to the rule can decrypt the file afterwards, keys removed from it get no new copy of the data key.
The data key and the values are kept (so a removed key can still read this version from version control: run
\`secret rotate\` too). Before anything is written the values are decrypted in memory and checked against the MAC: a
file changed without sops is refused (\`sops updatekeys\` reads no value). The rule's encryption rule
(encrypted_regex...) is not applied to an existing file. The .sops.yaml is found as for \`secret create\`; the
private key as for \`secret decrypt\`.

  --config FILE   the .sops.yaml to use

example:
  cdk8s-flux secret updatekeys secrets/podinfo-secret.yaml`;

/**
 * `cdk8s-flux secret rotate FILE`: a fresh data key for the same recipients.
 *
 * @returns the exit code (0); failures are thrown
 */
export async function runSecretRotate(file: string, ctx: SecretContext, flags: ParsedFlags): Promise<number> {
  const text = readEncryptedFile(file, ctx);
  const format = detectFormat(file);
  const info = readSopsMetadata(text, format, { fileName: file });
  await checkFileAgainstRule(file, info, ctx, flags);
  const keyGroups = currentRecipients(info.metadata, file, ctx);
  const rotated = await rotateSopsFile(text, { format, unwrappers: keySources(ctx), keyGroups, fileName: file });
  writeFileAtomic(path.resolve(ctx.cwd, file), rotated, { overwrite: true });
  const ids = keyGroups.flatMap((group) => group.map((r) => r.id));
  ctx.io.out(`rotated the data key of ${file}; encrypted for ${ids.join(', ')}`);
  return 0;
}

/** The flags of `secret rotate`. */
export const SECRET_ROTATE_FLAGS: readonly FlagSpec[] = [CONFIG_FLAG, TRUST_FILE_METADATA_FLAG];

/** The flags of `secret updatekeys`. */
export const SECRET_UPDATEKEYS_FLAGS: readonly FlagSpec[] = [CONFIG_FLAG];

/**
 * `cdk8s-flux secret updatekeys FILE`: the recipients of the matching creation rule, the same data key.
 *
 * @returns the exit code (0, also when the file was up to date); failures are thrown
 */
export async function runSecretUpdateKeys(file: string, ctx: SecretContext, flags: ParsedFlags): Promise<number> {
  const text = readEncryptedFile(file, ctx);
  const format = detectFormat(file);
  const info = readSopsMetadata(text, format, { fileName: file });
  const rule = await creationRuleFor(file, {
    configFile: flags.values.get(CONFIG_FLAG.name)?.[0],
    env: ctx.env,
    cwd: ctx.cwd,
  });
  // the rule's encryption settings are not applied to an existing file: say so when they differ
  for (const issue of encryptionDriftIssues(file, info, rule, ctx.cwd)) {
    ctx.io.err(`warning: ${file}: ${formatIssue({ ...issue, file: undefined })}`);
  }
  const keys = compareKeys(info, rule);
  if (keys.same) {
    ctx.io.out(`${file} is already encrypted for the keys of ${describeRule(rule, ctx.cwd)}; nothing written`);
    return 0;
  }

  const updated = await updateSopsKeys(text, {
    format,
    unwrappers: keySources(ctx),
    keyGroups: rule.keyGroups,
    shamirThreshold: rule.shamirThreshold,
    fileName: file,
  });
  writeFileAtomic(path.resolve(ctx.cwd, file), updated, { overwrite: true });
  const shown = (ids: readonly string[]): string => ids.join(', ') || 'none';
  ctx.io.out(
    `updated the keys of ${file} for ${describeRule(rule, ctx.cwd)}: added ${shown(keys.added)}; removed ${shown(keys.removed)}`,
  );
  return 0;
}

/** The recipients a file is encrypted for, by key group, ready to wrap a new data key. */
function currentRecipients(metadata: SopsMetadata, file: string, ctx: SecretContext): Recipient[][] {
  const gpg = new GpgKeyring({ env: ctx.env });
  return metadata.keyGroups.map((group) =>
    group.map((stanza): Recipient => {
      switch (stanza.type) {
        case 'age':
          return AgeRecipient.fromString(stanza.recipient, 'sops.age[].recipient');
        case 'pgp':
          return parseRecipient(stanza.fp, { pgpKeys: gpg, field: 'sops.pgp[].fp' });
        default:
          return fail({
            file,
            field: `sops.${stanza.type}`,
            message: 'is a master key this tool cannot encrypt for',
            fix: 'rotate this file with sops itself',
          });
      }
    }),
  );
}
