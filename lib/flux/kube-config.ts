import { ConfigMapSource } from './config-map-source';
import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';
import { SecretSource, localRefOf, secretRefOf } from './secret-source';

/** Options of {@link KubeConfig.fromSecret}. */
export interface KubeConfigSecretOptions {
  /**
   * The Secret's data key that holds the kubeconfig.
   * @default the controller's default, `value` or `value.yaml`
   */
  readonly key?: string;
}

/** `spec.kubeConfig` as Flux writes it. */
export interface KubeConfigEntry {
  readonly secretRef?: { readonly name: string; readonly key?: string };
  readonly configMapRef?: { readonly name: string };
}

/**
 * The remote cluster a Kustomization or HelmRelease applies to (`spec.kubeConfig`): a kubeconfig file in a Secret,
 * or, for secret-less access through a cloud provider's workload identity, a ConfigMap naming the provider, the
 * cluster and its address. Exactly one of the two, as the CRD requires; both live in the referring object's
 * namespace.
 *
 * @example
 *   KubeConfig.fromSecret(externalSecret(app, 'staging-kubeconfig', 'staging-kubeconfig'), { key: 'value.yaml' });
 *   KubeConfig.fromConfigMap(new k8s.KubeConfigMap(app, 'eks', { metadata: { name: 'eks-staging' }, data: { ... } }));
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#kubeconfig-remote-clusters
 */
export class KubeConfig {
  /** A kubeconfig in a Secret: a `SopsSecret`, a Secret made in code, or one declared with `externalSecret(...)`. */
  public static fromSecret(secret: SecretSource, options: KubeConfigSecretOptions = {}): KubeConfig {
    return new KubeConfig({ secret, key: options.key });
  }

  /**
   * Workload-identity access described by a ConfigMap (keys `provider`, `cluster`, `address`, `ca.crt`,
   * `audiences`): one made in code, or one declared with `externalConfigMap(...)`.
   */
  public static fromConfigMap(configMap: ConfigMapSource): KubeConfig {
    return new KubeConfig({ configMap });
  }

  private constructor(
    private readonly from:
      { readonly secret: SecretSource; readonly key?: string } | { readonly configMap: ConfigMapSource },
  ) {}

  /**
   * The entry an object in `namespace` writes; an object of another kind or namespace is recorded in `issues`.
   * @internal
   */
  public _render(namespace: string, where: Where, issues: ConstructIssues): KubeConfigEntry {
    if ('configMap' in this.from) {
      const at = { path: where.path, field: `${where.field}.configMapRef` };
      return {
        configMapRef: localRefOf('ConfigMap', this.from.configMap, namespace, at, issues, 'externalConfigMap(...)'),
      };
    }
    const ref = secretRefOf(
      this.from.secret,
      namespace,
      { path: where.path, field: `${where.field}.secretRef` },
      issues,
    );
    return { secretRef: { ...(ref as { name: string }), key: this.from.key } };
  }
}
