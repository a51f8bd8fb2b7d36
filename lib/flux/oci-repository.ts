import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration, renderDuration } from '../duration';
import { requireUrl } from './checks';
import { ExternalObject, ExternalObjectOptions } from './external-object';
import { FluxResourceProps, fluxMetadata, kindScope } from './flux-resource-props';
import { IReferenceable, ObjectRef } from './object-ref';
import { OciLayerSelector } from './oci-layer-selector';
import { OciRef } from './oci-ref';

/** An OCIRepository, made here or declared external. */
export type IOciRepository = IReferenceable<'OCIRepository'>;

/** Who authenticates to the registry. */
export enum OciProvider {
  /** Credentials from `secretName`, or none. */
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
   * Name of a `kubernetes.io/dockerconfigjson` Secret (same namespace) with registry credentials.
   * @default no credentials
   */
  readonly secretName?: string;
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
export class OciRepository extends source.OciRepository implements IOciRepository {
  /** Declares an OCIRepository that exists outside this app. */
  public static fromName(
    scope: Construct,
    id: string,
    name: string,
    options: ExternalObjectOptions = {},
  ): IOciRepository {
    return new ExternalObject(scope, id, { ...source.OciRepository.GVK, kind: 'OCIRepository', name, ...options });
  }

  public readonly ref: ObjectRef<'OCIRepository'>;

  constructor(scope: Construct, id: string, props: OciRepositoryProps) {
    const metadata = fluxMetadata(scope, id, props);
    const parent = kindScope(scope, 'OCIRepository');
    const path = `${parent.node.path}/${id}`;
    super(parent, id, {
      metadata,
      spec: {
        url: requireUrl(props.url, ['oci'], { path, field: 'url' }, 'oci://ghcr.io/stefanprodan/manifests/podinfo'),
        interval: renderDuration(props.interval ?? '5m', { path, field: 'interval' }),
        ref: props.ref?.toJson(),
        layerSelector: props.layerSelector?.toJson() as source.OciRepositorySpecLayerSelector | undefined,
        timeout: props.timeout === undefined ? undefined : renderDuration(props.timeout, { path, field: 'timeout' }),
        provider: props.provider as unknown as source.OciRepositorySpecProvider | undefined,
        secretRef: props.secretName === undefined ? undefined : { name: props.secretName },
        insecure: props.insecure,
        suspend: props.suspend,
      },
    });
    this.ref = {
      ...source.OciRepository.GVK,
      kind: 'OCIRepository',
      name: metadata.name,
      namespace: metadata.namespace,
    };
  }
}
