import * as path from 'path';
import { parseDocument } from 'yaml';
import { AgeRecipient } from '../keys/age-recipient';
import { normalizeFingerprint } from '../keys/fingerprint';
import { readText } from '../keys/read-text';
import { SopsError, SopsErrorDetails } from '../errors';
import { didYouMean } from '../base/did-you-mean';
import { isPlainObject } from '../base/plain-object';
import { compileSopsConfigRegex } from '../go/re2';
import { EncryptionRule, EncryptionRuleKind, RULE_KINDS, isRegexRule } from '../core/encryption-rule';
import { SopsConfig, SopsConfigRule, SopsKeyGroup } from './sops-config';

/** sops key kinds this library cannot encrypt with, as they are spelled in a creation rule and in a key group. */
const FOREIGN_RULE_KEYS = ['kms', 'gcp_kms', 'azure_keyvault', 'hc_vault_transit_uri', 'hckms', 'plugins'];
const FOREIGN_GROUP_KEYS = ['kms', 'gcp_kms', 'azure_keyvault', 'hc_vault', 'hckms', 'plugins'];
/** sops rule fields that change nothing for age and PGP keys. */
const IGNORED_RULE_KEYS = ['aws_profile', 'timeout'];
const ENCRYPTION_KINDS: readonly string[] = RULE_KINDS;
const RULE_KEYS = ['path_regex', 'age', 'pgp', 'key_groups', 'shamir_threshold', 'mac_only_encrypted'];
/** What Go's YAML decoder reads as null. */
const NULL_WORDS = ['', '~', 'null', 'Null', 'NULL'];

type Raw = unknown;

/**
 * The config last read from each file, with the text it was parsed from: reading a file again whose text is the same
 * (one `.sops.yaml` checked for every Secret of a synth) returns it without parsing, and a changed file is parsed.
 */
const lastRead = new Map<string, { readonly text: string; readonly config: SopsConfig }>();

/**
 * Reads a `.sops.yaml` file: its `creation_rules`, with key lists split and checked (age recipients parsed, PGP
 * fingerprints normalised) and regular expressions compiled. Other sections (`destination_rules`, `stores`) are
 * ignored.
 *
 * Stricter than sops where sops would silently do something surprising: a rule field sops does not know (such as
 * the typo `path_regexp`, which sops ignores, making the rule match every file) is an error, and so are key kinds this
 * library cannot use (`kms`, `gcp_kms`, `azure_keyvault`, `hc_vault_transit_uri`, `hckms`, `plugins`).
 *
 * @throws SopsError listing every problem found in the file
 */
export function readSopsConfig(file: string): SopsConfig {
  const text = readText(file, '.sops.yaml', 'config');
  const abs = path.resolve(file);
  const last = lastRead.get(abs);
  if (last?.text === text) return last.config;
  const config = parseSopsConfig(text, abs);
  lastRead.set(abs, { text, config });
  return config;
}

/**
 * Parses `.sops.yaml` text; see {@link readSopsConfig}.
 *
 * @param file the file the text comes from (made absolute); rule paths are matched relative to its folder
 * @throws SopsError listing every problem found
 */
export function parseSopsConfig(text: string, file: string): SopsConfig {
  const abs = path.resolve(file);
  const issues: SopsErrorDetails[] = [];
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SopsError(
      doc.errors.map((e) => ({
        code: 'config',
        file: abs,
        field: '.sops.yaml',
        problem: `is not valid YAML: ${e.message}`,
        fix: 'fix the YAML syntax',
      })),
    );
  }
  const top: Raw = doc.toJS();
  const rawRules = isMap(top) ? top.creation_rules : undefined;
  let rules: SopsConfigRule[] = [];
  if (top !== null && top !== undefined && top !== '' && !isMap(top)) {
    issues.push({
      code: 'config',
      file: abs,
      field: '.sops.yaml',
      problem: 'is not a mapping',
      fix: 'start the file with "creation_rules:"',
    });
  } else if (rawRules !== undefined && !isNull(rawRules)) {
    if (!Array.isArray(rawRules)) {
      issues.push({
        code: 'config',
        file: abs,
        field: 'creation_rules',
        problem: 'is not a list',
        fix: 'write each rule as a "- " item',
      });
    } else {
      rules = rawRules.map((raw, index) => parseRule(raw, `creation_rules[${index}]`, new Reporter(abs, issues)));
    }
  }
  if (issues.length > 0) {
    throw new SopsError(issues);
  }
  return { file: abs, rules };
}

