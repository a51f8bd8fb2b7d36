import { IReferenceable } from './object-ref';

/** The Flux kinds an Alert can listen to and a Receiver can notify (`eventSources[].kind`, `resources[].kind`). */
export enum SelectableKind {
  BUCKET = 'Bucket',
  GIT_REPOSITORY = 'GitRepository',
  KUSTOMIZATION = 'Kustomization',
  HELM_RELEASE = 'HelmRelease',
  HELM_CHART = 'HelmChart',
  HELM_REPOSITORY = 'HelmRepository',
  IMAGE_REPOSITORY = 'ImageRepository',
  IMAGE_POLICY = 'ImagePolicy',
  IMAGE_UPDATE_AUTOMATION = 'ImageUpdateAutomation',
  OCI_REPOSITORY = 'OCIRepository',
  ARTIFACT_GENERATOR = 'ArtifactGenerator',
  EXTERNAL_ARTIFACT = 'ExternalArtifact',
}

/** Options of {@link ObjectSelector.of}. */
export interface SelectedObjectOptions {
  /**
   * Write the object's `apiVersion` in the entry, so that only the events of that API version match; Flux needs
   * kind and name only.
   * @default true
   */
  readonly withApiVersion?: boolean;
}

/** Options of {@link ObjectSelector.all}. */
export interface ObjectSelectorOptions {
  /**
   * The namespace to look in.
   * @default the namespace of the Alert or Receiver
   */
  readonly namespace?: string;
  /**
   * Only the objects with all these labels (`matchLabels`).
   * @default every object of the kind
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
}

/** One entry of `eventSources` or `resources` as the CRD writes it. */
export interface SelectedObjects {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly matchLabels?: Record<string, string>;
}

/**
 * Which Flux objects an Alert listens to or a Receiver notifies: one object (`ObjectSelector.of(release)`), or every
 * object of a kind, optionally only those with some labels (`ObjectSelector.all(SelectableKind.HELM_RELEASE)`, name
 * `*`). `matchLabels` exists only with `*`, as the CRD requires.
 *
 * @see https://fluxcd.io/flux/components/notification/alerts/#event-sources
 */
export class ObjectSelector {
  /**
   * One object (written with its `apiVersion` unless `withApiVersion` is false): a construct of this library, or one
   * declared with `fromName`.
   */
  public static of(target: IReferenceable, options: SelectedObjectOptions = {}): ObjectSelector {
    const apiVersion = options.withApiVersion === false ? undefined : target.ref.apiVersion;
    return new ObjectSelector(target.ref.kind, target.ref.name, target.ref.namespace, undefined, apiVersion);
  }

  /** Every object of `kind` (name `*`), in the referrer's namespace unless `options.namespace` says otherwise. */
  public static all(kind: SelectableKind, options: ObjectSelectorOptions = {}): ObjectSelector {
    return new ObjectSelector(kind, '*', options.namespace, options.matchLabels);
  }

  private constructor(
    /** The kind selected. */
    public readonly kind: string,
    /** The object's name, or `*`. */
    public readonly name: string,
    private readonly namespace: string | undefined,
    private readonly matchLabels: Readonly<Record<string, string>> | undefined,
    private readonly apiVersion?: string,
  ) {}

  /** True when `kind` is one the CRD lets an Alert or Receiver select. */
  public get isSelectable(): boolean {
    return (Object.values(SelectableKind) as string[]).includes(this.kind);
  }

  /** The entry written in an object of `fromNamespace`: the namespace only when it differs. */
  public toJson(fromNamespace: string): SelectedObjects {
    const labels = this.matchLabels && Object.keys(this.matchLabels).length > 0 ? { ...this.matchLabels } : undefined;
    return {
      ...(this.apiVersion !== undefined ? { apiVersion: this.apiVersion } : {}),
      kind: this.kind,
      name: this.name,
      ...(this.namespace !== undefined && this.namespace !== fromNamespace ? { namespace: this.namespace } : {}),
      ...(labels ? { matchLabels: labels } : {}),
    };
  }
}
