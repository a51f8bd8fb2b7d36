import { SecretSource } from './secret-source';

/** The kinds of source a FluxInstance can sync its cluster from (`spec.sync.kind`). */
export enum FluxInstanceSourceKind {
  GIT_REPOSITORY = 'GitRepository',
  OCI_REPOSITORY = 'OCIRepository',
  BUCKET = 'Bucket',
}

/** Who authenticates to the sync source through workload identity (`spec.sync.provider`). */
export enum SyncProvider {
  /** Credentials from the pull Secret, or none. */
  GENERIC = 'generic',
  /** AWS (Git needs Flux 2.9 or later). */
  AWS = 'aws',
  /** Azure. */
  AZURE = 'azure',
  /** Google Cloud: OCI and Bucket sources only. */
  GCP = 'gcp',
  /** A GitHub App: Git sources only. */
  GITHUB = 'github',
}

/** Options every kind of sync source takes. */
export interface FluxInstanceSourceOptions {
  /**
   * The Secret with the credentials for the source, made outside the tree (`sync.pullSecret`): username and password
   * (Git over https), identity and known_hosts (Git over SSH), a `kubernetes.io/dockerconfigjson` Secret (OCI),
   * accesskey and secretkey (Bucket). It must live in the FluxInstance's namespace.
   * @default no credentials
   */
  readonly pullSecret?: SecretSource;
  /**
   * Who authenticates to the source through workload identity.
   * @default SyncProvider.GENERIC (not written)
   */
  readonly provider?: SyncProvider;
}

/** Options of {@link FluxInstanceSource.git}. */
export interface GitSyncOptions extends FluxInstanceSourceOptions {
  /**
   * The Git reference to sync, a full ref name.
   * @default "refs/heads/main"
   */
  readonly ref?: string;
}

/** Options of {@link FluxInstanceSource.oci}. */
export interface OciSyncOptions extends FluxInstanceSourceOptions {
  /**
   * The tag of the artifact to sync.
   * @default "latest"
   */
  readonly tag?: string;
}

/**
 * Where the Flux Operator syncs a cluster from (`spec.sync` without its `path`): a Git repository, an OCI artifact or
 * a bucket. The operator makes a source of that kind and a Kustomization applying the sync path from it.
 *
 * @example
 *   FluxInstanceSource.oci('oci://ghcr.io/org/fleet', { tag: 'latest', pullSecret: externalSecret(app, 'ghcr', 'ghcr-auth') })
 * @see https://fluxoperator.dev/docs/crd/fluxinstance/#sync-configuration
 * @specFields kind url ref pullSecret provider
 */
export class FluxInstanceSource {
  /** A Git repository (https or ssh URL) at a ref such as `refs/heads/main` or `refs/tags/v1.0.0`. */
  public static git(url: string, options: GitSyncOptions = {}): FluxInstanceSource {
    return new FluxInstanceSource(
      FluxInstanceSourceKind.GIT_REPOSITORY,
      url,
      options.ref ?? 'refs/heads/main',
      options,
    );
  }

  /** An OCI artifact (`oci://` URL) at a tag. */
  public static oci(url: string, options: OciSyncOptions = {}): FluxInstanceSource {
    return new FluxInstanceSource(FluxInstanceSourceKind.OCI_REPOSITORY, url, options.tag ?? 'latest', options);
  }

  /** A bucket `bucketName` of an S3-compatible endpoint (`minio.example.com`). */
  public static bucket(
    endpoint: string,
    bucketName: string,
    options: FluxInstanceSourceOptions = {},
  ): FluxInstanceSource {
    return new FluxInstanceSource(FluxInstanceSourceKind.BUCKET, endpoint, bucketName, options);
  }

  private constructor(
    /** The kind of source the operator makes. */
    public readonly kind: FluxInstanceSourceKind,
    /** The source URL (or the bucket endpoint). */
    public readonly url: string,
    /** The Git ref, the OCI tag or the bucket name. */
    public readonly ref: string,
    private readonly options: FluxInstanceSourceOptions,
  ) {}

  /** The Secret with the source's credentials, when there is one. */
  public get pullSecret(): SecretSource | undefined {
    return this.options.pullSecret;
  }

  /** The workload identity provider, when set. */
  public get provider(): SyncProvider | undefined {
    return this.options.provider;
  }
}
