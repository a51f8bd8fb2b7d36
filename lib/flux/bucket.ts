import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { BucketSts, BucketStsProvider } from './bucket-sts';
import { ConstructIssues } from './construct-issues';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { SecretSource, secretRefOf } from './secret-source';
import { checkTimeout } from './send-timeout';

/** A Bucket, made here or declared external. */
export type IBucket = IReferenceable<'Bucket'>;

/** Which object storage API a Bucket speaks, and who authenticates to it. */
export enum BucketProvider {
  /** Any S3-compatible storage (MinIO, Ceph, Cloudflare R2...), with keys from `secret` or none. */
  GENERIC = 'generic',
  /** Amazon S3, with keys from `secret` or the controller's (or `serviceAccountName`'s) workload identity. */
  AWS = 'aws',
  /** Google Cloud Storage, with a service account key from `secret` or workload identity. */
  GCP = 'gcp',
  /** Azure Blob Storage, with credentials from `secret` or workload identity. */
  AZURE = 'azure',
}

/** The STS provider each Bucket provider allows (the CRD's CEL rules); a provider not listed allows none. */
const STS_FOR: Partial<Record<BucketProvider, BucketStsProvider>> = {
  [BucketProvider.AWS]: BucketStsProvider.AWS,
  [BucketProvider.GENERIC]: BucketStsProvider.LDAP,
};

/** Props of a {@link Bucket}. */
export interface BucketProps extends FluxResourceProps {
  /** The name of the bucket in the object storage. */
  readonly bucketName: string;
  /**
   * The object storage address, e.g. `"minio.minio.svc.cluster.local:9000"`, `"s3.amazonaws.com"` or
   * `"https://account.blob.core.windows.net"`.
   */
  readonly endpoint: string;
  /**
   * Which object storage API it is, and who authenticates.
   * @default BucketProvider.GENERIC
   */
  readonly provider?: BucketProvider;
  /**
   * The region of the endpoint.
   * @default none (the provider's default)
   */
  readonly region?: string;
  /**
   * Only objects whose key starts with this prefix (filtered by the server).
   * @default every object
   */
  readonly prefix?: string;
  /**
   * How often Flux checks the bucket for changes.
   * @default "5m"
   */
  readonly interval?: FluxDuration;
  /**
   * Timeout for fetch operations; hours are not accepted.
   * @default Flux's default, "60s"
   */
  readonly timeout?: FluxDuration;
  /**
   * The Secret with the credentials (`accesskey`/`secretkey`, a service account key, Azure credentials)
   * (`secretRef`).
   * @default no Secret: anonymous, or workload identity
   */
  readonly secret?: SecretSource;
  /**
   * The Secret with `ca.crt`, and `tls.crt`/`tls.key` for mutual TLS (`certSecretRef`); for `BucketProvider.GENERIC`.
   * @default the system's certificate authorities, no client certificate
   */
  readonly certSecret?: SecretSource;
  /**
   * The Secret with the proxy's `address` and optional `username`/`password` (`proxySecretRef`).
   * @default no proxy
   */
  readonly proxySecret?: SecretSource;
  /**
   * A ServiceAccount (same namespace) whose workload identity authenticates; not for `BucketProvider.GENERIC`, and
   * not together with `secret`.
   * @default the controller's own identity
   */
  readonly serviceAccountName?: string;
  /**
   * A Security Token Service for temporary credentials; for `BucketProvider.AWS` (AWS STS) and
   * `BucketProvider.GENERIC` (LDAP).
   * @default no STS
   */
  readonly sts?: BucketSts;
  /**
   * Connect over plain HTTP.
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * `.sourceignore`-style patterns of files to leave out of the artifact.
   * @default Flux's default ignore rules
   */
  readonly ignore?: string;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux Bucket: Flux fetches the objects of an S3-compatible, Google Cloud Storage or Azure Blob bucket and makes an
 * artifact of them, for Kustomizations and HelmCharts to build from.
 *
 * The CRD's rules are checked when it is made, all at once: the STS provider that fits the bucket provider, no
 * ServiceAccount for a generic bucket, not both a Secret and a ServiceAccount.
 *
 * @example
 *   const bucket = new Bucket(app, 'manifests', { bucketName: 'podinfo', endpoint: 'minio.minio.svc:9000', insecure: true });
 *   new Kustomization(app, 'podinfo', { source: bucket, path: './kustomize' });
 * @see https://fluxcd.io/flux/components/source/buckets/
 */
export class Bucket extends FluxObject<'Bucket', source.BucketSpec> implements IBucket {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('Bucket', source.Bucket);

