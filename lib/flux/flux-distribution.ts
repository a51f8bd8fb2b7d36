/** The flavour of the Flux images in the registry (`spec.distribution.variant`). */
export enum DistributionVariant {
  UPSTREAM_ALPINE = 'upstream-alpine',
  ENTERPRISE_ALPINE = 'enterprise-alpine',
  ENTERPRISE_DISTROLESS = 'enterprise-distroless',
  ENTERPRISE_DISTROLESS_FIPS = 'enterprise-distroless-fips',
}

/**
 * Which Flux the operator installs and where it pulls it from (`spec.distribution` of a FluxInstance).
 * @see https://fluxoperator.dev/docs/crd/fluxinstance/#distribution-configuration
 */
export interface FluxDistribution {
  /**
   * A semver range of Flux versions, e.g. `"2.x"` or `"2.3.x"`.
   * @default "2.x"
   */
  readonly version?: string;
  /**
   * The container registry of the Flux images, without a scheme.
   * @default "ghcr.io/fluxcd"
   */
  readonly registry?: string;
  /**
   * An OCI artifact with the manifests of the distribution, e.g.
   * `"oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest"`.
   * @default the manifests built into the operator
   */
  readonly artifact?: string;
  /**
   * The Secret (in the instance's namespace) for pulling `artifact`.
   * @default no credentials
   */
  readonly artifactPullSecret?: string;
  /**
   * The Secret (in the instance's namespace) for pulling the images.
   * @default no credentials
   */
  readonly imagePullSecret?: string;
  /**
   * The flavour of the images.
   * @default the registry's own
   */
  readonly variant?: DistributionVariant;
}
