import { IReferenceable } from './object-ref';

/** Options of a {@link ResourceSetDependency}. */
export interface ResourceSetDependencyOptions {
  /**
   * Wait for the object's `Ready` condition to be true, not only for the object to exist.
   * @default false: existing is enough
   */
  readonly ready?: boolean;
  /**
   * A CEL expression on the object that replaces the `Ready` check, e.g. `status.observedGeneration >= 0`; needs
   * `ready`.
   * @default the `Ready` condition
   */
  readonly readyExpr?: string;
}

/** An object a ResourceSet refers to by `apiVersion`, `kind`, `name` and `namespace`. */
export interface DependencyTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /**
   * @default cluster-scoped
   */
  readonly namespace?: string;
}

/**
 * An object that must exist (or be ready) before a ResourceSet reconciles (`spec.dependsOn[]`).
 *
 * @example
 *   ResourceSetDependency.crd('helmreleases.helm.toolkit.fluxcd.io')
 *   ResourceSetDependency.on(policies, { ready: true })
 * @see https://fluxoperator.dev/docs/crd/resourceset/#dependencies
 */
export class ResourceSetDependency {
  /** A Flux object of this app, or one declared with `fromName`. */
  public static on(target: IReferenceable, options: ResourceSetDependencyOptions = {}): ResourceSetDependency {
    return new ResourceSetDependency(target.ref, options);
  }

  /** A CustomResourceDefinition, by its name (`<plural>.<group>`): the kinds it defines can be applied. */
  public static crd(name: string, options: ResourceSetDependencyOptions = {}): ResourceSetDependency {
    return new ResourceSetDependency(
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name },
      options,
    );
  }

  /** Any other object, named by its `apiVersion`, `kind`, `name` and namespace. */
  public static object(target: DependencyTarget, options: ResourceSetDependencyOptions = {}): ResourceSetDependency {
    return new ResourceSetDependency(target, options);
  }

  private constructor(
    /** The object depended on. */
    public readonly target: DependencyTarget,
    /** How ready it must be. */
    public readonly options: ResourceSetDependencyOptions,
  ) {}
}
