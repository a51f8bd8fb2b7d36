import * as path from 'path';
import { IConstruct } from 'constructs';
import { FluxValidationError, Issue } from '../errors';
import { renderSopsConfig } from '../sops/config/render-sops-config';
import { SopsError } from '../sops/errors';
import { SopsConfigRule, SopsKeyGroup } from '../sops/config/sops-config';
import { EncryptionRuleKind } from '../sops/core/encryption-rule';
import { clusterKeyOf } from './cluster-key';
import { ResolvedSopsKey } from './sops-decryption-key';
import { sopsErrorIssues } from './sops-error-issues';
import { CheckedRecipients, SopsRecipient, checkRecipients } from './sops-recipient';
import { SopsSecret } from './sops-secret';

/** What Flux needs encrypted in a Secret: only `data` and `stringData`, so `apiVersion`, `kind`, `metadata` stay readable. */
export const SECRET_ENCRYPTED_REGEX = '^(data|stringData)$';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Options of {@link sopsCreationRules} and {@link generateSopsConfig}. */
export interface SopsConfigOptions {
  /**
   * The folder the `.sops.yaml` is written to (paths in rules are relative to it).
   * @default the working folder
   */
  readonly configDir?: string;
  /**
   * Keys every rule encrypts for beside the clusters' keys (an admin's age key or PGP key), checked with the engine's
   * parsers. Keys for one repository only belong in its `sops.extraRecipients`.
   * @default none: each rule encrypts for its cluster's key (and its repository's extra recipients)
   */
  readonly extraRecipients?: readonly SopsRecipient[];
}

/** The keys a rule for `key`'s files encrypts for: the cluster's, the repository's extra ones, then `extra`. */
function keyGroupOf(key: ResolvedSopsKey, extra: CheckedRecipients): SopsKeyGroup {
  const unique = (values: readonly (string | undefined)[]) =>
    [...new Set(values)].filter((v): v is string => v !== undefined);
  return {
    age: unique([key.ageRecipient, ...(key.extraRecipients?.age ?? []), ...extra.age]),
    pgp: unique([key.pgpFingerprint, ...(key.extraRecipients?.pgp ?? []), ...extra.pgp]),
  };
}

/**
 * The `.sops.yaml` creation rules an app needs: for every folder that holds SopsSecret files, one rule matching the
 * files of that folder, encrypting `data`/`stringData` for the key of the cluster that applies them and for the
 * extra recipients (the repository's, then those of `options`).
 *
 * @throws FluxValidationError when one folder holds secrets for clusters with different keys, or an extra recipient
 * is not a key
 */
export function sopsCreationRules(root: IConstruct, options: SopsConfigOptions = {}): SopsConfigRule[] {
  const configDir = options.configDir ?? process.cwd();
  const issues: Issue[] = [];
  const extra = checkRecipients(
    options.extraRecipients ?? [],
    { constructPath: root.node.path, field: 'extraRecipients' },
    issues,
  );
  const byDir = new Map<string, { group: SopsKeyGroup; secret: SopsSecret }>();
  for (const secret of root.node.findAll().filter((c): c is SopsSecret => c instanceof SopsSecret)) {
    const key = clusterKeyOf(secret);
    if (key === undefined) continue; // SopsSecret reports a missing key itself
    const group = keyGroupOf(key, extra);
    const dir = toPosix(path.relative(configDir, path.dirname(path.resolve(secret.sourceFile))));
    const seen = byDir.get(dir);
    if (seen && JSON.stringify(seen.group) !== JSON.stringify(group)) {
      issues.push({
        constructPath: secret.node.path,
        file: secret.sourceFile,
        field: 'file',
        value: secret.sourceFile,
        message: `shares its folder with ${seen.secret.node.path}, which belongs to a cluster with another key`,
        fix: 'keep the encrypted files of each cluster in a folder of their own',
      });
    }
    if (!seen) byDir.set(dir, { group, secret });
  }
  if (issues.length > 0) throw new FluxValidationError(issues);
  return [...byDir.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, { group }]) => ({
      pathRegex: `^${dir === '' ? '' : `${escapeRegExp(dir)}/`}[^/]+\\.(yaml|yml|json)$`,
      keyGroups: [group],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: SECRET_ENCRYPTED_REGEX },
    }));
}

/**
 * The text of a `.sops.yaml` with {@link sopsCreationRules}, for `cdk8s-flux secret create` and `sops` alike. It needs
 * only the app's keys and the paths of its SopsSecret files: the files themselves may not exist yet.
 *
 * @example
 *   fs.writeFileSync('.sops.yaml', generateSopsConfig(app, { extraRecipients: [SopsRecipient.age('age1...')] }));
 * @throws FluxValidationError when the app holds no SopsSecret, one folder holds secrets of two clusters, or an
 * extra recipient is not a key
 */
export function generateSopsConfig(root: IConstruct, options: SopsConfigOptions = {}): string {
  const rules = sopsCreationRules(root, options);
  if (rules.length === 0) {
    throw new FluxValidationError([
      {
        constructPath: root.node.path,
        field: 'SopsSecret',
        message: 'is used nowhere in the app (or only outside repositories with a decryption key), so no rule is needed',
        fix: 'declare SopsSecret.fromFile(...) in an application of a repository with `sops: { ... }` first',
      },
    ]);
  }
  try {
    return renderSopsConfig(rules, {
      comment: "Generated by cdk8s-flux from the clusters' decryption keys: `generateSopsConfig(app)`.",
    });
  } catch (e) {
    if (e instanceof SopsError) throw new FluxValidationError(sopsErrorIssues(e, { constructPath: root.node.path }));
    throw e;
  }
}
