import { Where } from './prop-rules';

/**
 * Where the problems of one construct's props are recorded: they are reported at synth with every other problem of
 * the app (one `FluxValidationError`), so that a program with several mistakes learns of all of them at once.
 */
export interface ConstructIssues {
  /** Records that `field` of the object at `where.path` has `value`, which `message` explains and `fix` repairs. */
  add(where: Where, value: string | undefined, message: string, fix: string): void;
}

/**
 * Records a problem unless `target` is in `namespace`: the reference names no namespace (a `secretRef`, a
 * `providerRef`, an `include`), so Flux looks for the `kind` in the referring object's own. A target of unknown
 * namespace passes.
 */
export function requireSameNamespace(
  issues: ConstructIssues,
  where: Where,
  target: { readonly kind: string; readonly name: string; readonly namespace?: string },
  namespace: string,
): void {
  if (target.namespace === undefined || target.namespace === namespace) return;
  issues.add(
    where,
    `${target.namespace}/${target.name}`,
    `is in another namespace than this object ("${namespace}"); Flux looks for the ${target.kind} in the same namespace`,
    `make the ${target.kind} in namespace "${namespace}"`,
  );
}
