import { IImagePolicy } from './image-policy';

/** Which part of the image an ImagePolicy's latest image a marked field holds. */
export enum ImageSetterPart {
  /** The whole image reference, `repository:tag` (or `repository:tag@digest` with digest reflection). */
  IMAGE = '',
  /** The repository name only, e.g. `ghcr.io/stefanprodan/podinfo`. */
  NAME = 'name',
  /** The tag only, e.g. `6.5.0`. */
  TAG = 'tag',
  /** The digest only, e.g. `sha256:...` (needs the policy's digest reflection). */
  DIGEST = 'digest',
}

/** A field value that Flux image automation keeps up to date, as {@link ImageSetter} encodes it. */
export interface ImageSetterValue {
  /** The policy's `namespace:name`, then `:part` unless the whole image is meant: the setter marker's value. */
  readonly marker: string;
  /** The value written until the automation has written another. */
  readonly initial: string;
}

const OPEN = '<<cdk8s-flux image setter ';
const CLOSE = '>>';

/**
 * A field value that Flux image automation updates in git (its "setters" strategy): the field is written with the
 * policy's marker comment, e.g. `image: ghcr.io/o/app:1.0.0 # {"$imagepolicy": "flux-system:app"}`, and the
 * automation rewrites the value when the policy finds a newer image.
 *
 * Generated YAML would undo each such commit at the next synth, so synth reads the marked field back from the file it
 * wrote before: the value the automation committed is kept (and `check` stays green), the `initial` value is only
 * written while there is none. A setter must be a whole field value; the field may be anywhere in any object
 * (a container `image`, a HelmRelease's `values.image.tag`, a kustomization's `newTag`...).
 *
 * @example
 *   new k8s.KubeDeployment(app, 'podinfo', { spec: { template: { spec: { containers: [
 *     { name: 'podinfo', image: ImageSetter.image(policy, 'ghcr.io/stefanprodan/podinfo:6.5.0') },
 *   ] } } } });
 * @see https://fluxcd.io/flux/guides/image-update/#configure-image-update-for-custom-resources
 */
export class ImageSetter {
  /** The whole image reference (`repository:tag`), e.g. a container's `image`. */
  public static image(policy: IImagePolicy, initial: string): string {
    return ImageSetter.of(policy, ImageSetterPart.IMAGE, initial);
  }

  /** The tag only, e.g. a chart's `image.tag` value. */
  public static tag(policy: IImagePolicy, initial: string): string {
    return ImageSetter.of(policy, ImageSetterPart.TAG, initial);
  }

  /** The repository name only, e.g. a chart's `image.repository` value. */
  public static imageName(policy: IImagePolicy, initial: string): string {
    return ImageSetter.of(policy, ImageSetterPart.NAME, initial);
  }

  /** The digest only (the policy needs digest reflection). */
  public static digest(policy: IImagePolicy, initial: string): string {
    return ImageSetter.of(policy, ImageSetterPart.DIGEST, initial);
  }

  /** A field of `part` of `policy`'s latest image, `initial` until the automation writes another value. */
  public static of(policy: IImagePolicy, part: ImageSetterPart, initial: string): string {
    const { name, namespace } = policy.ref;
    const marker = [namespace ?? 'default', name, ...(part === ImageSetterPart.IMAGE ? [] : [part])].join(':');
    const value: ImageSetterValue = { marker, initial };
    return `${OPEN}${JSON.stringify(value)}${CLOSE}`;
  }

  /**
   * The setter a field value encodes: `undefined` for an ordinary value, `'embedded'` when a setter is only part of
   * the value (the automation can only replace whole values).
   */
  public static decode(value: string): ImageSetterValue | 'embedded' | undefined {
    const start = value.indexOf(OPEN);
    if (start < 0) return undefined;
    if (start > 0 || !value.endsWith(CLOSE)) return 'embedded';
    try {
      const parsed = JSON.parse(value.slice(OPEN.length, -CLOSE.length)) as Partial<ImageSetterValue>;
      return typeof parsed.marker === 'string' && typeof parsed.initial === 'string'
        ? { marker: parsed.marker, initial: parsed.initial }
        : 'embedded';
    } catch {
      return 'embedded';
    }
  }

  /** The comment the automation looks for on a field, without the `#`: ` {"$imagepolicy": "ns:name[:part]"}`. */
  public static comment(marker: string): string {
    return ` {"$imagepolicy": ${JSON.stringify(marker)}}`;
  }

  private constructor() {}
}