  /** The provider as written. */
  public readonly provider: BucketProvider;

  constructor(scope: Construct, id: string, props: BucketProps) {
    const c = new FluxSpecContext(scope, id, Bucket.KIND, props);
    const issues: ConstructIssues = c;
    const provider = props.provider ?? BucketProvider.GENERIC;
    const spec: source.BucketSpec = {
      bucketName: c.nonEmpty('bucketName', props.bucketName, 'give the name of the bucket') ?? '',
      endpoint: c.nonEmpty('endpoint', props.endpoint, 'give the address, e.g. "s3.amazonaws.com"') ?? '',
      provider: props.provider as string | undefined as source.BucketSpecProvider | undefined,
      region: props.region,
      prefix: props.prefix,
      interval: c.duration('interval', props.interval ?? '5m'),
      timeout: c.duration('timeout', props.timeout),
      secretRef: secretRefOf(props.secret, c.namespace, c.where('secret'), issues),
      certSecretRef: secretRefOf(props.certSecret, c.namespace, c.where('certSecret'), issues),
      proxySecretRef: secretRefOf(props.proxySecret, c.namespace, c.where('proxySecret'), issues),
      serviceAccountName: props.serviceAccountName,
      sts: props.sts && {
        provider: props.sts.provider as string as source.BucketSpecStsProvider,
        endpoint: props.sts.endpoint,
        secretRef: secretRefOf(props.sts.options.secret, c.namespace, c.where('sts.secret'), issues),
        certSecretRef: secretRefOf(props.sts.options.certSecret, c.namespace, c.where('sts.certSecret'), issues),
      },
      insecure: props.insecure,
      ignore: props.ignore,
      suspend: props.suspend,
    };
    checkBucket(props, provider, spec, c, issues);
    super(c, spec);
    this.provider = provider;
  }
}

/** The CRD's CEL rules and patterns, recorded in `issues`. */
function checkBucket(
  props: BucketProps,
  provider: BucketProvider,
  spec: source.BucketSpec,
  c: FluxSpecContext<'Bucket', source.BucketSpec>,
  issues: ConstructIssues,
): void {
  if (!Object.values(BucketProvider).includes(provider)) {
    issues.add(c.where('provider'), String(provider), 'is not a bucket provider', 'use a BucketProvider value');
    return;
  }
  if (props.sts !== undefined) {
    const allowed = STS_FOR[provider];
    if (allowed === undefined) {
      issues.add(
        c.where('sts'),
        props.sts.provider,
        `is not supported for the '${provider}' Bucket provider; STS configuration is only supported for the 'aws' and 'generic' Bucket providers`,
        'drop sts',
      );
    } else if (props.sts.provider !== allowed) {
      issues.add(
        c.where('sts'),
        props.sts.provider,
        `is not supported for the '${provider}' Bucket provider: '${allowed}' is the only supported STS provider for it`,
        `use BucketSts.${allowed}(...)`,
      );
    }
    if (!/^(http|https):\/\/.*$/.test(props.sts.endpoint)) {
      issues.add(
        c.where('sts.endpoint'),
        props.sts.endpoint,
        'is not an http(s):// URL',
        'use a URL such as "https://sts.amazonaws.com"',
      );
    }
  }
  if (props.serviceAccountName !== undefined && provider === BucketProvider.GENERIC) {
    issues.add(
      c.where('serviceAccountName'),
      props.serviceAccountName,
      "is not supported for the 'generic' Bucket provider",
      'use secret for a generic bucket, or the provider whose workload identity the ServiceAccount has',
    );
  }
  if (props.serviceAccountName !== undefined && props.secret !== undefined) {
    issues.add(
      c.where('serviceAccountName'),
      props.serviceAccountName,
      'cannot be set together with secret',
      'keep one of secret (static credentials) and serviceAccountName (workload identity)',
    );
  }
  checkTimeout(spec.timeout, c.where('timeout'), issues);
}
