import * as path from 'path';
import { Issue } from '../errors';
import { CreationRule, loadCreationRule } from '../sops/config/creation-rule';
import { DEFAULT_ENCRYPTION_RULE } from '../sops/core/encryption-rule';
import { GpgKeyring } from '../sops/keys/gpg-keyring';

/** Where the `.sops.yaml` for a file is looked for. */
export interface CreationRuleLookup {
  /** The `.sops.yaml` to use (`--config`), relative to `cwd`. @default env.SOPS_CONFIG, else the search */
  readonly configFile?: string;
  /** The environment, for `SOPS_CONFIG` and the gpg keyring (`GNUPGHOME`). */
  readonly env: NodeJS.ProcessEnv;
  /** The working directory: relative paths are resolved against it and the `.sops.yaml` search starts there. */
  readonly cwd: string;
}

/**
 * The creation rule that applies to `file`, found as sops finds it (`loadCreationRule`), with PGP keys looked up in
 * the gpg keyring of the command's environment.
 *
 * @throws SopsError when no `.sops.yaml` is found, no rule matches (naming the path and every `path_regex` tried),
 *   or a key of the rule cannot be found
 */
export async function creationRuleFor(file: string, lookup: CreationRuleLookup): Promise<CreationRule> {
  return loadCreationRule(file, { ...lookup, pgpKeys: new GpgKeyring({ env: lookup.env }) });
}

/** A rule named for messages: `.sops.yaml creation_rules[1] (path_regex ^secrets/)`. */
export function describeRule(rule: CreationRule, cwd: string): string {
  const where = path.relative(cwd, rule.configFile) || rule.configFile;
  const regex = rule.pathRegex !== undefined ? ` (path_regex ${rule.pathRegex})` : '';
  return `${where} creation_rules[${rule.index}]${regex}`;
}

/** The encryption rule of a creation rule, for messages: `encrypted_regex "^stringData$"`. */
export function describeEncryptionRule(rule: CreationRule): string {
  const { kind, pattern } = rule.encryptionRule ?? DEFAULT_ENCRYPTION_RULE;
  return `${kind} ${JSON.stringify(pattern)}${rule.encryptionRule === undefined ? ' (the default)' : ''}`;
}

/**
 * The issues of Secret values a creation rule leaves in clear text in `file` (fields such as `data.password`, found
 * in what the rule encrypted), naming the rule and how to fix it; never the value.
 */
export function clearValueIssues(file: string, rule: CreationRule, fields: readonly string[], cwd: string): Issue[] {
  return fields.map((field) => ({
    file,
    field,
    message: `would be written in clear text: ${describeRule(rule, cwd)} has ${describeEncryptionRule(rule)}, which leaves it unencrypted; nothing was written`,
    fix: 'make that rule encrypt the whole Secret data (encrypted_regex: ^(data|stringData)$, no unencrypted_regex or suffix that matches the key)',
  }));
}
