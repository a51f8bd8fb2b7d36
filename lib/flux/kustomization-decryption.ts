import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';
import { SecretSource, secretRefOf } from './secret-source';

/** Options of {@link KustomizationDecryption.sops}. */
export interface SopsDecryptionOptions {
  /**
   * The Secret holding the private keys (age identities, PGP keys) or static cloud KMS credentials: a `SopsSecret`
   * key made by this library, a Secret made in code, or one declared with `externalSecret(...)`.
   * @default no Secret: only the service account's cloud KMS access decrypts
   */
  readonly secret?: SecretSource;
  /**
   * The service account whose workload identity reaches the cloud KMS (AWS KMS, Azure Key Vault, GCP KMS).
   * @default the controller's own
   */
  readonly serviceAccountName?: string;
}

/** `spec.decryption` as Flux writes it. */
export interface DecryptionEntry {
  readonly provider: 'sops';
  readonly secretRef?: { readonly name: string };
  readonly serviceAccountName?: string;
}

/**
 * How a Kustomization decrypts the encrypted files of its folder before applying them (`spec.decryption`). SOPS is
 * the only engine Flux has. An application folder of a `GitOpsRepository` sets this itself, with the cluster's key,
 * when it holds encrypted files; give it only to use another Secret or cloud KMS.
 *
 * @example
 *   KustomizationDecryption.sops({ secret: externalSecret(app, 'sops-age', 'sops-age') });
 *   KustomizationDecryption.sops({ serviceAccountName: 'kustomize-controller-kms' });
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#decryption
 */
export class KustomizationDecryption {
  /** Decryption with SOPS, with the keys of a Secret and/or the KMS access of a service account. */
  public static sops(options: SopsDecryptionOptions = {}): KustomizationDecryption {
    return new KustomizationDecryption(options);
  }

  private constructor(private readonly options: SopsDecryptionOptions) {}

  /**
   * The entry a Kustomization in `namespace` writes; a Secret of another kind or namespace is recorded in `issues`.
   * @internal
   */
  public _render(namespace: string, where: Where, issues: ConstructIssues): DecryptionEntry {
    const at = { path: where.path, field: `${where.field}.secretRef` };
    return {
      provider: 'sops',
      secretRef: secretRefOf(this.options.secret, namespace, at, issues),
      serviceAccountName: this.options.serviceAccountName,
    };
  }
}
