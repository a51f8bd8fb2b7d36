import { Construct } from 'constructs';
import { defaultNamespaceOf } from './flux-resource-props';
import { IReferenceable, ObjectRef } from './object-ref';

/** Options for an object declared to exist outside the app. */
export interface ExternalObjectOptions {
  /**
   * The object's namespace.
   * @default the namespace of the enclosing application, else `flux-system`
   */
  readonly namespace?: string;
}

/**
 * An object that exists in the cluster but is not written by this app (made by `flux bootstrap`, another repository
 * or a person), declared on purpose so that references to it are checked like any other.
 *
 * Made through the `fromName` factories, e.g. `GitRepository.fromName(scope, 'flux-system', 'flux-system')`.
 */
export class ExternalObject<K extends string = string> extends Construct implements IReferenceable<K> {
  /** True for every external declaration: validation treats it as a reference target that is never written. */
  public static isExternalObject(x: unknown): x is ExternalObject {
    return x instanceof ExternalObject;
  }

  public readonly ref: ObjectRef<K>;

  constructor(scope: Construct, id: string, ref: { apiVersion: string; kind: K; name: string; namespace?: string }) {
    super(scope, id);
    this.ref = { ...ref, namespace: ref.namespace ?? defaultNamespaceOf(scope) };
  }
}
