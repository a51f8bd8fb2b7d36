import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { requireSameNamespace } from './construct-issues';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { GitRef } from './git-ref';
import { IReferenceable } from './object-ref';
import { SecretSource, secretRefOf } from './secret-source';

/** A GitRepository, made here or declared external. */
export type IGitRepository = IReferenceable<'GitRepository'>;

/** Who authenticates to the Git server. */
export enum GitProvider {
  /** Credentials from `secret`, or none. */
  GENERIC = 'generic',
  /** AWS CodeCommit, through a workload identity. */
  AWS = 'aws',
  /** Azure DevOps, through a workload identity. */
  AZURE = 'azure',
  /** A GitHub App, whose id, installation id and private key are in `secret`. */
  GITHUB = 'github',
}

/** Which signatures Flux checks before it uses a revision. */
export enum GitVerificationMode {
  /** The signature of the commit the reference points to. */
  HEAD = 'HEAD',
  /** The signature of the annotated tag the reference names. */
  TAG = 'Tag',
  /** Both the tag's and its commit's. */
  TAG_AND_HEAD = 'TagAndHEAD',
}

/** `spec.verify` of a GitRepository: commits (or tags) must be signed by a trusted author. */
export interface GitVerification {
  /**
   * The Secret with the trusted authors' public keys: PGP keys under `*.asc` keys, SSH keys under `*.sshpub` keys.
   */
  readonly secret: SecretSource;
  /**
   * What is verified; the tag modes need a tag reference (`GitRef.tag`, `GitRef.semver`, or `GitRef.refName` of a
   * `refs/tags/` name).
   * @default GitVerificationMode.HEAD
   */
  readonly mode?: GitVerificationMode;
}

/** Another GitRepository whose artifact is copied into this one's (`spec.include[]`). */
export interface GitInclude {
  /** The GitRepository to include; Flux looks it up in this object's namespace. */
  readonly repository: IGitRepository;
  /**
   * The folder of the included artifact to copy.
   * @default the whole artifact
   */
  readonly fromPath?: string;
  /**
   * Where it goes in this artifact.
   * @default a folder named after the included GitRepository
   */
  readonly toPath?: string;
}

