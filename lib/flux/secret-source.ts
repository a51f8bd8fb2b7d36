import { Construct } from 'constructs';
import { ConstructIssues } from './construct-issues';
import { Where } from './checks';
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

function isNamedSecret(s: SecretSource): s is INamedSecret {
  return typeof (s as Partial<INamedSecret>).secretName === 'string';
}

/** The kind, name and namespace (when known) of a Secret source. */
function describe(s: SecretSource): { kind: string; name: string; namespace?: string } {
  if (isNamedSecret(s)) return { kind: 'Secret', name: s.secretName, namespace: s.secretNamespace };
  if ('ref' in s) return s.ref;
  return { kind: s.kind, name: s.name, namespace: s.metadata.namespace };
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
  if (secret === undefined) return undefined;
  const target = describe(secret);
  if (target.kind !== 'Secret') {
    issues.add(where, `${target.kind}/${target.name}`, 'is not a Secret', 'pass a Secret, or externalSecret(...)');
  } else if (target.namespace !== undefined && target.namespace !== namespace) {
    issues.add(
      where,
      `${target.namespace}/${target.name}`,
      `is in another namespace than this object ("${namespace}"); Flux reads Secrets from its own namespace`,
      `make the Secret in namespace "${namespace}"`,
    );
  }
  return { name: target.name };
}
