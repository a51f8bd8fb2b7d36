import * as path from 'path';
import { IConstruct } from 'constructs';
import { Issue } from '../errors';
import { findCreationRule, sopsConfigFile, sopsRulePath } from '../sops/config/creation-rule';
import { SopsError } from '../sops/errors';
import { decryptionScopeOf } from './decryption-scope';
import { ResolvedSopsKey } from './sops-decryption-key';
import { sopsErrorIssues } from './sops-error-issues';

/** The cluster key a SopsSecret must be encrypted for: that of the folder it is in, when a cluster applies one. */
export function clusterKeyOf(secret: IConstruct): ResolvedSopsKey | undefined {
  return decryptionScopeOf(secret)?.sopsDecryptionKey;
}

/**
 * Checks a SopsSecret's file against the `.sops.yaml` sops would use for it (when there is one and the file lies in
 * its folder): the rule that matches it must encrypt for the cluster key, so that `secret create`/`updatekeys` keep
 * it decryptable.
 */
export function checkAgainstSopsConfig(secret: IConstruct, sourceFile: string, key: ResolvedSopsKey): Issue[] {
  const configFile = sopsConfigFile();
  // sops matches a file outside the config's folder by its absolute path: such a file is not one the config governs
  if (configFile === undefined || path.isAbsolute(sopsRulePath(configFile, sourceFile))) return [];
  const where = { constructPath: secret.node.path, file: sourceFile };
  try {
    const { rule, index } = findCreationRule(sourceFile, { configFile });
    const age = rule.keyGroups.flatMap((g) => g.age);
    const pgp = rule.keyGroups.flatMap((g) => g.pgp).map((f) => f.toUpperCase());
    const ok =
      (key.ageRecipient !== undefined && age.includes(key.ageRecipient)) ||
      (key.pgpFingerprint !== undefined && pgp.includes(key.pgpFingerprint));
    return ok
      ? []
      : [
          {
            ...where,
            field: `.sops.yaml creation_rules[${index}]`,
            value: [...age, ...pgp].join(', '),
            message: 'does not encrypt for the cluster key, so files written by it would not decrypt in the cluster',
            fix: `add ${key.ageRecipient ?? key.pgpFingerprint ?? ''} to that rule, or regenerate .sops.yaml with generateSopsConfig(app)`,
          },
        ];
  } catch (e) {
    if (e instanceof SopsError) return sopsErrorIssues(e, where, '.sops.yaml');
    throw e;
  }
}
