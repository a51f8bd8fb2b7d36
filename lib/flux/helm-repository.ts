import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { OciProvider } from './oci-repository';
import { SecretSource, secretRefOf } from './secret-source';

/** A HelmRepository, made here or declared external. */
export type IHelmRepository = IReferenceable<'HelmRepository'>;

/** The kind of Helm repository. */
export enum HelmRepositoryType {
  /** A classic HTTP(S) chart repository with an `index.yaml`. */
  DEFAULT = 'default',
  /** Charts stored in an OCI registry (`oci://` URL). */
  OCI = 'oci',
}

/** Props of a {@link HelmRepository}. */
export interface HelmRepositoryProps extends FluxResourceProps {
  /** `https://` (or `http://`) for a default repository, `oci://` for an OCI one. */
  readonly url: string;
  /**
   * The kind of repository; must agree with the URL's scheme.
   * @default HelmRepositoryType.OCI for an `oci://` URL, else HelmRepositoryType.DEFAULT
   */
  readonly type?: HelmRepositoryType;
  /**
   * How often Flux downloads the repository index.
   * @default "1m"
   */
  readonly interval?: FluxDuration;
  /**
   * Timeout for fetching the index.
   * @default Flux's default, "60s"
   */
  readonly timeout?: FluxDuration;
  /**
   * The Secret with the credentials (`secretRef`: `username`/`password`, or a `kubernetes.io/dockerconfigjson` for
   * an OCI repository); a `SopsSecret`, a `k8s`/cdk8s-plus Secret or one declared with `externalSecret`, in this
   * namespace.
   * @default no credentials
   */
  readonly secret?: SecretSource;
  /**
   * The Secret with `ca.crt`, and `tls.crt`/`tls.key` for mutual TLS (`certSecretRef`); it takes precedence over the
   * same keys in `secret`.
   * @default the system's certificate authorities, no client certificate
   */
  readonly certSecret?: SecretSource;
  /**
   * Who authenticates to an OCI registry; only for `HelmRepositoryType.OCI`.
   * @default OciProvider.GENERIC
   */
  readonly provider?: OciProvider;
  /**
   * Allow plain HTTP to an OCI registry; only for `HelmRepositoryType.OCI`.
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * Namespaces allowed to refer to this object; Flux does not implement it yet (a provisional field), so it has no
   * effect.
   * @default unset
   */
  readonly accessFrom?: source.HelmRepositorySpecAccessFrom;
  /**
   * Pass the credentials to chart downloads on other hosts too.
   * @default false
   */
  readonly passCredentials?: boolean;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux HelmRepository: where HelmReleases find their charts.
 *
 * @example
 *   const jetstack = new HelmRepository(app, 'jetstack', { url: 'https://charts.jetstack.io' });
 * @see https://fluxcd.io/flux/components/source/helmrepositories/
 */
export class HelmRepository extends FluxObject<'HelmRepository', source.HelmRepositorySpec> implements IHelmRepository {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('HelmRepository', source.HelmRepository);

  /** The repository type as written. */
  public readonly type: HelmRepositoryType;

  constructor(scope: Construct, id: string, props: HelmRepositoryProps) {
    const c = new FluxSpecContext(scope, id, HelmRepository.KIND, props);
    const isOciUrl = /^oci:\/\//i.test(props.url);
    const type = props.type ?? (isOciUrl ? HelmRepositoryType.OCI : HelmRepositoryType.DEFAULT);
    const url =
      type === HelmRepositoryType.OCI
        ? c.url('url', props.url, ['oci'], 'oci://ghcr.io/stefanprodan/charts')
        : c.url('url', props.url, ['https', 'http'], 'https://charts.jetstack.io');
    if (type !== HelmRepositoryType.OCI) ociOnly(props, c);
    super(c, {
      url,
      type: type === HelmRepositoryType.OCI ? source.HelmRepositorySpecType.OCI : undefined,
      interval: c.duration('interval', props.interval ?? '1m'),
      timeout: c.duration('timeout', props.timeout),
      secretRef: secretRefOf(props.secret, c.namespace, c.where('secret'), c),
      certSecretRef: secretRefOf(props.certSecret, c.namespace, c.where('certSecret'), c),
      provider: props.provider as string | undefined as source.HelmRepositorySpecProvider | undefined,
      insecure: props.insecure,
      accessFrom: props.accessFrom,
      passCredentials: props.passCredentials,
      suspend: props.suspend,
    });
    this.type = type;
  }
}

/** `provider` and `insecure` are ignored by Flux on a default repository: a value that would matter is refused. */
function ociOnly(props: HelmRepositoryProps, c: FluxSpecContext<'HelmRepository', source.HelmRepositorySpec>): void {
  const fix = 'drop it, or use an oci:// URL (HelmRepositoryType.OCI)';
  if (props.provider !== undefined && props.provider !== OciProvider.GENERIC) {
    c.add(c.where('provider'), props.provider, 'is ignored by Flux on a repository that is not OCI', fix);
  }
  if (props.insecure === true) {
    c.add(c.where('insecure'), 'true', 'is ignored by Flux on a repository that is not OCI', fix);
  }
}
