import { Construct } from 'constructs';
import * as image from '../../imports/image-reflector-image.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IImageRepository } from './image-repository';
import { IReferenceable } from './object-ref';
import { TagPolicy } from './tag-policy';

/** An ImagePolicy, made here or declared external. */
export type IImagePolicy = IReferenceable<'ImagePolicy'>;

/** Whether the policy also reports the digest of the tag it picks (`spec.digestReflectionPolicy`). */
export enum DigestReflectionPolicy {
  /** Never look up digests. */
  NEVER = 'Never',
  /** Look the digest up once per picked tag. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Look the digest up at every `interval` (for mutable tags); needs `interval`. */
  ALWAYS = 'Always',
}

/** Which tags an ImagePolicy considers (`spec.filterTags`). */
export interface TagFilter {
  /** A regular expression the tags must match, e.g. `^main-[a-f0-9]+-(?P<ts>[0-9]+)`. */
  readonly pattern: string;
  /**
   * What of a matching tag the policy compares, with the pattern's named groups, e.g. `$ts`.
   * @default the whole tag
   */
  readonly extract?: string;
}

/** Props of an {@link ImagePolicy}. */
export interface ImagePolicyProps extends FluxResourceProps {
  /** The ImageRepository whose tags are considered. */
  readonly imageRepository: IImageRepository;
  /** How the latest tag is picked. */
  readonly policy: TagPolicy;
  /**
   * Only the tags that match, compared by what is extracted.
   * @default every tag
   */
  readonly filterTags?: TagFilter;
  /**
   * Whether the digest of the picked tag is reported too.
   * @default DigestReflectionPolicy.NEVER (Flux's default, not written)
   */
  readonly digestReflectionPolicy?: DigestReflectionPolicy;
  /**
   * How often digests are looked up; only with `DigestReflectionPolicy.ALWAYS`, which requires it.
   * @default none
   */
  readonly interval?: FluxDuration;
  /**
   * Stop updating the latest image.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux ImagePolicy: the latest tag of an ImageRepository by a policy (semver, alphabetical, numerical), which
 * ImageUpdateAutomation writes into Git at the fields marked with this policy.
 *
 * @example
 *   new ImagePolicy(app, 'podinfo', { imageRepository: podinfoRepo, policy: TagPolicy.semver('5.0.x') });
 * @see https://fluxcd.io/flux/components/image/imagepolicies/
 */
export class ImagePolicy extends FluxObject<'ImagePolicy', image.ImagePolicySpec> implements IImagePolicy {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ImagePolicy', image.ImagePolicy);

  constructor(scope: Construct, id: string, props: ImagePolicyProps) {
    const c = new FluxSpecContext(scope, id, ImagePolicy.KIND, props);
    const always = props.digestReflectionPolicy === DigestReflectionPolicy.ALWAYS;
    if (props.interval !== undefined && !always) {
      c.add(
        c.where('interval'),
        undefined,
        "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
        'remove interval, or set digestReflectionPolicy to DigestReflectionPolicy.ALWAYS',
      );
    }
    if (props.interval === undefined && always) {
      c.add(
        c.where('interval'),
        undefined,
        "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
        'set interval, e.g. "10m"',
      );
    }
    const range = props.policy.semverRange;
    if (range !== undefined && range.trim() === '') {
      c.add(c.where('policy'), range, 'has an empty semver range', 'use a range such as ">=1.0.0" or "5.0.x"');
    }
    if (props.filterTags !== undefined) {
      checkTagFilter(props.filterTags, c);
    }
    const repo = props.imageRepository.ref;
    super(c, {
      imageRepositoryRef:
        repo.namespace === c.namespace ? { name: repo.name } : { name: repo.name, namespace: repo.namespace },
      policy: props.policy.toJson(),
      filterTags: props.filterTags === undefined ? undefined : { ...props.filterTags },
      digestReflectionPolicy: props.digestReflectionPolicy as string | undefined as
        image.ImagePolicySpecDigestReflectionPolicy | undefined,
      interval: c.duration('interval', props.interval),
      suspend: props.suspend,
    });
  }
}

/**
 * The pattern must compile (Go syntax: `(?P<name>...)` groups are read as JavaScript's `(?<name>...)`), and every
 * `$name` the extract uses must be a group of the pattern.
 */
function checkTagFilter(filter: TagFilter, c: FluxSpecContext<'ImagePolicy', image.ImagePolicySpec>): void {
  let groups: string[] = [];
  try {
    const source = filter.pattern.replace(/\(\?P</g, '(?<');
    // Go's inline flags (`(?i)`) have no JavaScript form: such a pattern is left to the controller.
    if (!/\(\?[imsU-]+[:)]/.test(source)) new RegExp(source);
    groups = [...source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
  } catch {
    c.add(
      c.where('filterTags.pattern'),
      filter.pattern,
      'is not a valid regular expression',
      'fix the pattern, e.g. "^main-[a-f0-9]+-(?P<ts>[0-9]+)"',
    );
    return;
  }
  for (const m of (filter.extract ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)) {
    if (!groups.includes(m[1])) {
      c.add(
        c.where('filterTags.extract'),
        filter.extract,
        `uses "$${m[1]}", which is not a named group of the pattern`,
        'name the group in the pattern, e.g. "(?P<ts>[0-9]+)"',
      );
    }
  }
}
