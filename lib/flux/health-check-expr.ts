import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';

/**
 * How Flux decides, with CEL expressions on the object, whether a custom resource it applied is healthy
 * (`healthCheckExprs`). Used when the Kustomization waits or health checks, and by a HelmRelease's health checks.
 *
 * @example
 *   { apiVersion: 'cert-manager.io/v1', kind: 'Certificate',
 *     current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
 *     failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')" }
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#health-check-expressions
 */
export interface HealthCheckExpr {
  /** The custom resource's `apiVersion`, e.g. `cert-manager.io/v1`. */
  readonly apiVersion: string;
  /** The custom resource's kind, e.g. `Certificate`. */
  readonly kind: string;
  /** CEL expression that is true when the object has reached its desired state. */
  readonly current: string;
  /**
   * CEL expression that is true when the object has failed to reach it.
   * @default none: the object is unhealthy only while `current` is false, until the timeout
   */
  readonly failed?: string;
  /**
   * CEL expression that is true while the object is still on its way.
   * @default none: `current` and `failed` decide
   */
  readonly inProgress?: string;
}

/** The `healthCheckExprs` entries; an empty `apiVersion`, `kind` or `current` is recorded in `issues`. */
export function renderHealthCheckExprs(
  exprs: readonly HealthCheckExpr[] | undefined,
  where: (field: string) => Where,
  issues: ConstructIssues,
): HealthCheckExpr[] | undefined {
  return exprs?.map((e, i) => {
    for (const field of ['apiVersion', 'kind', 'current'] as const) {
      if (e[field].trim() === '')
        issues.add(
          where(`healthCheckExprs[${i}].${field}`),
          e[field],
          'is empty',
          field === 'current'
            ? 'give the CEL expression that is true when the object is ready, e.g. "status.phase == \'Ready\'"'
            : `give the custom resource's ${field}`,
        );
    }
    return { apiVersion: e.apiVersion, kind: e.kind, current: e.current, failed: e.failed, inProgress: e.inProgress };
  });
}
