import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { ArtifactVerification } from './artifact-verification';
import { IReferenceable } from './object-ref';
import { OciLayerSelector } from './oci-layer-selector';
import { OciRef } from './oci-ref';
import { SecretSource, secretRefOf } from './secret-source';

/** An OCIRepository, made here or declared external. */
export type IOciRepository = IReferenceable<'OCIRepository'>;

/** Who authenticates to the registry. */
export enum OciProvider {
  /** Credentials from `secret`, or none. */
  GENERIC = 'generic',
  /** Amazon ECR, through the controller's workload identity. */
  AWS = 'aws',
  /** Azure Container Registry, through the controller's workload identity. */
  AZURE = 'azure',
  /** Google Artifact Registry, through the controller's workload identity. */
  GCP = 'gcp',
}

/** Props of an {@link OciRepository}. */
export interface OciRepositoryProps extends FluxResourceProps {
  /** Repository URL, `oci://registry/path/name`. */
  readonly url: string;
  /**
   * Which artifact to pull.
   * @default Flux's default, the `latest` tag
   */
  readonly ref?: OciRef;
  /**
   * Which layer of the artifact to keep, and whether to extract it; `OciLayerSelector.helmChart()` for a chart that a
   * HelmRelease uses through `chartRef`.
   * @default Flux's default, the first layer, extracted
   */
  readonly layerSelector?: OciLayerSelector;
  /**
   * How often Flux checks for a new artifact.
   * @default "5m"
   */
  readonly interval?: FluxDuration;
  /**
   * Timeout for registry operations.
   * @default Flux's default, "60s"
   */
  readonly timeout?: FluxDuration;
  /**
   * Who authenticates to the registry.
   * @default OciProvider.GENERIC
   */
  readonly provider?: OciProvider;
  /**
   * A `kubernetes.io/dockerconfigjson` Secret with the registry credentials (`secretRef`); a `SopsSecret`, a
   * `k8s`/cdk8s-plus Secret or one declared with `externalSecret`, in this namespace.
   * @default no credentials
   */
  readonly secret?: SecretSource;
  /**
   * A ServiceAccount (same namespace) whose image pull secrets, or workload identity with a cloud provider,
   * authenticate.
   * @default the controller's own identity
   */
  readonly serviceAccountName?: string;
  /**
   * The Secret with `ca.crt`, and `tls.crt`/`tls.key` for mutual TLS (`certSecretRef`).
   * @default the system's certificate authorities, no client certificate
   */
  readonly certSecret?: SecretSource;
  /**
   * The Secret with the proxy's `address` and optional `username`/`password` (`proxySecretRef`).
   * @default no proxy
   */
  readonly proxySecret?: SecretSource;
  /**
   * Verify the artifact's signature (cosign or notation) before using it.
   * @default no verification
   */
  readonly verify?: ArtifactVerification;
  /**
   * `.gitignore`-style patterns of files to leave out of the artifact.
   * @default Flux's default ignore rules
   */
  readonly ignore?: string;
  /**
   * Allow plain HTTP to the registry.
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux OCIRepository: an artifact (Kubernetes manifests or a Helm chart) pulled from an OCI registry.
 *
 * @see https://fluxcd.io/flux/components/source/ocirepositories/
 */
export class OciRepository extends FluxObject<'OCIRepository', source.OciRepositorySpec> implements IOciRepository {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('OCIRepository', source.OciRepository);

  constructor(scope: Construct, id: string, props: OciRepositoryProps) {
    const c = new FluxSpecContext(scope, id, OciRepository.KIND, props);
    super(c, {
      url: c.url('url', props.url, ['oci'], 'oci://ghcr.io/stefanprodan/manifests/podinfo'),
      interval: c.duration('interval', props.interval ?? '5m'),
      ref: c.value('ref', props.ref)?.toJson(),
      layerSelector: c.value('layerSelector', props.layerSelector)?.toJson() as
        source.OciRepositorySpecLayerSelector | undefined,
      timeout: c.duration('timeout', props.timeout),
      provider: props.provider as unknown as source.OciRepositorySpecProvider | undefined,
      secretRef: secretRefOf(props.secret, c.namespace, c.where('secret'), c),
      serviceAccountName: props.serviceAccountName,
      certSecretRef: secretRefOf(props.certSecret, c.namespace, c.where('certSecret'), c),
      proxySecretRef: secretRefOf(props.proxySecret, c.namespace, c.where('proxySecret'), c),
      verify: props.verify?._render(c.namespace, c.where('verify'), c, true) as
        source.OciRepositorySpecVerify | undefined,
      ignore: props.ignore,
      insecure: props.insecure,
      suspend: props.suspend,
    });
  }
}
