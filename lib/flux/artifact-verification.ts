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
   * Name of the Secret (same namespace) holding the trusted cosign public keys (`*.pub`).
   * @default keyless verification (Sigstore's public infrastructure)
   */
  readonly secretName?: string;
  /**
   * Identities a keyless signature must match (any one of them).
   * @default any identity
   */
  readonly matchOidcIdentity?: readonly OidcIdentityMatch[];
}

/** The `verify` field as the bindings type it. */
interface VerifySpec {
  readonly provider: VerificationProvider;
  readonly secretRef?: { readonly name: string };
  readonly matchOidcIdentity?: OidcIdentityMatch[];
}

/**
 * How Flux verifies the signature of an OCI artifact before using it (`spec.verify`): one provider, with what that
 * provider needs, so a notation verification without its trust policy cannot be written.
 *
 * @example
 *   ArtifactVerification.cosign({ matchOidcIdentity: [{ issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/stefanprodan/podinfo.*$' }] })
 *   ArtifactVerification.notation('notation-trust')
 * @see https://fluxcd.io/flux/components/source/helmcharts/#verification
 */
export class ArtifactVerification {
  /** A cosign signature, checked with the public keys of a Secret or keyless. */
  public static cosign(options: CosignVerificationOptions = {}): ArtifactVerification {
    return new ArtifactVerification({
      provider: VerificationProvider.COSIGN,
      secretRef: options.secretName === undefined ? undefined : { name: options.secretName },
      matchOidcIdentity: options.matchOidcIdentity?.map((m) => ({ ...m })),
    });
  }

  /** A notation signature, checked with the trust policy and certificates of Secret `secretName` (same namespace). */
  public static notation(secretName: string): ArtifactVerification {
    return new ArtifactVerification({ provider: VerificationProvider.NOTATION, secretRef: { name: secretName } });
  }

  private constructor(private readonly spec: VerifySpec) {}

  /** The `spec.verify` object. */
  public toJson(): VerifySpec {
    return { ...this.spec };
  }
}