/** Props of a {@link GitRepository}. */
export interface GitRepositoryProps extends FluxResourceProps {
  /** Repository URL: `https://`, `http://` or `ssh://`. */
  readonly url: string;
  /**
   * The revision to check out.
   * @default Flux's default, the `master` branch
   */
  readonly ref?: GitRef;
  /**
   * How often Flux checks the repository for new revisions.
   * @default "1m"
   */
  readonly interval?: FluxDuration;
  /**
   * Timeout for Git operations.
   * @default Flux's default, "60s"
   */
  readonly timeout?: FluxDuration;
  /**
   * The Secret with the credentials (`secretRef`): `username`/`password`, `bearerToken`, or `identity`/`known_hosts`
   * for SSH; a `SopsSecret`, a `k8s`/cdk8s-plus Secret or one declared with `externalSecret`, in this namespace.
   * @default no credentials (a public repository)
   */
  readonly secret?: SecretSource;
  /**
   * Who authenticates to the Git server.
   * @default GitProvider.GENERIC
   */
  readonly provider?: GitProvider;
  /**
   * A ServiceAccount (same namespace) whose workload identity authenticates; only for `GitProvider.AWS` and
   * `GitProvider.AZURE`.
   * @default the controller's own identity
   */
  readonly serviceAccountName?: string;
  /**
   * The Secret with the proxy's `address` and optional `username`/`password` (`proxySecretRef`).
   * @default no proxy
   */
  readonly proxySecret?: SecretSource;
  /**
   * Check the signature of each revision before using it.
   * @default no verification
   */
  readonly verify?: GitVerification;
  /**
   * Only these folders are checked out, and make the artifact.
   * @default the whole repository
   */
  readonly sparseCheckout?: readonly string[];
  /**
   * Artifacts of other GitRepositories copied into this one.
   * @default none
   */
  readonly include?: readonly GitInclude[];
  /**
   * `.gitignore`-style patterns of files to leave out of the artifact.
   * @default Flux's default ignore rules
   */
  readonly ignore?: string;
  /**
   * Also clone Git submodules.
   * @default false
   */
  readonly recurseSubmodules?: boolean;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux GitRepository: Flux fetches a Git repository and makes an artifact of one revision.
 *
 * The CRD's rules and source-controller's are checked when it is made, all at once: a ServiceAccount only for the
 * AWS and Azure providers, a tag verification only of a tag, included repositories from this namespace.
 *
 * @example
 *   new GitRepository(app, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo', ref: GitRef.branch('master') });
 * @see https://fluxcd.io/flux/components/source/gitrepositories/
 */
export class GitRepository extends FluxObject<'GitRepository', source.GitRepositorySpec> implements IGitRepository {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('GitRepository', source.GitRepository);

  constructor(scope: Construct, id: string, props: GitRepositoryProps) {
    const c = new FluxSpecContext(scope, id, GitRepository.KIND, props);
    const ref = c.value('ref', props.ref)?.toJson();
    checkProvider(props, c);
    super(c, {
      url: c.url('url', props.url, ['https', 'http', 'ssh'], 'https://github.com/org/repo'),
      interval: c.duration('interval', props.interval ?? '1m'),
      ref,
      timeout: c.duration('timeout', props.timeout),
      secretRef: secretRefOf(props.secret, c.namespace, c.where('secret'), c),
      provider: props.provider as string | undefined as source.GitRepositorySpecProvider | undefined,
      serviceAccountName: props.serviceAccountName,
      proxySecretRef: secretRefOf(props.proxySecret, c.namespace, c.where('proxySecret'), c),
      verify: props.verify && verifySpec(props.verify, ref, c),
      sparseCheckout: props.sparseCheckout && [...props.sparseCheckout],
      include: props.include?.map((include, i) => includeSpec(include, `include[${i}]`, c)),
      ignore: props.ignore,
      recurseSubmodules: props.recurseSubmodules,
      suspend: props.suspend,
    });
  }
}

type Context = FluxSpecContext<'GitRepository', source.GitRepositorySpec>;

/** The provider's CEL rule: a ServiceAccount only with a workload-identity provider. */
function checkProvider(props: GitRepositoryProps, c: Context): void {
  if (props.provider !== undefined && !Object.values(GitProvider).includes(props.provider)) {
    c.add(c.where('provider'), String(props.provider), 'is not a Git provider', 'use a GitProvider value');
  }
  if (
    props.serviceAccountName !== undefined &&
    props.provider !== GitProvider.AWS &&
    props.provider !== GitProvider.AZURE
  ) {
    c.add(
      c.where('serviceAccountName'),
      props.serviceAccountName,
      `is set with provider "${props.provider ?? GitProvider.GENERIC}"; the API server accepts it only for "aws" and "azure"`,
      'set provider: GitProvider.AWS or GitProvider.AZURE, or drop serviceAccountName',
    );
  }
}

/** Whether `ref` names a tag, as the tag verification modes need. */
function isTagRef(ref: source.GitRepositorySpecRef | undefined): boolean {
  return ref?.tag !== undefined || ref?.semver !== undefined || (ref?.name?.startsWith('refs/tags/') ?? false);
}

function verifySpec(
  verify: GitVerification,
  ref: source.GitRepositorySpecRef | undefined,
  c: Context,
): source.GitRepositorySpecVerify {
  const mode = verify.mode;
  if (mode !== undefined && !Object.values(GitVerificationMode).includes(mode)) {
    c.add(c.where('verify.mode'), String(mode), 'is not a verification mode', 'use a GitVerificationMode value');
  } else if (mode !== undefined && mode !== GitVerificationMode.HEAD && !isTagRef(ref)) {
    c.add(
      c.where('verify.mode'),
      mode,
      'verifies a tag, but ref names no tag; source-controller fails the reconciliation',
      'use GitRef.tag(...) or GitRef.semver(...) as ref, or mode GitVerificationMode.HEAD',
    );
  }
  const secretRef = secretRefOf(verify.secret, c.namespace, c.where('verify.secret'), c);
  if (secretRef === undefined) {
    c.add(c.where('verify.secret'), undefined, 'is missing', 'give the Secret with the trusted public keys');
  }
  return {
    mode: mode as string | undefined as source.GitRepositorySpecVerifyMode | undefined,
    secretRef: secretRef ?? { name: '' },
  };
}

function includeSpec(include: GitInclude, field: string, c: Context): source.GitRepositorySpecInclude {
  const target = include.repository.ref;
  requireSameNamespace(c, c.where(`${field}.repository`), target, c.namespace);
  return { repository: { name: target.name }, fromPath: include.fromPath, toPath: include.toPath };
}
