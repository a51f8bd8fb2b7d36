/** Labels and annotations a Flux Kustomization or HelmRelease sets on every object it applies (`commonMetadata`). */
export interface CommonMetadata {
  /**
   * Labels set on every applied object; they replace labels of the same key.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations set on every applied object; they replace annotations of the same key.
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** `commonMetadata` as Flux writes it: unset when it holds nothing. */
export function renderCommonMetadata(
  metadata: CommonMetadata | undefined,
): { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined {
  const labels = metadata?.labels && Object.keys(metadata.labels).length > 0 ? { ...metadata.labels } : undefined;
  const annotations =
    metadata?.annotations && Object.keys(metadata.annotations).length > 0 ? { ...metadata.annotations } : undefined;
  return labels === undefined && annotations === undefined ? undefined : { labels, annotations };
}
