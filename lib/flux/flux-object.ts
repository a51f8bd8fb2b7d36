import { ApiObject, ApiObjectMetadata, GroupVersionKind, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { FluxDuration, renderDuration } from '../duration';
import { CreationSite, FluxValidationError, Issue } from '../errors';
import { hasPrototypeOf } from '../prototype-instance';
import { IValidatedConstruct } from '../validate/validated-construct';
import { Where, requireNonEmpty, requireUrl } from './prop-rules';
import { ICheckedValue } from './checked-value';
import { ConstructIssues } from './construct-issues';
import { ExternalObject, ExternalObjectOptions } from './external-object';
import { FluxResourceProps, fluxMetadata, kindScope } from './flux-resource-props';
import { IReferenceable, ObjectRef, dependencyRef } from './object-ref';

/** The generated binding of a Flux kind (a class of `imports/`): its group, version and kind, and its renderer. */
export interface FluxBinding<S> {
  /** `apiVersion` and `kind` of the served version. */
  readonly GVK: GroupVersionKind;
  /** Renders props to JSON with the binding's own field names and order. */
  manifest(props: { readonly metadata?: ApiObjectMetadata; readonly spec?: S }): unknown;
}

/** A Flux kind as a construct writes it: its kind name and its generated binding. */
export interface FluxKind<K extends string, S> {
  /** The kind, e.g. `GitRepository`. */
  readonly kind: K;
  /** The generated binding of the served version. */
  readonly binding: FluxBinding<S>;
}

/** Describes one Flux kind, e.g. `fluxKind('GitRepository', source.GitRepository)`. */
export function fluxKind<K extends string, S>(kind: K, binding: FluxBinding<S>): FluxKind<K, S> {
  return { kind, binding };
}

/**
 * Where a Flux construct is being made, and the checked conversions its spec is built with.
 *
 * A check that fails does not throw: its issue is kept and reported with every other problem of the app at synth
 * (`FluxApp.synth()`), so a program with several mistakes learns of all of them at once.
 */
export class FluxSpecContext<K extends string, S> implements ConstructIssues {
  /** The scope the object is really added to: a child of the user's scope named after the kind. */
  public readonly parent: Construct;
  /** The object's construct path, for messages. */
  public readonly path: string;
  /** The metadata the object writes. */
  public readonly metadata: ReturnType<typeof fluxMetadata>;
  /** Where the user's program made the object. */
  public readonly site = new CreationSite();
  private readonly found: Issue[] = [];

  constructor(
    scope: Construct,
    /** The construct id. */
    public readonly id: string,
    /** The kind being made. */
    public readonly kind: FluxKind<K, S>,
    props: FluxResourceProps,
  ) {
    this.metadata = fluxMetadata(scope, id, props);
    this.parent = kindScope(scope, kind.kind);
    this.path = `${this.parent.node.path}/${id}`;
  }

  /** `metadata.namespace`: where references without a namespace point. */
  public get namespace(): string {
    return this.metadata.namespace;
  }

  /** Where `field` of this object is, for a check or an issue. */
  public where(field: string): Where {
    return { path: this.path, field };
  }

  /** The problems found so far. */
  public get issues(): readonly Issue[] {
    return [...this.found];
  }

  /** Keeps a problem of this object, reported at synth. */
  public add(where: Where, value: string | undefined, message: string, fix: string): void {
    this.found.push({ constructPath: where.path, field: where.field, value, message, fix });
  }

  /**
   * The result of a check that throws {@link FluxValidationError}, or `fallback` when it fails (its issues are kept,
   * under this object's construct path).
   */
  public check<T>(fallback: T, run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof FluxValidationError)) throw e;
      this.found.push(...e.issues.map((i) => ({ ...i, constructPath: this.path })));
      return fallback;
    }
  }

  /** A duration prop rendered in Flux's format; `undefined` stays unset. */
  public duration(field: string, value: FluxDuration): string;
  public duration(field: string, value: FluxDuration | undefined): string | undefined;
  public duration(field: string, value: FluxDuration | undefined): string | undefined {
    if (value === undefined) return undefined;
    return this.check(typeof value === 'string' ? value : '', () => renderDuration(value, this.where(field)));
  }

  /** A URL prop with one of `schemes`; `example` is shown in the fix. */
  public url(field: string, value: string, schemes: readonly string[], example: string): string {
    return this.check(value, () => requireUrl(value, schemes, this.where(field), example));
  }

  /** A checked value given as prop `field` (a GitRef, an OciRef...), whose problems are kept; `undefined` stays unset. */
  public value<T extends ICheckedValue>(field: string, value: T): T;
  public value<T extends ICheckedValue>(field: string, value: T | undefined): T | undefined;
  public value<T extends ICheckedValue>(field: string, value: T | undefined): T | undefined {
    for (const p of value?.problems ?? []) {
      this.add(this.where(p.field === '' ? field : `${field}.${p.field}`), p.value, p.message, p.fix);
    }
    return value;
  }

  /** A string prop that must not be empty; `undefined` stays unset. */
  public nonEmpty(field: string, value: string | undefined, fix: string): string | undefined {
    return value === undefined ? undefined : this.check(value, () => requireNonEmpty(value, this.where(field), fix));
  }

  /** A `dependsOn` list rendered at synth, so that dependencies added later are written; unset when empty. */
  public dependsOn<T>(dependencies: readonly IReferenceable[]): T[] {
    const namespace = this.namespace;
    return Lazy.any({
      produce: () => (dependencies.length === 0 ? undefined : dependencies.map((d) => dependencyRef(d.ref, namespace))),
    }) as T[];
  }
}

