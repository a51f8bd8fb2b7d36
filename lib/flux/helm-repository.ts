import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration, renderDuration } from '../duration';
import { requireUrl } from './checks';
import { ExternalObject, ExternalObjectOptions } from './external-object';
import { FluxResourceProps, fluxMetadata, kindScope } from './flux-resource-props';
import { IReferenceable, ObjectRef } from './object-ref';

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
   * Name of the Secret (same namespace) with credentials.
   * @default no credentials
   */
  readonly secretName?: string;
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
export class HelmRepository extends source.HelmRepository implements IHelmRepository {
  /** Declares a HelmRepository that exists outside this app. */
  public static fromName(
    scope: Construct,
    id: string,
    name: string,
    options: ExternalObjectOptions = {},
  ): IHelmRepository {
    return new ExternalObject(scope, id, { ...source.HelmRepository.GVK, kind: 'HelmRepository', name, ...options });
  }

  public readonly ref: ObjectRef<'HelmRepository'>;
  /** The repository type as written. */
  public readonly type: HelmRepositoryType;

  constructor(scope: Construct, id: string, props: HelmRepositoryProps) {
    const metadata = fluxMetadata(scope, id, props);
    const parent = kindScope(scope, 'HelmRepository');
    const path = `${parent.node.path}/${id}`;
    const isOciUrl = /^oci:\/\//i.test(props.url);
    const type = props.type ?? (isOciUrl ? HelmRepositoryType.OCI : HelmRepositoryType.DEFAULT);
    const url =
      type === HelmRepositoryType.OCI
        ? requireUrl(props.url, ['oci'], { path, field: 'url' }, 'oci://ghcr.io/stefanprodan/charts')
        : requireUrl(props.url, ['https', 'http'], { path, field: 'url' }, 'https://charts.jetstack.io');
    super(parent, id, {
      metadata,
      spec: {
        url,
        type: type === HelmRepositoryType.OCI ? source.HelmRepositorySpecType.OCI : undefined,
        interval: renderDuration(props.interval ?? '1m', { path, field: 'interval' }),
        timeout: props.timeout === undefined ? undefined : renderDuration(props.timeout, { path, field: 'timeout' }),
        secretRef: props.secretName === undefined ? undefined : { name: props.secretName },
        passCredentials: props.passCredentials,
        suspend: props.suspend,
      },
    });
    this.type = type;
    this.ref = {
      ...source.HelmRepository.GVK,
      kind: 'HelmRepository',
      name: metadata.name,
      namespace: metadata.namespace,
    };
  }
}
