import { Construct } from 'constructs';
import { ConstructIssues, requireSameNamespace } from './construct-issues';
import { Where } from './prop-rules';
import { ExternalObject, ExternalObjectOptions } from './external-object';
import { IReferenceable } from './object-ref';

/** A Secret kept as a file (a SOPS-encrypted one): it knows the name and namespace it will have. */
export interface INamedSecret {
  /** The Secret's `metadata.name`. */
  readonly secretName: string;
  /** The Secret's `metadata.namespace`. */
  readonly secretNamespace: string;
}

/** A Kubernetes object made in code: a cdk8s `ApiObject` (a `k8s` `KubeSecret`) or a cdk8s-plus resource. */
export interface IKubeObject {
  /** The object's kind. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** The object's metadata; only the namespace is read. */
  readonly metadata: { readonly namespace?: string };
}

/**
 * A Secret a Flux object refers to (`secretRef`, `certSecretRef`, `proxySecretRef`...): the object that makes it (a
 * `SopsSecret`, a `k8s` `KubeSecret`, a cdk8s-plus `Secret`) or one declared external with {@link externalSecret}.
 * Flux looks Secrets up in the referring object's namespace, so the two must agree.
 */
export type SecretSource = INamedSecret | IReferenceable<'Secret'> | IKubeObject;

/**
 * Declares a Secret that exists in the cluster but is not written by this app (made by hand, by `flux bootstrap`, by
 * an operator), so that a Flux object can refer to it.
 *
 * @example
 *   const token = externalSecret(app, 'github-token', 'github-token');
 *   new Provider(app, 'github', { type: ProviderType.GITHUB, address: 'https://github.com/o/r', secret: token });
 */
export function externalSecret(
  scope: Construct,
  id: string,
  name: string,
  options: ExternalObjectOptions = {},
): IReferenceable<'Secret'> {
  return new ExternalObject(scope, id, { apiVersion: 'v1', kind: 'Secret', name, ...options });
}

function isNamedSecret(s: LocalObjectSource): s is INamedSecret {
  return typeof (s as Partial<INamedSecret>).secretName === 'string';
}

/** An object referred to by name from the referring object's own namespace: a Secret or a ConfigMap. */
export type LocalObjectSource = SecretSource | IReferenceable<'ConfigMap'>;

/** The kind, name and namespace (when known) of a source. */
function describe(s: LocalObjectSource): { kind: string; name: string; namespace?: string } {
  if (isNamedSecret(s)) return { kind: 'Secret', name: s.secretName, namespace: s.secretNamespace };
  if ('ref' in s) return s.ref;
  return { kind: s.kind, name: s.name, namespace: s.metadata.namespace };
}

/**
 * The `{ name }` a Flux spec writes for `source`, which must be an object of `kind` in `namespace`; a problem is
 * recorded in `issues` (the value shown is the object's name, never its content). `undefined` stays unset.
 *
 * @param external how to declare such an object made outside the app, for the fix (`externalSecret(...)`)
 */
export function localRefOf(
  kind: 'Secret' | 'ConfigMap',
  source: LocalObjectSource | undefined,
  namespace: string,
  where: Where,
  issues: ConstructIssues,
  external: string,
): { name: string } | undefined {
  if (source === undefined) return undefined;
  const target = describe(source);
  if (target.kind !== kind) {
    issues.add(where, `${target.kind}/${target.name}`, `is not a ${kind}`, `pass a ${kind}, or ${external}`);
  } else {
    requireSameNamespace(issues, where, target, namespace);
  }
  return { name: target.name };
}

/**
 * The `{ name }` a Flux spec writes for `secret`, which must be a Secret in `namespace`; a problem is recorded in
 * `issues` (the value shown is the Secret's name, never its content). `undefined` stays unset.
 */
export function secretRefOf(
  secret: SecretSource | undefined,
  namespace: string,
  where: Where,
  issues: ConstructIssues,
): { name: string } | undefined {
  return localRefOf('Secret', secret, namespace, where, issues, 'externalSecret(...)');
}
