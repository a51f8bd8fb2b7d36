/**
 * A reference to a Kubernetes object: what every Flux construct and every external declaration exposes, so that a
 * `sourceRef`, `chartRef` or `dependsOn` is built from the object itself and its kind, name and namespace cannot drift.
 */
export interface ObjectRef<K extends string = string> {
  /** The object's `apiVersion`, e.g. `source.toolkit.fluxcd.io/v1`. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: K;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`. */
  readonly namespace: string;
}

/** Anything that can be referred to: a Flux construct of this library, or an object declared external on purpose. */
export interface IReferenceable<K extends string = string> {
  /** How other objects refer to this one. */
  readonly ref: ObjectRef<K>;
}

/** A `{ kind, name, namespace? }` cross-reference as Flux specs write it: the namespace only when it differs. */
export function crossRef(target: ObjectRef, fromNamespace: string): { kind: string; name: string; namespace?: string } {
  return target.namespace === fromNamespace
    ? { kind: target.kind, name: target.name }
    : { kind: target.kind, name: target.name, namespace: target.namespace };
}

/** A `{ name, namespace? }` dependency as Flux `dependsOn` lists write it: the namespace only when it differs. */
export function dependencyRef(target: ObjectRef, fromNamespace: string): { name: string; namespace?: string } {
  return target.namespace === fromNamespace
    ? { name: target.name }
    : { name: target.name, namespace: target.namespace };
}
