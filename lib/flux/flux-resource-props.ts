import { Construct, IConstruct } from 'constructs';

/** Options every Flux construct takes for its `metadata`. */
export interface FluxResourceProps {
  /**
   * `metadata.name`: readable, exactly as written here, never suffixed with a hash.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * `metadata.namespace`.
   * @default the namespace of the enclosing application (see `ApplicationOptions.namespace`), else `flux-system`
   */
  readonly namespace?: string;
  /**
   * `metadata.labels`.
   * @default no labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * `metadata.annotations`.
   * @default no annotations
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The namespace Flux installs itself into and keeps its sync objects in. */
export const FLUX_SYSTEM_NAMESPACE = 'flux-system';

/**
 * A scope that gives the Flux objects inside it a default namespace (an application folder does, the repository does).
 */
export interface INamespaceScope extends IConstruct {
  /** The namespace for Flux objects made inside this scope without an explicit `namespace`. */
  readonly defaultFluxNamespace: string;
}

function isNamespaceScope(c: IConstruct): c is INamespaceScope {
  return typeof (c as Partial<INamespaceScope>).defaultFluxNamespace === 'string';
}

/** The default namespace for a Flux object made in `scope`: the nearest namespace scope's, else `flux-system`. */
export function defaultNamespaceOf(scope: IConstruct): string {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (isNamespaceScope(s)) return s.defaultFluxNamespace;
  }
  return FLUX_SYSTEM_NAMESPACE;
}

/** The metadata a Flux construct writes: explicit name and namespace, labels and annotations when given. */
export function fluxMetadata(scope: Construct, id: string, props: FluxResourceProps) {
  return {
    name: props.name ?? id,
    namespace: props.namespace ?? defaultNamespaceOf(scope),
    ...(props.labels && Object.keys(props.labels).length > 0 ? { labels: { ...props.labels } } : {}),
    ...(props.annotations && Object.keys(props.annotations).length > 0
      ? { annotations: { ...props.annotations } }
      : {}),
  };
}

/**
 * The scope a Flux object is really added to: a child of `scope` named after its kind, so that a GitRepository and a
 * Kustomization may share an id (`podinfo`) as they share a name, and construct paths read
 * `.../services/podinfo/HelmRelease/podinfo`.
 */
export function kindScope(scope: Construct, kind: string): Construct {
  const existing = scope.node.tryFindChild(kind);
  return existing instanceof Construct ? existing : new Construct(scope, kind);
}
