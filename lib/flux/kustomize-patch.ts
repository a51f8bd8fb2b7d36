/** Which objects a patch or a drift-ignore rule applies to: all the given criteria must match. */
export interface PatchTarget {
  /**
   * API group, e.g. `apps` (empty for the core group).
   * @default any group
   */
  readonly group?: string;
  /**
   * API version, e.g. `v1`.
   * @default any version
   */
  readonly version?: string;
  /**
   * Kind, e.g. `Deployment`.
   * @default any kind
   */
  readonly kind?: string;
  /**
   * Name, or a regular expression matching names.
   * @default any name
   */
  readonly name?: string;
  /**
   * Namespace, or a regular expression matching namespaces.
   * @default any namespace
   */
  readonly namespace?: string;
  /**
   * Label selector, e.g. `app=podinfo,tier!=cache`.
   * @default any labels
   */
  readonly labelSelector?: string;
  /**
   * Annotation selector, written as a label selector.
   * @default any annotations
   */
  readonly annotationSelector?: string;
}

/** A Kustomize patch applied by Flux on top of the built manifests (a Kustomization's or a HelmRelease's). */
export interface KustomizationPatch {
  /** A strategic merge patch or a JSON 6902 patch (YAML text, or a list of operations). */
  readonly patch: string | readonly Readonly<Record<string, unknown>>[];
  /**
   * Which objects the patch applies to.
   * @default the objects the patch itself names
   */
  readonly target?: PatchTarget;
}

/** The `patches` entries as Flux writes them. */
export function renderPatches(
  patches: readonly KustomizationPatch[] | undefined,
): { patch: string; target?: PatchTarget }[] | undefined {
  return patches?.map((p) => ({
    patch: typeof p.patch === 'string' ? p.patch : JSON.stringify(p.patch),
    target: p.target ? { ...p.target } : undefined,
  }));
}
