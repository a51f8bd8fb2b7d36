import { Construct } from 'constructs';
import * as automation from '../../imports/image-automation-image.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IGitRepository } from './git-repository';
import { GitRef } from './git-ref';
import { ImageUpdateStrategy } from './image-update-strategy';
import { IReferenceable } from './object-ref';
import { SecretSource, secretRefOf } from './secret-source';

/** An ImageUpdateAutomation, made here or declared external. */
export type IImageUpdateAutomation = IReferenceable<'ImageUpdateAutomation'>;

/** The kind of key commits are signed with. */
export enum SigningKeyType {
  /** An OpenPGP key: the Secret's `git.asc`. */
  GPG = 'gpg',
  /** An SSH key: the Secret's `identity`. */
  SSH = 'ssh',
}

/** Who the automation's commits are by, and how they are written (`spec.git.commit`). */
export interface CommitOptions {
  /** The author's e-mail. */
  readonly authorEmail: string;
  /**
   * The author's name.
   * @default none
   */
  readonly authorName?: string;
  /**
   * A Go template of the commit message, over `.Changed` and `.Values`.
   * @default Flux's default message
   */
  readonly messageTemplate?: string;
  /**
   * Values the template reads as `.Values`.
   * @default none
   */
  readonly messageTemplateValues?: Readonly<Record<string, string>>;
  /**
   * The Secret with the key commits are signed with.
   * @default unsigned commits
   */
  readonly signingKey?: SecretSource;
  /**
   * The kind of the signing key.
   * @default SigningKeyType.GPG (Flux's default, not written)
   */
  readonly signingKeyType?: SigningKeyType;
}

/** Where the automation pushes (`spec.git.push`). */
export interface PushOptions {
  /**
   * The branch pushed to, made from the checkout branch when missing.
   * @default the checkout branch
   */
  readonly branch?: string;
  /**
   * A refspec pushed to as well, e.g. `refs/heads/main:refs/heads/auto`.
   * @default none
   */
  readonly refspec?: string;
  /**
   * Git push options sent to the server.
   * @default none
   */
  readonly options?: Readonly<Record<string, string>>;
}

/** Props of an {@link ImageUpdateAutomation}. */
export interface ImageUpdateAutomationProps extends FluxResourceProps {
  /** The GitRepository the automation checks out, commits to and pushes to (with its credentials). */
  readonly source: IGitRepository;
  /** The commit author and message. */
  readonly commit: CommitOptions;
  /**
   * The revision checked out.
   * @default the source's own ref
   */
  readonly checkout?: GitRef;
  /**
   * Where commits are pushed.
   * @default the checkout branch
   */
  readonly push?: PushOptions;
  /**
   * The strategy and the folder it works in.
   * @default ImageUpdateStrategy.setters() over the whole repository
   */
  readonly update?: ImageUpdateStrategy;
  /**
   * Only the ImagePolicies with these labels (same namespace) are applied.
   * @default every ImagePolicy of the namespace
   */
  readonly policySelector?: automation.ImageUpdateAutomationSpecPolicySelector;
  /**
   * How often the automation runs.
   * @default "30m"
   */
  readonly interval?: FluxDuration;
  /**
   * Stop updating.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux ImageUpdateAutomation: Flux checks a GitRepository out, writes the latest image of each ImagePolicy into the
 * fields marked with it, then commits and pushes.
 *
 * @example
 *   new ImageUpdateAutomation(app, 'flux-system', {
 *     source: fleet, checkout: GitRef.branch('main'), commit: { authorEmail: 'fluxcdbot@users.noreply.github.com' },
 *     update: ImageUpdateStrategy.setters('./clusters/my-cluster'),
 *   });
 * @see https://fluxcd.io/flux/components/image/imageupdateautomations/
 */
export class ImageUpdateAutomation
  extends FluxObject<'ImageUpdateAutomation', automation.ImageUpdateAutomationSpec>
  implements IImageUpdateAutomation
{
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ImageUpdateAutomation', automation.ImageUpdateAutomation);

  constructor(scope: Construct, id: string, props: ImageUpdateAutomationProps) {
    const c = new FluxSpecContext(scope, id, ImageUpdateAutomation.KIND, props);
    const commit = props.commit;
    if (!/^[^\s@]+@[^\s@]+$/.test(commit.authorEmail)) {
      c.add(
        c.where('commit.authorEmail'),
        commit.authorEmail,
        'is not an e-mail address',
        'use an address such as "fluxcdbot@users.noreply.github.com"',
      );
    }
    if (commit.signingKeyType !== undefined && commit.signingKey === undefined) {
      c.add(
        c.where('commit.signingKeyType'),
        commit.signingKeyType,
        'is set without a signing key',
        'set commit.signingKey to the Secret with the key',
      );
    }
    const signingKey = secretRefOf(commit.signingKey, c.namespace, c.where('commit.signingKey'), c);
    const source = props.source.ref;
    super(c, {
      sourceRef: {
        kind: automation.ImageUpdateAutomationSpecSourceRefKind.GIT_REPOSITORY,
        name: source.name,
        ...(source.namespace === c.namespace ? {} : { namespace: source.namespace }),
      },
      interval: c.duration('interval', props.interval ?? '30m'),
      git: {
        checkout: props.checkout === undefined ? undefined : { ref: c.value('checkout', props.checkout).toJson() },
        commit: {
          author: { email: commit.authorEmail, name: commit.authorName },
          messageTemplate: commit.messageTemplate,
          messageTemplateValues:
            commit.messageTemplateValues === undefined ? undefined : { ...commit.messageTemplateValues },
          signingKey:
            signingKey === undefined
              ? undefined
              : {
                  secretRef: signingKey,
                  type: commit.signingKeyType as string | undefined as
                    automation.ImageUpdateAutomationSpecGitCommitSigningKeyType | undefined,
                },
        },
        push:
          props.push === undefined
            ? undefined
            : { ...props.push, options: props.push.options === undefined ? undefined : { ...props.push.options } },
      },
      update: (props.update ?? ImageUpdateStrategy.setters()).toJson(),
      policySelector: props.policySelector,
      suspend: props.suspend,
    });
  }
}
