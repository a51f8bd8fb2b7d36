import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';
import { PatchTarget } from './kustomize-patch';

/**
 * Fields Flux leaves alone when it applies and corrects drift (`spec.ignore`), e.g. replicas an autoscaler owns.
 *
 * @example
 *   { paths: ['/spec/replicas'], target: { kind: 'Deployment', name: 'podinfo' } }
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#ignore
 */
export interface DriftIgnoreRule {
  /** JSON Pointers (RFC 6901) of the fields, e.g. `/spec/replicas` or `/metadata/annotations/owner`. */
  readonly paths: readonly string[];
  /**
   * The objects the rule applies to.
   * @default every object the Kustomization applies
   */
  readonly target?: PatchTarget;
}

/** The `ignore` entries; an empty rule or a path that is not a JSON Pointer is recorded in `issues`. */
export function renderDriftIgnoreRules(
  rules: readonly DriftIgnoreRule[] | undefined,
  field: string,
  where: (field: string) => Where,
  issues: ConstructIssues,
): { paths: string[]; target?: PatchTarget }[] | undefined {
  return rules?.map((rule, i) => {
    if (rule.paths.length === 0)
      issues.add(
        where(`${field}[${i}].paths`),
        '[]',
        'lists no field',
        'give at least one path, e.g. "/spec/replicas"',
      );
    rule.paths.forEach((p, j) => {
      if (!p.startsWith('/'))
        issues.add(
          where(`${field}[${i}].paths[${j}]`),
          p,
          'is not a JSON Pointer',
          `start it with "/" and separate the fields with "/", e.g. "/${p.replace(/^\.+/, '').split('.').join('/')}"`,
        );
    });
    return { paths: [...rule.paths], target: rule.target ? { ...rule.target } : undefined };
  });
}
