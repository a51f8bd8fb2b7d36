import * as path from 'path';
import { IConstruct } from 'constructs';
import { FluxValidationError, Issue } from '../errors';
import { Application } from '../repo/application';
import { ResolvedSopsKey } from '../repo/gitops-repository';
import { TreeFolder } from '../repo/tree-folder';
import { matchCreationRule } from './config/creation-rule';
import { findSopsConfig } from './config/find-sops-config';
import { readSopsConfig } from './config/parse-sops-config';

/** The cluster key a SopsSecret must be encrypted for: its repository's, when the secret is inside an application. */
export function clusterKeyOf(secret: IConstruct): ResolvedSopsKey | undefined {
  const folder = TreeFolder.enclosing(secret);
  return Application.isApplication(folder) ? folder.repository.sopsKey : undefined;
}

/**
 * Checks a SopsSecret's file against the `.sops.yaml` found from the working directory upwards (when there is one):
 * the rule that matches it must encrypt for the cluster key, so that `secret create`/`updatekeys` keep it decryptable.
 */
export function checkAgainstSopsConfig(secret: IConstruct, sourceFile: string, key: ResolvedSopsKey): Issue[] {
  const configFile = findSopsConfig(path.dirname(path.resolve(sourceFile)));
  if (configFile === undefined) return [];
  const where = { constructPath: secret.node.path, file: sourceFile };
  try {
    const { rule, index } = matchCreationRule(readSopsConfig(configFile), sourceFile);
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
    if (e instanceof FluxValidationError)
      return e.issues.map((i) => ({ ...i, ...where, field: `.sops.yaml ${i.field}` }));
    throw e;
  }
}