/** Collects the problems of one file. */
class Reporter {
  constructor(
    public readonly file: string,
    private readonly issues: SopsErrorDetails[],
  ) {}

  public add(issue: Omit<SopsErrorDetails, 'file' | 'code'>): void {
    this.issues.push({ code: 'config', file: this.file, ...issue });
  }

  /** Runs a check that throws a SopsError, keeping its problems (with this file) instead. */
  public check<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof SopsError)) throw e;
      e.problems.forEach((problem) => this.issues.push({ ...problem, file: this.file }));
      return undefined;
    }
  }
}

function parseRule(raw: Raw, where: string, report: Reporter): SopsConfigRule {
  if (!isMap(raw)) {
    report.add({
      field: where,
      problem: 'is not a mapping',
      fix: 'give the rule fields such as "path_regex:" and "age:"',
    });
    return { keyGroups: [] };
  }
  for (const key of Object.keys(raw)) {
    const field = `${where}.${key}`;
    if (FOREIGN_RULE_KEYS.includes(key)) {
      if (!isEmpty(raw[key])) foreignKey(key, field, report);
    } else if (!RULE_KEYS.includes(key) && !ENCRYPTION_KINDS.includes(key) && !IGNORED_RULE_KEYS.includes(key)) {
      unknownKey(key, field, [...RULE_KEYS, ...ENCRYPTION_KINDS], report);
    }
  }

  const pathRegex = scalar(raw.path_regex, `${where}.path_regex`, report);
  if (pathRegex !== undefined) {
    report.check(() => compileSopsConfigRegex(pathRegex, { field: `${where}.path_regex` }));
  }

  let keyGroups: SopsKeyGroup[];
  if (raw.key_groups !== undefined && !isNull(raw.key_groups) && !isEmpty(raw.key_groups)) {
    // as in sops, flat key fields are ignored when key_groups is set
    keyGroups = parseGroups(raw.key_groups, `${where}.key_groups`, report);
  } else {
    const age = keyList(raw.age, `${where}.age`, report, parseAge);
    const pgp = keyList(raw.pgp, `${where}.pgp`, report, parsePgp);
    keyGroups = age.length + pgp.length > 0 ? [{ age, pgp }] : [];
  }

  const threshold = parseThreshold(raw.shamir_threshold, `${where}.shamir_threshold`, keyGroups.length, report);
  const mac = scalar(raw.mac_only_encrypted, `${where}.mac_only_encrypted`, report);
  if (mac !== undefined && !/^(true|false)$/i.test(mac)) {
    report.add({
      field: `${where}.mac_only_encrypted`,
      value: mac,
      problem: 'is not a boolean',
      fix: 'use true or false',
    });
  }
  return {
    ...(pathRegex !== undefined ? { pathRegex } : {}),
    keyGroups,
    ...(threshold !== undefined ? { shamirThreshold: threshold } : {}),
    ...optional('encryptionRule', parseEncryptionRule(raw, where, report)),
    ...(mac !== undefined && mac.toLowerCase() === 'true' ? { macOnlyEncrypted: true } : {}),
  };
}

function parseGroups(raw: Raw, where: string, report: Reporter): SopsKeyGroup[] {
  if (!Array.isArray(raw)) {
    report.add({
      field: where,
      problem: 'is not a list',
      fix: 'write each key group as a "- " item with age: and pgp: lists',
    });
    return [];
  }
  return raw.map((group, index) => parseGroup(group, `${where}[${index}]`, report));
}

function parseGroup(raw: Raw, where: string, report: Reporter): SopsKeyGroup {
  if (isNull(raw)) return { age: [], pgp: [] };
  if (!isMap(raw)) {
    report.add({ field: where, problem: 'is not a mapping', fix: 'give the group age: and/or pgp: lists' });
    return { age: [], pgp: [] };
  }
  const age: string[] = [];
  const pgp: string[] = [];
  for (const key of Object.keys(raw)) {
    const field = `${where}.${key}`;
    if (key === 'age') age.push(...keyList(raw.age, field, report, parseAge));
    else if (key === 'pgp') pgp.push(...keyList(raw.pgp, field, report, parsePgp));
    else if (key === 'merge') {
      // sops merges the keys of nested groups into this one
      for (const merged of parseGroups(raw.merge, field, report)) {
        age.push(...merged.age);
        pgp.push(...merged.pgp);
      }
    } else if (FOREIGN_GROUP_KEYS.includes(key)) {
      if (!isEmpty(raw[key])) foreignKey(key, field, report);
    } else {
      unknownKey(key, field, ['age', 'pgp', 'merge'], report);
    }
  }
  // sops removes duplicate keys from a group
  return { age: [...new Set(age)], pgp: [...new Set(pgp)] };
}

