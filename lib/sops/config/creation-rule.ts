import * as path from 'path';
import { Recipient } from '../keys/master-key';
import { PgpKeySource } from '../keys/pgp-key-source';
import { resolveRecipient } from '../keys/recipients';
import { SopsError, SopsErrorDetails } from '../errors';
import { compileSopsConfigRegex } from '../go/re2';
import { findSopsConfig } from './find-sops-config';
import { readSopsConfig } from './parse-sops-config';
import { EncryptionRule } from '../core/encryption-rule';
import { SopsConfig, SopsConfigRule } from './sops-config';

/** The creation rule that applies to one file, with its keys looked up: what the SOPS engine encrypts with. */
export interface CreationRule {
  /** The `.sops.yaml` the rule comes from. */
  readonly configFile: string;
  /** The rule's position in `creation_rules`. */
  readonly index: number;
  /** The rule's `path_regex`, when it has one. */
  readonly pathRegex?: string;
  /** The recipients of each key group, age first then PGP within a group, as sops orders them. */
  readonly keyGroups: readonly (readonly Recipient[])[];
  /** How many groups are needed to decrypt: set when there are several groups (the group count unless configured). */
  readonly shamirThreshold?: number;
  /** Which values to encrypt; `undefined` means sops' default, `unencrypted_suffix: _unencrypted`. */
  readonly encryptionRule?: EncryptionRule;
  /** Whether the MAC covers only the encrypted values. */
  readonly macOnlyEncrypted: boolean;
}

/** A rule of a config chosen for a file, before its keys are looked up. */
export interface MatchedRule {
  /** The config the rule belongs to. */
  readonly config: SopsConfig;
  /** The rule's position in `creation_rules`. */
  readonly index: number;
  /** The rule. */
  readonly rule: SopsConfigRule;
}

/** Where PGP public keys are looked up. */
export interface ResolveCreationRuleOptions {
  /**
   * Sources of PGP public keys, tried in order: armored keys (`PgpPublicKeys`) and/or the gpg keyring.
   * @default the gpg keyring, used only when a rule names a PGP key
   */
  readonly pgpKeys?: PgpKeySource | readonly PgpKeySource[];
}

