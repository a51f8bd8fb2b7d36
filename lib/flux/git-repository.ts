import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration, renderDuration } from '../duration';
import { requireUrl } from './checks';
import { ExternalObject, ExternalObjectOptions } from './external-object';
import { FluxResourceProps, fluxMetadata, kindScope } from './flux-resource-props';
import { GitRef } from './git-ref';
import { IReferenceable, ObjectRef } from './object-ref';

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
export class GitRepository extends source.GitRepository implements IGitRepository {
  /** Declares a GitRepository that exists outside this app (for example `flux-system`, made by `flux bootstrap`). */
  public static fromName(
    scope: Construct,
    id: string,
    name: string,
    options: ExternalObjectOptions = {},
  ): IGitRepository {
    return new ExternalObject(scope, id, { ...source.GitRepository.GVK, kind: 'GitRepository', name, ...options });
  }

  public readonly ref: ObjectRef<'GitRepository'>;

  constructor(scope: Construct, id: string, props: GitRepositoryProps) {
    const metadata = fluxMetadata(scope, id, props);
    const parent = kindScope(scope, 'GitRepository');
    const path = `${parent.node.path}/${id}`;
    super(parent, id, {
      metadata,
      spec: {
        url: requireUrl(props.url, ['https', 'http', 'ssh'], { path, field: 'url' }, 'https://github.com/org/repo'),
        interval: renderDuration(props.interval ?? '1m', { path, field: 'interval' }),
        ref: props.ref?.toJson(),
        timeout: props.timeout === undefined ? undefined : renderDuration(props.timeout, { path, field: 'timeout' }),
        secretRef: props.secretName === undefined ? undefined : { name: props.secretName },
        ignore: props.ignore,
        recurseSubmodules: props.recurseSubmodules,
        suspend: props.suspend,
      },
    });
    this.ref = {
      ...source.GitRepository.GVK,
      kind: 'GitRepository',
      name: metadata.name,
      namespace: metadata.namespace,
    };
  }
}
