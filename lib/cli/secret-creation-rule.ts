import * as path from 'path';
import { fail } from '../errors';
import { CreationRule, matchCreationRule, resolveCreationRule } from '../sops/config/creation-rule';
import { SOPS_CONFIG_NAME, findSopsConfig } from '../sops/config/find-sops-config';
import { readSopsConfig } from '../sops/config/parse-sops-config';
import { EncryptionRuleKind } from '../sops/config/sops-config';
import { EncryptionRuleOptions } from '../sops/document';
import { GpgKeyring } from '../sops/keys/gpg-keyring';

/** Where the `.sops.yaml` for a file is looked for. */
export interface CreationRuleLookup {
  /** The `.sops.yaml` to use (`--config`), relative to `cwd`. @default env.SOPS_CONFIG, else the search */
  readonly configFile?: string;
  /** The environment, for `SOPS_CONFIG` and the gpg keyring (`GNUPGHOME`). */
  readonly env: NodeJS.ProcessEnv;
  /** The folder relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * The creation rule that applies to `file`, with its keys looked up: from `--config`, else `SOPS_CONFIG`, else the
 * first `.sops.yaml` found from the file's folder upwards (so the command works from any working directory). The
 * rule's `path_regex` is matched against the file's path relative to the `.sops.yaml` folder.
 *
 * @throws FluxValidationError when no `.sops.yaml` is found, no rule matches (naming the path and every
 *   `path_regex` tried), or a key of the rule cannot be found
 */
export async function creationRuleFor(file: string, lookup: CreationRuleLookup): Promise<CreationRule> {
  const absolute = path.resolve(lookup.cwd, file);
  const explicit = lookup.configFile ?? lookup.env.SOPS_CONFIG;
  const configFile =
    explicit !== undefined && explicit !== ''
      ? path.resolve(lookup.cwd, explicit)
      : findSopsConfig(path.dirname(absolute));
  if (configFile === undefined) {
    fail({
      field: SOPS_CONFIG_NAME,
      value: path.dirname(absolute),
      message: 'was not found in this folder or any folder above it, so the file has no recipients',
      fix: 'create a .sops.yaml with creation_rules (generateSopsConfig(app) writes one), or pass --config FILE',
    });
  }
  const config = readSopsConfig(configFile);
  return resolveCreationRule(matchCreationRule(config, absolute, lookup.cwd), {
    pgpKeys: new GpgKeyring({ env: lookup.env }),
  });
}

/** The encryption options of a creation rule (`encrypted_regex` and the like) as the sops engine takes them. */
export function encryptionRuleOptions(rule: CreationRule): EncryptionRuleOptions {
  const encryption = rule.encryptionRule;
  if (encryption === undefined) return {};
  switch (encryption.kind) {
    case EncryptionRuleKind.ENCRYPTED_REGEX:
      return { encryptedRegex: encryption.pattern };
    case EncryptionRuleKind.UNENCRYPTED_REGEX:
      return { unencryptedRegex: encryption.pattern };
    case EncryptionRuleKind.ENCRYPTED_SUFFIX:
      return { encryptedSuffix: encryption.pattern };
    case EncryptionRuleKind.UNENCRYPTED_SUFFIX:
      return { unencryptedSuffix: encryption.pattern };
    case EncryptionRuleKind.ENCRYPTED_COMMENT_REGEX:
      return { encryptedCommentRegex: encryption.pattern };
    case EncryptionRuleKind.UNENCRYPTED_COMMENT_REGEX:
      return { unencryptedCommentRegex: encryption.pattern };
  }
}

/** A rule named for messages: `.sops.yaml creation_rules[1] (path_regex ^secrets/)`. */
export function describeRule(rule: CreationRule, cwd: string): string {
  const where = path.relative(cwd, rule.configFile) || rule.configFile;
  const regex = rule.pathRegex !== undefined ? ` (path_regex ${rule.pathRegex})` : '';
  return `${where} creation_rules[${rule.index}]${regex}`;
}
