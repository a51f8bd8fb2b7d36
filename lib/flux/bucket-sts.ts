import { SecretSource } from './secret-source';

/** The Security Token Service a Bucket gets temporary credentials from. */
export enum BucketStsProvider {
  /** AWS STS, for a Bucket of `BucketProvider.AWS`. */
  AWS = 'aws',
  /** An LDAP identity through MinIO's STS, for a Bucket of `BucketProvider.GENERIC`. */
  LDAP = 'ldap',
}

/** Options of an LDAP STS. */
export interface LdapStsOptions {
  /**
   * The Secret with the LDAP `username` and `password` (`sts.secretRef`).
   * @default no credentials
   */
  readonly secret?: SecretSource;
  /**
   * The Secret with `ca.crt`, and `tls.crt`/`tls.key` for mutual TLS, for the STS endpoint (`sts.certSecretRef`).
   * @default the system's certificate authorities, no client certificate
   */
  readonly certSecret?: SecretSource;
}

/**
 * Where a Bucket fetches temporary credentials (`spec.sts`): one provider, with what that provider takes, so that an
 * AWS STS with a Secret (which the CRD refuses) cannot be written.
 *
 * @example
 *   BucketSts.aws('https://sts.amazonaws.com')
 *   BucketSts.ldap('https://minio.example.com', { secret: ldapCredentials })
 * @see https://fluxcd.io/flux/components/source/buckets/#sts
 */
export class BucketSts {
  /** AWS STS at `endpoint` (`http(s)://`), for a Bucket of `BucketProvider.AWS`. */
  public static aws(endpoint: string): BucketSts {
    return new BucketSts(BucketStsProvider.AWS, endpoint, {});
  }

  /** MinIO's LDAP STS at `endpoint` (`http(s)://`), for a Bucket of `BucketProvider.GENERIC`. */
  public static ldap(endpoint: string, options: LdapStsOptions = {}): BucketSts {
    return new BucketSts(BucketStsProvider.LDAP, endpoint, options);
  }

  private constructor(
    /** The STS provider. */
    public readonly provider: BucketStsProvider,
    /** The STS endpoint. */
    public readonly endpoint: string,
    /** The Secrets of an LDAP STS. */
    public readonly options: LdapStsOptions,
  ) {}
}
