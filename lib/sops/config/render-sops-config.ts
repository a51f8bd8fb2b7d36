import { Document } from 'yaml';
import { isRegexRule } from '../core/encryption-rule';
import { AgeRecipient } from '../keys/age-recipient';
import { normalizeFingerprint } from '../keys/fingerprint';
import { SopsError, SopsErrorDetails } from '../errors';
import { compileSopsConfigRegex } from '../go/re2';
import { SopsConfigRule, SopsKeyGroup } from './sops-config';

/** Options for {@link renderSopsConfig}. */
export interface RenderSopsConfigOptions {
  /**
   * A comment written at the top of the file, one `#` line per line of text.
   * @default none
   */
  readonly comment?: string;
}

/**
 * Writes `.sops.yaml` text for `rules`, in order; the same rules always give the same text.
 *
 * Each rule is written as `path_regex`, its encryption rule, `mac_only_encrypted` (only when true), then its keys:
 * one key group as flat comma-separated `age:` / `pgp:` fields (understood by every sops 3 release), several as
 * `key_groups` lists with `shamir_threshold`. PGP fingerprints are written in upper case. {@link parseSopsConfig}
 * reads the text back to the same rules.
 *
 * @example
 *   renderSopsConfig([{
 *     pathRegex: '^clusters/prod/.*\\.sops\\.yaml$',
 *     encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' },
 *     keyGroups: [{ age: ['age1...'], pgp: [] }],
 *   }]);
 *   // creation_rules:
 *   //   - path_regex: ^clusters/prod/.*\.sops\.yaml$
 *   //     encrypted_regex: ^(data|stringData)$
 *   //     age: age1...
 *
 * @throws SopsError listing every rule without keys, bad key, bad pattern or threshold
 */
export function renderSopsConfig(rules: readonly SopsConfigRule[], options: RenderSopsConfigOptions = {}): string {
  const issues: SopsErrorDetails[] = [];
  if (rules.length === 0) {
    issues.push({ code: 'config', field: 'creation_rules', problem: 'is empty', fix: 'give at least one rule' });
  }
  const rendered = rules.map((rule, index) => renderRule(rule, `creation_rules[${index}]`, issues));
  if (issues.length > 0) {
    throw new SopsError(issues);
  }
  const doc = new Document({ creation_rules: rendered });
  if (options.comment !== undefined) {
    doc.commentBefore = options.comment
      .split('\n')
      .map((line) => (line === '' ? '' : ` ${line}`))
      .join('\n');
  }
  return doc.toString({ indent: 2, lineWidth: 0, indentSeq: true });
}

function renderRule(rule: SopsConfigRule, where: string, issues: SopsErrorDetails[]): Record<string, unknown> {
  const check = (fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof SopsError)) throw e;
      issues.push(...e.problems);
    }
  };
  const out: Record<string, unknown> = {};
  if (rule.pathRegex !== undefined) {
    check(() => compileSopsConfigRegex(rule.pathRegex!, { field: `${where}.path_regex` }));
    out.path_regex = rule.pathRegex;
  }
  if (rule.encryptionRule !== undefined) {
    const { kind, pattern } = rule.encryptionRule;
    if (isRegexRule(kind)) check(() => compileSopsConfigRegex(pattern, { field: `${where}.${kind}` }));
    out[kind] = pattern;
  }
  if (rule.macOnlyEncrypted === true) {
    out.mac_only_encrypted = true;
  }

  const groups = rule.keyGroups.map((group, g) => {
    const field = rule.keyGroups.length > 1 ? `${where}.key_groups[${g}]` : where;
    const age = group.age.map((id) => id.trim());
    const pgp: string[] = [];
    age.forEach((id) => check(() => AgeRecipient.fromString(id, `${field}.age`)));
    group.pgp.forEach((fp) => check(() => pgp.push(normalizeFingerprint(fp, `${field}.pgp`))));
    if (age.length + pgp.length === 0) {
      issues.push({ code: 'config', field, problem: 'has no keys', fix: 'add age recipients or pgp fingerprints' });
    }
    return { age, pgp };
  });
  if (groups.length === 0) {
    issues.push({ code: 'config', field: where, problem: 'names no age or pgp key', fix: 'give the rule a key group' });
  }
  const threshold = rule.shamirThreshold;
  if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 1 || threshold > groups.length)) {
    issues.push({
      code: 'config',
      field: `${where}.shamir_threshold`,
      value: String(threshold),
      problem: `is not a whole number from 1 to the ${groups.length} key group(s)`,
      fix: 'give how many key groups are needed to decrypt',
    });
  }

  if (groups.length === 1 && threshold === undefined) {
    if (groups[0].age.length > 0) out.age = groups[0].age.join(',');
    if (groups[0].pgp.length > 0) out.pgp = groups[0].pgp.join(',');
  } else if (groups.length > 0) {
    out.key_groups = groups.map(renderGroup);
    if (threshold !== undefined) out.shamir_threshold = threshold;
  }
  return out;
}

function renderGroup(group: SopsKeyGroup): Record<string, string[]> {
  return {
    ...(group.age.length > 0 ? { age: [...group.age] } : {}),
    ...(group.pgp.length > 0 ? { pgp: [...group.pgp] } : {}),
  };
}