/** Where sops looks for its `.sops.yaml`, as `sops encrypt` does. */
export interface SopsConfigLookup {
  /**
   * The `.sops.yaml` to use, like sops' `--config` (relative to `cwd`); an empty string counts as unset.
   * @default env.SOPS_CONFIG, else the first `.sops.yaml` found from `cwd` upwards
   */
  readonly configFile?: string;
  /**
   * The working directory: relative paths are resolved against it and the config search starts there.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * The environment, for `SOPS_CONFIG`.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
}

/** Options for {@link loadCreationRule}. */
export interface LoadCreationRuleOptions extends SopsConfigLookup, ResolveCreationRuleOptions {}

/**
 * The `.sops.yaml` sops would use: `--config` (here `configFile`), else `SOPS_CONFIG` (the environment default of
 * that flag), else the first `.sops.yaml` in the working directory or a folder above it. sops starts the search from
 * the working directory, not from the folder of the file being encrypted.
 *
 * @returns the absolute path, or `undefined` when nothing names one and the search finds none
 */
export function sopsConfigFile(lookup: SopsConfigLookup = {}): string | undefined {
  const cwd = lookup.cwd ?? process.cwd();
  const named = [lookup.configFile, (lookup.env ?? process.env).SOPS_CONFIG].find((f) => f !== undefined && f !== '');
  return named !== undefined ? path.resolve(cwd, named) : findSopsConfig(cwd);
}

/**
 * The creation rule sops would pick for `filePath`: the config from {@link sopsConfigFile}, then the first rule
 * whose `path_regex` matches the file's path relative to that config's folder (see {@link matchCreationRule}).
 * Keys are not looked up yet; {@link loadCreationRule} does both.
 *
 * @param filePath the file to encrypt, absolute or relative to `lookup.cwd`
 * @throws SopsError `config` when there is no config, it cannot be read or is wrong, or no rule matches
 */
export function findCreationRule(filePath: string, lookup: SopsConfigLookup = {}): MatchedRule {
  const cwd = lookup.cwd ?? process.cwd();
  const configFile = sopsConfigFile(lookup);
  if (configFile === undefined) {
    throw new SopsError({
      code: 'config',
      file: filePath,
      field: '.sops.yaml',
      problem: 'was not found in the working folder or any folder above it, so the file has no recipients',
      fix: 'create a .sops.yaml with creation_rules, or name one with --config (SOPS_CONFIG)',
    });
  }
  return matchCreationRule(readSopsConfig(configFile), filePath, cwd);
}

/**
 * Finds the creation rule for `filePath` as sops does ({@link findCreationRule}) and looks up its keys.
 *
 * @param filePath the file to encrypt, absolute or relative to `options.cwd`
 * @throws SopsError when there is no config, no rule matches, or a key cannot be found
 */
export async function loadCreationRule(filePath: string, options: LoadCreationRuleOptions = {}): Promise<CreationRule> {
  return resolveCreationRule(findCreationRule(filePath, options), options);
}

/**
 * The path a rule's `path_regex` is matched against, as sops computes it: the file's absolute path, with the
 * config folder and a separator removed from its front when the file lies below that folder.
 *
 * Separators are always `/` here (sops uses the platform's), so one `.sops.yaml` works on every platform.
 */
export function sopsRulePath(configFile: string, filePath: string, cwd: string = process.cwd()): string {
  const abs = path.resolve(cwd, filePath);
  const dir = path.dirname(path.resolve(cwd, configFile));
  const inside = abs.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  const matched = inside ? abs.slice(dir.length).replace(/^[\\/]+/, '') : abs;
  return matched.split(path.sep).join('/');
}

/**
 * Picks the rule for `filePath`: the first whose `path_regex` matches the path relative to the config folder
 * (unanchored, Go RE2 syntax), or the first rule without `path_regex`, whichever comes first.
 *
 * @throws SopsError when the config has no rules or none matches; the message shows the path and every
 *   `path_regex` tried
 */
export function matchCreationRule(config: SopsConfig, filePath: string, cwd: string = process.cwd()): MatchedRule {
  const target = sopsRulePath(config.file, filePath, cwd);
  if (config.rules.length === 0) {
    throw new SopsError({
      code: 'config',
      file: config.file,
      field: 'creation_rules',
      problem: 'is missing or empty',
      fix: 'add a rule with path_regex and the age or pgp keys to encrypt with',
    });
  }
  for (const [index, rule] of config.rules.entries()) {
    const field = `creation_rules[${index}].path_regex`;
    if (
      rule.pathRegex === undefined ||
      compileSopsConfigRegex(rule.pathRegex, { file: config.file, field }).test(target)
    ) {
      return { config, index, rule };
    }
  }
  const tried = config.rules.map((r) => JSON.stringify(r.pathRegex)).join(', ');
  throw new SopsError({
    code: 'config',
    file: config.file,
    field: 'creation_rules',
    value: target,
    problem: `has no rule for this path; path_regex tried, in order: ${tried}`,
    fix: 'add a rule whose path_regex matches the path (relative to the .sops.yaml folder), or a last rule without path_regex',
  });
}

/**
 * Looks up the keys of a matched rule: age recipients are parsed, PGP fingerprints found in `options.pgpKeys`.
 *
 * @throws SopsError listing every key that cannot be found, and rules or groups without keys
 */
export async function resolveCreationRule(
  matched: MatchedRule,
  options: ResolveCreationRuleOptions = {},
): Promise<CreationRule> {
  const { config, index, rule } = matched;
  const where = `creation_rules[${index}]`;
  const issues: SopsErrorDetails[] = [];
  if (rule.keyGroups.length === 0) {
    issues.push({
      code: 'config',
      file: config.file,
      field: where,
      problem: 'names no age or pgp key',
      fix: 'add "age: age1..." (or pgp fingerprints, or key_groups) to the rule',
    });
  }
  const keyGroups = await Promise.all(
    rule.keyGroups.map(async (group, g) => {
      const base =
        rule.keyGroups.length > 1 || rule.shamirThreshold !== undefined ? `${where}.key_groups[${g}]` : where;
      if (group.age.length + group.pgp.length === 0) {
        issues.push({
          code: 'config',
          file: config.file,
          field: base,
          problem: 'has no keys',
          fix: 'add age or pgp keys to the group',
        });
      }
      const ids = [...group.age.map((id) => [id, 'age'] as const), ...group.pgp.map((id) => [id, 'pgp'] as const)];
      const settled = await Promise.allSettled(
        ids.map(([id, kind]) => resolveRecipient(id, { pgpKeys: options.pgpKeys, field: `${base}.${kind}` })),
      );
      return settled.flatMap((result) => {
        if (result.status === 'fulfilled') return [result.value];
        if (!(result.reason instanceof SopsError)) throw result.reason;
        issues.push(...result.reason.problems.map((problem) => ({ ...problem, file: config.file })));
        return [];
      });
    }),
  );
  if (issues.length > 0) {
    throw new SopsError(issues);
  }
  return {
    configFile: config.file,
    index,
    ...(rule.pathRegex !== undefined ? { pathRegex: rule.pathRegex } : {}),
    keyGroups,
    ...(keyGroups.length > 1 ? { shamirThreshold: rule.shamirThreshold ?? keyGroups.length } : {}),
    ...(rule.encryptionRule !== undefined ? { encryptionRule: rule.encryptionRule } : {}),
    macOnlyEncrypted: rule.macOnlyEncrypted ?? false,
  };
}
