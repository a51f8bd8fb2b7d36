import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';

/**
 * A change of the image of every container that uses `name` (Kustomize's `images` field), in a Kustomization's
 * manifests or a HelmRelease's rendered chart.
 *
 * @example
 *   { name: 'ghcr.io/stefanprodan/podinfo', newTag: '6.7.0' }
 *   { name: 'nginx', newName: 'registry.internal/mirror/nginx', digest: 'sha256:4f8a...' }
 */
export interface ImageOverride {
  /** The image name to match, without tag or digest, e.g. `ghcr.io/stefanprodan/podinfo`. */
  readonly name: string;
  /**
   * The name the image gets instead.
   * @default the name is kept
   */
  readonly newName?: string;
  /**
   * The tag the image gets instead.
   * @default the tag is kept
   */
  readonly newTag?: string;
  /**
   * The digest the image gets instead of its tag (it wins over `newTag`), e.g. `sha256:...`.
   * @default no digest
   */
  readonly digest?: string;
}

/**
 * The `images` entries at `field`; a name with a tag or digest, or an entry that changes nothing, is recorded in
 * `issues`.
 */
export function renderImageOverrides(
  images: readonly ImageOverride[] | undefined,
  field: string,
  where: (field: string) => Where,
  issues: ConstructIssues,
): ImageOverride[] | undefined {
  return images?.map((image, i) => {
    const at = `${field}[${i}]`;
    const lastPart = image.name.slice(image.name.lastIndexOf('/') + 1);
    if (image.name.trim() === '') issues.add(where(`${at}.name`), image.name, 'is empty', 'give the image name');
    else if (image.name.includes('@') || lastPart.includes(':'))
      issues.add(
        where(`${at}.name`),
        image.name,
        'holds a tag or digest; Kustomize matches the name alone',
        `give the name "${image.name.split('@')[0].replace(/:[^/]*$/, '')}" and put the tag in newTag or the digest in digest`,
      );
    if (image.newName === undefined && image.newTag === undefined && image.digest === undefined)
      issues.add(where(at), image.name, 'changes nothing', 'give newName, newTag or digest, or drop the entry');
    if (image.digest !== undefined && !/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(image.digest))
      issues.add(where(`${at}.digest`), image.digest, 'is not a digest', 'give it as "sha256:" and the hex digest');
    return { name: image.name, newName: image.newName, newTag: image.newTag, digest: image.digest };
  });
}