/** The static side of a Flux construct class: what `fromName` needs to know of it. */
export interface FluxConstructClass<K extends string> {
  /** The kind the class writes. */
  readonly KIND: { readonly kind: K; readonly binding: { readonly GVK: GroupVersionKind } };
}

/**
 * The base of every Flux construct: metadata, the kind scope, the construct path, the `ref` other objects refer to it
 * by, the binding's rendering, and `fromName` for an object of the same kind that lives outside the app.
 *
 * A kind is a subclass with a static `KIND` and a constructor that builds its spec with a {@link FluxSpecContext}:
 *
 * @example
 *   export class Bucket extends FluxObject<'Bucket', source.BucketSpec> {
 *     public static readonly KIND = fluxKind('Bucket', source.Bucket);
 *     constructor(scope: Construct, id: string, props: BucketProps) {
 *       const c = new FluxSpecContext(scope, id, Bucket.KIND, props);
 *       super(c, { bucketName: props.bucketName, endpoint: props.endpoint, interval: c.duration('interval', '1m') });
 *     }
 *   }
 */
export abstract class FluxObject<K extends string, S>
  extends ApiObject
  implements IReferenceable<K>, IValidatedConstruct
{
  /**
   * `cdk8s` makes `instanceof ApiObject` true for every API object, and subclasses inherit it; Flux objects restore
   * the prototype-chain meaning, so that `x instanceof Kustomization` is true for Kustomizations only.
   */
  public static override [Symbol.hasInstance](o: unknown): o is ApiObject {
    return hasPrototypeOf(this, o);
  }

  /** Declares an object of this kind that exists outside this app (made by `flux bootstrap`, a person...). */
  public static fromName<K extends string>(
    this: FluxConstructClass<K>,
    scope: Construct,
    id: string,
    name: string,
    options: ExternalObjectOptions = {},
  ): IReferenceable<K> {
    return new ExternalObject(scope, id, { ...this.KIND.binding.GVK, kind: this.KIND.kind, name, ...options });
  }

  public readonly ref: ObjectRef<K>;
  private readonly binding: FluxBinding<S>;
  private readonly context: FluxSpecContext<K, S>;

  protected constructor(context: FluxSpecContext<K, S>, spec: S) {
    const { binding, kind } = context.kind;
    super(context.parent, context.id, { ...binding.GVK, metadata: context.metadata, spec });
    this.binding = binding;
    this.context = context;
    this.ref = { ...binding.GVK, kind, name: context.metadata.name, namespace: context.metadata.namespace };
  }

  /** Where the user's program made this object, `file:line:column`, when it can be known. */
  public get creationSite(): string | undefined {
    return this.context.site.location;
  }

  /** The problems found while the object was made (bad durations, URLs...), reported at synth. */
  public validateIssues(): Issue[] {
    return [...this.context.issues];
  }

  /** Renders the object as its binding does (field names and order of the served version). */
  public override toJson(): unknown {
    return this.binding.manifest(super.toJson() as { spec?: S });
  }
}

/**
 * `issues` with the place in the user's program where the Flux object at fault was made (`Issue.source`), for the
 * issues about a Flux object of the app under `root`.
 */
export function withCreationSites(root: IConstruct, issues: readonly Issue[]): Issue[] {
  const objects = new Map<string, { readonly creationSite?: string }>();
  for (const c of root.node.findAll())
    if (c instanceof FluxObject) objects.set(c.node.path, c as { creationSite?: string });
  return issues.map((issue) => {
    const at = issue.source ?? (issue.constructPath === undefined ? undefined : objects.get(issue.constructPath));
    const source = typeof at === 'string' ? at : at?.creationSite;
    return source === undefined ? issue : { ...issue, source };
  });
}
