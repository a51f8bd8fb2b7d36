import { Construct } from 'constructs';
import { ExternalObject, ExternalObjectOptions } from './external-object';
import { IReferenceable } from './object-ref';
import { IKubeObject } from './secret-source';

/**
 * A ConfigMap a Flux object refers to (`postBuild.substituteFrom`...): the object that makes it (a `k8s`
 * `KubeConfigMap`, a cdk8s-plus `ConfigMap`) or one declared external with {@link externalConfigMap}. Flux looks
 * ConfigMaps up in the referring object's namespace, so the two must agree.
 */
export type ConfigMapSource = IReferenceable<'ConfigMap'> | IKubeObject;

/**
 * Declares a ConfigMap that exists in the cluster but is not written by this app (made by hand, by an operator, by
 * another repository), so that a Flux object can refer to it.
 *
 * @example
 *   const runtime = externalConfigMap(app, 'runtime', 'flux-runtime-info');
 *   repo.infrastructure('tenants', { substituteFrom: [SubstituteFrom.configMap(runtime)] });
 */
export function externalConfigMap(
  scope: Construct,
  id: string,
  name: string,
  options: ExternalObjectOptions = {},
): IReferenceable<'ConfigMap'> {
  return new ExternalObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', name, ...options });
}
