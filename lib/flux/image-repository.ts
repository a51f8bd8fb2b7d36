import { Construct } from 'constructs';
import * as image from '../../imports/image-reflector-image.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { OciProvider } from './oci-repository';
import { SecretSource, secretRefOf } from './secret-source';
import { checkTimeout } from './send-timeout';

/** An ImageRepository, made here or declared external. */
export type IImageRepository = IReferenceable<'ImageRepository'>;

/** The longest `serviceAccountName` the CRD accepts. */
const MAX_SERVICE_ACCOUNT = 253;

/** Props of an {@link ImageRepository}. */
export interface ImageRepositoryProps extends FluxResourceProps {
  /** The image to scan for tags, without scheme, tag or digest, e.g. `ghcr.io/stefanprodan/podinfo`. */
  readonly image: string;
  /**
   * How often the registry is scanned.
   * @default "5m"
   */
  readonly interval?: FluxDuration;
  /**
   * Timeout of a scan; hours are not accepted.
   * @default Flux's default, the interval
   */
  readonly timeout?: FluxDuration;
  /**
   * A `kubernetes.io/dockerconfigjson` Secret with registry credentials (`secretRef`).
   * @default no credentials
   */
  readonly secret?: SecretSource;
  /**
   * A Secret with `ca.crt`, and `tls.crt`/`tls.key` for a client certificate (`certSecretRef`).
   * @default the system's certificate authorities
   */
  readonly certSecret?: SecretSource;
  /**
   * A Secret with the proxy's `address` and optional `username`/`password` (`proxySecretRef`).
   * @default no proxy
   */
  readonly proxySecret?: SecretSource;
  /**
   * A ServiceAccount (same namespace) whose image pull secrets authenticate the scan.
   * @default none
   */
  readonly serviceAccountName?: string;
  /**
   * The cloud provider whose workload identity authenticates the scan.
   * @default OciProvider.GENERIC (not written)
   */
  readonly provider?: OciProvider;
  /**
   * Connect to the registry over plain HTTP.
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * Regular expressions of tags not to store.
   * @default Flux's default, `["^.*\\.sig$"]` (cosign signatures)
   */
  readonly exclusionList?: readonly string[];
  /**
   * Let ImagePolicies of other namespaces refer to this repository: namespaces with all the labels of one of these
   * maps (`accessFrom.namespaceSelectors[].matchLabels`; `{}` is every namespace).
   * @default only ImagePolicies of the same namespace
   */
  readonly accessFrom?: readonly Readonly<Record<string, string>>[];
  /**
   * Stop scanning.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux ImageRepository: Flux scans a container registry for the tags of one image.
 *
 * @example
 *   const podinfo = new ImageRepository(app, 'podinfo', { image: 'ghcr.io/stefanprodan/podinfo', interval: '5m' });
 * @see https://fluxcd.io/flux/components/image/imagerepositories/
 */
export class ImageRepository
  extends FluxObject<'ImageRepository', image.ImageRepositorySpec>
  implements IImageRepository
{
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ImageRepository', image.ImageRepository);

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    const c = new FluxSpecContext(scope, id, ImageRepository.KIND, props);
    if (props.image.trim() === '') {
      c.add(
        c.where('image'),
        props.image,
        'must not be empty',
        'set it to an image such as "ghcr.io/stefanprodan/podinfo"',
      );
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(props.image)) {
      c.add(
        c.where('image'),
        props.image,
        'starts with a URL scheme',
        'write the image without it, e.g. "ghcr.io/stefanprodan/podinfo"',
      );
    }
    if (props.serviceAccountName !== undefined && props.serviceAccountName.length > MAX_SERVICE_ACCOUNT) {
      c.add(
        c.where('serviceAccountName'),
        props.serviceAccountName,
        `is longer than ${MAX_SERVICE_ACCOUNT} characters`,
        "use the ServiceAccount's name",
      );
    }
    const timeout = c.duration('timeout', props.timeout);
    checkTimeout(timeout, c.where('timeout'), c);
    const spec: image.ImageRepositorySpec = {
      image: props.image,
      interval: c.duration('interval', props.interval ?? '5m'),
      timeout,
      secretRef: secretRefOf(props.secret, c.namespace, c.where('secret'), c),
      certSecretRef: secretRefOf(props.certSecret, c.namespace, c.where('certSecret'), c),
      proxySecretRef: secretRefOf(props.proxySecret, c.namespace, c.where('proxySecret'), c),
      serviceAccountName: props.serviceAccountName,
      provider: props.provider as string | undefined as image.ImageRepositorySpecProvider | undefined,
      insecure: props.insecure,
      exclusionList: props.exclusionList === undefined ? undefined : [...props.exclusionList],
      accessFrom:
        props.accessFrom === undefined
          ? undefined
          : { namespaceSelectors: props.accessFrom.map((labels) => ({ matchLabels: { ...labels } })) },
      suspend: props.suspend,
    };
    super(c, spec);
  }
}
