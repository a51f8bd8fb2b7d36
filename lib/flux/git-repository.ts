import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { GitRef } from './git-ref';
import { IReferenceable } from './object-ref';

/** A GitRepository, made here or declared external. */
export type IGitRepository = IReferenceable<'GitRepository'>;

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
   * Name of the Secret (same namespace) with the credentials: `username`/`password`, `bearerToken`, or
   * `identity`/`known_hosts` for SSH.
   * @default no credentials (a public repository)
   */
  readonly secretName?: string;
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
 * @example
 *   new GitRepository(app, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo', ref: GitRef.branch('master') });
 * @see https://fluxcd.io/flux/components/source/gitrepositories/
 */
export class GitRepository extends FluxObject<'GitRepository', source.GitRepositorySpec> implements IGitRepository {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('GitRepository', source.GitRepository);

  constructor(scope: Construct, id: string, props: GitRepositoryProps) {
    const c = new FluxSpecContext(scope, id, GitRepository.KIND, props);
    super(c, {
      url: c.url('url', props.url, ['https', 'http', 'ssh'], 'https://github.com/org/repo'),
      interval: c.duration('interval', props.interval ?? '1m'),
      ref: c.value('ref', props.ref)?.toJson(),
      timeout: c.duration('timeout', props.timeout),
      secretRef: c.localRef(props.secretName),
      ignore: props.ignore,
      recurseSubmodules: props.recurseSubmodules,
      suspend: props.suspend,
    });
  }
}
