import * as automation from '../../imports/image-automation-image.toolkit.fluxcd.io';

/**
 * How an ImageUpdateAutomation changes files (`spec.update`). Flux has one strategy: Setters, which rewrites the
 * values marked with an ImagePolicy, e.g. `image: ghcr.io/o/app:1.0.0 # {"$imagepolicy": "flux-system:app"}`.
 *
 * @see https://fluxcd.io/flux/components/image/imageupdateautomations/#update
 */
export class ImageUpdateStrategy {
  /**
   * The Setters strategy, over the files below `path` of the checked-out repository.
   * @param path a path relative to the repository root, e.g. `./clusters/production`; the root when omitted
   */
  public static setters(path?: string): ImageUpdateStrategy {
    return new ImageUpdateStrategy(path);
  }

  private constructor(
    /** The folder the strategy works in, as given. */
    public readonly path: string | undefined,
  ) {}

  /** The `spec.update` object. */
  public toJson(): automation.ImageUpdateAutomationSpecUpdate {
    return { strategy: automation.ImageUpdateAutomationSpecUpdateStrategy.SETTERS, path: this.path };
  }
}
