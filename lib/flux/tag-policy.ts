import * as image from '../../imports/image-reflector-image.toolkit.fluxcd.io';

/** The order of an alphabetical or numerical tag policy. */
export enum TagOrder {
  /** The last tag in ascending order is picked (the highest). */
  ASC = 'asc',
  /** The first tag in ascending order is picked (the lowest). */
  DESC = 'desc',
}

/**
 * How an ImagePolicy picks the latest tag (`spec.policy`): exactly one of semver, alphabetical or numerical.
 *
 * @example
 *   TagPolicy.semver('>=1.0.0 <2.0.0');
 *   TagPolicy.numerical(TagOrder.ASC); // with filterTags extracting a build number
 * @see https://fluxcd.io/flux/components/image/imagepolicies/#policy
 */
export class TagPolicy {
  /** The highest tag within a semver range, e.g. `>=1.0.0` or `5.0.x`. */
  public static semver(range: string): TagPolicy {
    return new TagPolicy({ semver: { range } });
  }

  /**
   * The last tag in alphabetical order (e.g. RFC 3339 timestamps).
   * @param order the order, written when given
   * @default TagOrder.ASC, Flux's default (not written)
   */
  public static alphabetical(order?: TagOrder): TagPolicy {
    return new TagPolicy({
      alphabetical:
        order === undefined ? {} : { order: order as string as image.ImagePolicySpecPolicyAlphabeticalOrder },
    });
  }

  /**
   * The highest number (e.g. a build number or a Unix timestamp).
   * @param order the order, written when given
   * @default TagOrder.ASC, Flux's default (not written)
   */
  public static numerical(order?: TagOrder): TagPolicy {
    return new TagPolicy({
      numerical: order === undefined ? {} : { order: order as string as image.ImagePolicySpecPolicyNumericalOrder },
    });
  }

  private constructor(private readonly spec: image.ImagePolicySpecPolicy) {}

  /** The semver range, for a semver policy. */
  public get semverRange(): string | undefined {
    return this.spec.semver?.range;
  }

  /** The `spec.policy` object. */
  public toJson(): image.ImagePolicySpecPolicy {
    return { ...this.spec };
  }
}
