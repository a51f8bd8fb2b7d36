import { IReferenceable } from './object-ref';
import { IKubeObject } from './secret-source';

/** A Kubernetes object made in code, with its `apiVersion`: a cdk8s `ApiObject` or a cdk8s-plus resource. */
export interface IVersionedKubeObject extends IKubeObject {
  /** The object's `apiVersion`, e.g. `apps/v1`. */
  readonly apiVersion: string;
}

/**
 * An object a Kustomization waits for to be ready (`spec.healthChecks`): a construct of this library (a HelmRelease,
 * another Kustomization), one declared with `fromName` or `ExternalObject`, or an object made in code (a `k8s`
 * `KubeDeployment`, a cdk8s-plus `Deployment`).
 */
export type HealthCheckTarget = IReferenceable | IVersionedKubeObject;

/** A `healthChecks` entry: the namespace is written when it is known. */
export function healthCheckRef(target: HealthCheckTarget): {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
} {
  if ('ref' in target) {
    const { apiVersion, kind, name, namespace } = target.ref;
    return { apiVersion, kind, name, namespace };
  }
  return { apiVersion: target.apiVersion, kind: target.kind, name: target.name, namespace: target.metadata.namespace };
}