/**
 * A list of keys: a comma-separated string, or a YAML list whose items may themselves be comma-separated; entries
 * are trimmed and empty ones dropped, as sops does.
 */
function keyList(raw: Raw, field: string, report: Reporter, parse: (key: string, field: string) => string): string[] {
  if (raw === undefined || isNull(raw)) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const keys: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      report.add({
        field,
        problem: 'holds something other than key strings',
        fix: 'list keys as strings, or as one comma-separated string',
      });
      continue;
    }
    for (const key of item.split(',').map((k) => k.trim())) {
      if (key === '') continue;
      const parsed = report.check(() => parse(key, field));
      if (parsed !== undefined) keys.push(parsed);
    }
  }
  return keys;
}

function parseAge(key: string, field: string): string {
  return AgeRecipient.fromString(key, field).id;
}

function parsePgp(key: string, field: string): string {
  return normalizeFingerprint(key, field);
}

function parseThreshold(raw: Raw, field: string, groups: number, report: Reporter): number | undefined {
  const text = scalar(raw, field, report);
  if (text === undefined) return undefined;
  const threshold = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(threshold)) {
    report.add({
      field,
      value: text,
      problem: 'is not a whole number',
      fix: 'give how many key groups are needed, e.g. 2',
    });
    return undefined;
  }
  if (threshold === 0) return undefined; // sops reads 0 as "all groups"
  if (threshold > groups) {
    report.add({
      field,
      value: text,
      problem: `is more than the ${groups} key group(s) of the rule`,
      fix: `use at most ${groups}, or add key groups`,
    });
    return undefined;
  }
  return threshold;
}

function parseEncryptionRule(raw: Record<string, Raw>, where: string, report: Reporter): EncryptionRule | undefined {
  const set = ENCRYPTION_KINDS.map((kind) => [kind, scalar(raw[kind], `${where}.${kind}`, report)] as const).filter(
    (entry): entry is readonly [string, string] => entry[1] !== undefined,
  );
  if (set.length > 1) {
    report.add({
      field: where,
      value: set.map(([kind]) => kind).join(', '),
      problem: 'sets more than one encryption rule',
      fix: 'keep only one of encrypted_regex, unencrypted_regex, encrypted_suffix, unencrypted_suffix and the comment regexes',
    });
    return undefined;
  }
  if (set.length === 0) return undefined;
  const [kind, pattern] = set[0];
  if (isRegexRule(kind as EncryptionRuleKind)) {
    report.check(() => compileSopsConfigRegex(pattern, { field: `${where}.${kind}` }));
  }
  return { kind: kind as EncryptionRuleKind, pattern };
}

function foreignKey(key: string, field: string, report: Reporter): void {
  report.add({
    field,
    problem: `names ${key} keys; this library supports age and pgp keys only`,
    fix: 'use age (or pgp) keys in the rules for files this library encrypts, or encrypt those files with sops itself',
  });
}

function unknownKey(key: string, field: string, known: string[], report: Reporter): void {
  const close = didYouMean(key, known, { maxDistance: 3 });
  report.add({
    field,
    problem: 'is not a sops creation-rule field (sops would silently ignore it)',
    fix: close !== undefined ? `did you mean "${close}"?` : `use one of ${known.join(', ')}`,
  });
}

function scalar(raw: Raw, field: string, report: Reporter): string | undefined {
  if (raw === undefined || isNull(raw)) return undefined;
  if (typeof raw !== 'string') {
    report.add({ field, problem: 'is not a single value', fix: 'write it as a plain string' });
    return undefined;
  }
  return raw;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function isMap(raw: Raw): raw is Record<string, Raw> {
  return isPlainObject(raw);
}

function isNull(raw: Raw): boolean {
  return raw === null || (typeof raw === 'string' && NULL_WORDS.includes(raw));
}

function isEmpty(raw: Raw): boolean {
  return isNull(raw) || (Array.isArray(raw) && raw.length === 0) || (isMap(raw) && Object.keys(raw).length === 0);
}
