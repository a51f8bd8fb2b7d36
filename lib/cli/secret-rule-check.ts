import { FluxValidationError, Issue } from '../errors';
import { CreationRule } from '../sops/config/creation-rule';
import { DEFAULT_ENCRYPTION_RULE, EncryptionRule } from '../sops/core/encryption-rule';
import { SopsError } from '../sops/errors';
import { SopsFileInfo } from '../sops/read-sops-metadata';
import { FlagSpec, ParsedFlags } from './parse-flags';
import { SecretContext } from './secret-context';
import { creationRuleFor, describeEncryptionRule, describeRule } from './secret-creation-rule';

/**
 * The recipients, key groups and encryption rule written in a sops file are not covered by its MAC: anyone who can
 * change the file can swap a recipient for their own key (which `rotate` would then wrap the new data key for) or
 * narrow its `encrypted_regex` (so that a later `edit` writes a new value in clear text). The commands that rely on
 * them compare them with the `.sops.yaml` rule first.
 */

/** `--config` of the commands that read the `.sops.yaml`. */
export const CONFIG_FLAG: FlagSpec = { name: 'config', kind: 'string' };

/** `--trust-file-metadata` of `secret edit` and `secret rotate`: skip the comparison with `.sops.yaml`. */
export const TRUST_FILE_METADATA_FLAG: FlagSpec = { name: 'trust-file-metadata', kind: 'boolean' };

/** How the recipients of a file compare with those of a creation rule. */
export interface KeyComparison {
  /** The file has the rule's recipients, in the rule's key groups, with the rule's Shamir threshold. */
  readonly same: boolean;
  /** Recipients the rule names that the file is not encrypted for, as written in `.sops.yaml`. */
  readonly added: readonly string[];
  /** Recipients the file is encrypted for that the rule does not name. */
  readonly removed: readonly string[];
}

/** A recipient as compared: fingerprints in upper case, each with its kind so an age and a PGP id never meet. */
function recipientKey(type: string, id: string): string {
  return type === 'pgp' ? `pgp:${id.toUpperCase()}` : `${type}:${id}`;
}

function withoutKind(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** Compares the recipients of a file with those of its creation rule, group by group. */
export function compareKeys(info: SopsFileInfo, rule: CreationRule): KeyComparison {
  const before = info.metadata.keyGroups.map((_, g) =>
    info.recipients.filter((r) => r.group === g).map((r) => recipientKey(r.type, r.id)),
  );
  const after = rule.keyGroups.map((group) => group.map((r) => recipientKey(r.type, r.id)));
  const sameGroups =
    before.length === after.length &&
    before.every((group, g) => group.length === after[g].length && group.every((id) => after[g].includes(id)));
  const sameThreshold = after.length <= 1 || info.metadata.shamirThreshold === rule.shamirThreshold;
  const [was, now] = [before.flat(), after.flat()];
  return {
    same: sameGroups && sameThreshold,
    added: now.filter((id) => !was.includes(id)).map(withoutKind),
    removed: was.filter((id) => !now.includes(id)).map(withoutKind),
  };
}

const TRUST_FIX = 'pass --trust-file-metadata if the file is right and .sops.yaml is not';

/**
 * The ways the encryption settings of a file (its encryption rule and `mac_only_encrypted`) differ from those of its
 * creation rule, as issues naming both.
 */
export function encryptionDriftIssues(file: string, info: SopsFileInfo, rule: CreationRule, cwd: string): Issue[] {
  const wanted: EncryptionRule = rule.encryptionRule ?? DEFAULT_ENCRYPTION_RULE;
  const found = info.metadata.encryptionRule;
  const issues: Issue[] = [];
  if (found.kind !== wanted.kind || found.pattern !== wanted.pattern) {
    issues.push({
      file,
      field: `sops.${found.kind}`,
      value: found.pattern,
      message: `differs from ${describeRule(rule, cwd)}, which has ${describeEncryptionRule(rule)}; the file's rule is not covered by its MAC, so it may have been changed to leave values in clear text`,
      fix: 'if .sops.yaml is right, restore the file from version control or encrypt its plaintext again',
    });
  }
  if (info.metadata.macOnlyEncrypted !== rule.macOnlyEncrypted) {
    issues.push({
      file,
      field: 'sops.mac_only_encrypted',
      value: String(info.metadata.macOnlyEncrypted),
      message: `differs from ${describeRule(rule, cwd)}, which has mac_only_encrypted: ${String(rule.macOnlyEncrypted)}`,
      fix: 'if .sops.yaml is right, restore the file from version control or encrypt its plaintext again',
    });
  }
  return issues;
}

/** The issue for a file whose recipients differ from its creation rule's, or `undefined` when they are the same. */
function keyDriftIssue(file: string, info: SopsFileInfo, rule: CreationRule, cwd: string): Issue | undefined {
  const keys = compareKeys(info, rule);
  if (keys.same) return undefined;
  const parts = [
    keys.removed.length > 0 ? `the file is encrypted for ${keys.removed.join(', ')}, which the rule does not name` : '',
    keys.added.length > 0 ? `the rule names ${keys.added.join(', ')}, for which the file holds no key` : '',
    keys.removed.length + keys.added.length === 0
      ? `the key groups or the Shamir threshold (${info.metadata.shamirThreshold}) differ`
      : '',
  ].filter((part) => part !== '');
  return {
    file,
    field: 'sops recipients',
    message: `differ from those of ${describeRule(rule, cwd)}: ${parts.join('; ')}; the recipients are not covered by the file's MAC, so anyone who could write the file may have put their own key there`,
    fix: `if .sops.yaml is right, run \`cdk8s-flux secret updatekeys ${file}\` first`,
  };
}

/**
 * Refuses a file whose recipients, key groups or encryption settings differ from those of the `.sops.yaml` creation
 * rule that matches it, unless `--trust-file-metadata` was given. `--config` names the `.sops.yaml`.
 *
 * @throws FluxValidationError naming each difference; SopsError when no `.sops.yaml` or rule is found for the file
 */
export async function checkFileAgainstRule(
  file: string,
  info: SopsFileInfo,
  ctx: SecretContext,
  flags: ParsedFlags,
): Promise<void> {
  if (flags.values.has(TRUST_FILE_METADATA_FLAG.name)) return;
  let rule: CreationRule;
  try {
    rule = await creationRuleFor(file, {
      configFile: flags.values.get(CONFIG_FLAG.name)?.[0],
      env: ctx.env,
      cwd: ctx.cwd,
    });
  } catch (e) {
    if (!(e instanceof SopsError) || e.code !== 'config') throw e;
    // the file's own keys cannot be checked: say how to go on without the check
    throw new SopsError(
      e.problems.map((p) => ({
        ...p,
        fix: `${p.fix ?? 'fix the .sops.yaml'}; the file's recipients and encryption rule are checked against it, or pass --trust-file-metadata to use them unchecked`,
      })),
    );
  }
  const issues = [keyDriftIssue(file, info, rule, ctx.cwd), ...encryptionDriftIssues(file, info, rule, ctx.cwd)];
  const found = issues.filter((issue): issue is Issue => issue !== undefined);
  if (found.length > 0)
    throw new FluxValidationError(
      found.map((issue) => ({
        ...issue,
        message: `${issue.message}; ${file} was left unchanged`,
        fix: `${issue.fix}; ${TRUST_FIX}`,
      })),
    );
}
