import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';
import { ConfigMapSource } from './config-map-source';
import { SecretSource, localRefOf } from './secret-source';

/** Options of one `postBuild.substituteFrom` entry. */
export interface SubstituteFromOptions {
  /**
   * Do not fail when the object is missing: its variables are then unset.
   * @default false
   */
  readonly optional?: boolean;
}

/** One `postBuild.substituteFrom` entry as Flux writes it. */
export interface SubstituteFromEntry {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly optional?: boolean;
}

/**
 * A ConfigMap or Secret, in the Kustomization's namespace, whose data keys are variables for `${var}` substitution
 * in the manifests (`postBuild.substituteFrom`). Values of later entries win; `substitute` wins over all of them.
 *
 * @example
 *   const runtime = new k8s.KubeConfigMap(fluxSystem, 'runtime', { metadata: { name: 'flux-runtime-info' } });
 *   repo.infrastructure('tenants', { substituteFrom: [SubstituteFrom.configMap(runtime)] });
 *   SubstituteFrom.secret(externalSecret(app, 'tokens', 'cluster-tokens'), { optional: true });
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution
 */
export class SubstituteFrom {
  /** Variables from a ConfigMap: one made in code, or one declared with `externalConfigMap(...)`. */
  public static configMap(configMap: ConfigMapSource, options: SubstituteFromOptions = {}): SubstituteFrom {
    return new SubstituteFrom('ConfigMap', configMap, options);
  }

  /** Variables from a Secret: a `SopsSecret`, a Secret made in code, or one declared with `externalSecret(...)`. */
  public static secret(secret: SecretSource, options: SubstituteFromOptions = {}): SubstituteFrom {
    return new SubstituteFrom('Secret', secret, options);
  }

  private constructor(
    /** `ConfigMap` or `Secret`. */
    public readonly kind: 'ConfigMap' | 'Secret',
    private readonly source: ConfigMapSource | SecretSource,
    private readonly options: SubstituteFromOptions,
  ) {}

  /**
   * The entry a Kustomization in `namespace` writes; an object of another kind or namespace is recorded in `issues`.
   * @internal
   */
  public _render(namespace: string, where: Where, issues: ConstructIssues): SubstituteFromEntry {
    const external = this.kind === 'Secret' ? 'externalSecret(...)' : 'externalConfigMap(...)';
    const ref = localRefOf(this.kind, this.source, namespace, where, issues, external) as { name: string };
    return { kind: this.kind, name: ref.name, ...(this.options.optional === undefined ? {} : this.options) };
  }
}
