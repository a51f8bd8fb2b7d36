import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';
import { SecretSource, secretRefOf } from './secret-source';

/** Who signed an OCI artifact. */
export enum VerificationProvider {
  /** Sigstore cosign, with public keys or keyless (OIDC identities). */
  COSIGN = 'cosign',
  /** Notary Project notation, with a trust policy and certificates. */
  NOTATION = 'notation',
}

/** An OIDC identity a keyless cosign signature must carry; both are Go regular expressions. */
export interface OidcIdentityMatch {
  /** The OIDC issuer of the Fulcio certificate, e.g. `^https://token\.actions\.githubusercontent\.com$`. */
  readonly issuer: string;
  /** The identity subject of the Fulcio certificate, e.g. `^https://github\.com/stefanprodan/podinfo.*$`. */
  readonly subject: string;
}

/** Options of a cosign verification. */
export interface CosignVerificationOptions {
  /**
   * The Secret (same namespace) holding the trusted cosign public keys (`*.pub`): one made in code, a `SopsSecret`,
   * or one declared with `externalSecret(...)`.
   * @default keyless verification (Sigstore's public infrastructure)
   */
  readonly secret?: SecretSource;
  /**
   * Identities a keyless signature must match (any one of them).
   * @default any identity
   */
  readonly matchOidcIdentity?: readonly OidcIdentityMatch[];
  /**
   * The Secret with a Sigstore `trusted_root.json`, for a self-hosted Sigstore (own Fulcio CA, own Rekor); only an
   * OCIRepository takes it.
   * @default Sigstore's public infrastructure
   */
  readonly trustedRootSecret?: SecretSource;
}

/** The `verify` field as the bindings type it. */
export interface VerifySpec {
  readonly provider: VerificationProvider;
  readonly secretRef?: { readonly name: string };
  readonly matchOidcIdentity?: OidcIdentityMatch[];
  readonly trustedRootSecretRef?: { readonly name: string };
}

/**
 * How Flux verifies the signature of an OCI artifact before using it (`spec.verify`): one provider, with what that
 * provider needs, so a notation verification without its trust policy cannot be written.
 *
 * @example
 *   ArtifactVerification.cosign({ matchOidcIdentity: [{ issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/stefanprodan/podinfo.*$' }] })
 *   ArtifactVerification.notation(externalSecret(app, 'notation-trust', 'notation-trust'))
 * @see https://fluxcd.io/flux/components/source/ocirepositories/#verification
 */
export class ArtifactVerification {
  /** A cosign signature, checked with the public keys of a Secret or keyless. */
  public static cosign(options: CosignVerificationOptions = {}): ArtifactVerification {
    return new ArtifactVerification(VerificationProvider.COSIGN, options);
  }

  /** A notation signature, checked with the trust policy and certificates of Secret `trustPolicy` (same namespace). */
  public static notation(trustPolicy: SecretSource): ArtifactVerification {
    return new ArtifactVerification(VerificationProvider.NOTATION, { secret: trustPolicy });
  }

  private constructor(
    /** The provider that checks the signature. */
    public readonly provider: VerificationProvider,
    private readonly options: CosignVerificationOptions,
  ) {}

  /**
   * The `spec.verify` of an object in `namespace`; a Secret of another kind or namespace, or a trusted root where the
   * kind takes none (`trustedRoot` false), is recorded in `issues`.
   * @internal
   */
  public _render(namespace: string, where: Where, issues: ConstructIssues, trustedRoot: boolean): VerifySpec {
    const at = (field: string): Where => ({ path: where.path, field: `${where.field}.${field}` });
    const root = this.options.trustedRootSecret;
    if (root !== undefined && !trustedRoot) {
      issues.add(
        at('trustedRootSecret'),
        undefined,
        'is only taken by an OCIRepository; this kind has no verify.trustedRootSecretRef',
        'drop trustedRootSecret',
      );
    }
    return {
      provider: this.provider,
      secretRef: secretRefOf(this.options.secret, namespace, at('secret'), issues),
      matchOidcIdentity: this.options.matchOidcIdentity?.map((m) => ({ ...m })),
      trustedRootSecretRef: trustedRoot ? secretRefOf(root, namespace, at('trustedRootSecret'), issues) : undefined,
    };
  }
}
