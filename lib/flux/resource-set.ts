import { Construct } from 'constructs';
import * as operator from '../../imports/fluxcd.controlplane.io';
import { FluxDuration } from '../duration';
import { stringField } from '../validate/manifest-fields';
import { requireSameNamespace } from './construct-issues';
import { CommonMetadata, renderCommonMetadata } from './common-metadata';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { ResourceSetDependency } from './resource-set-dependency';
import { IResourceSetInputProvider } from './resource-set-input-provider';

/** A ResourceSet, made here or declared external. */
export type IResourceSet = IReferenceable<'ResourceSet'>;

/** A Kubernetes object a ResourceSet applies, as YAML would hold it; strings may use `<< inputs.key >>`. */
export type ResourceTemplate = Readonly<Record<string, unknown>>;

/** How the input sets of several providers are combined (`spec.inputStrategy.name`). */
export enum InputStrategy {
  /** One list of every provider's input sets. */
  FLATTEN = 'Flatten',
  /** Every combination of one input set of each provider. */
  PERMUTE = 'Permute',
}

/** One step of a ResourceSet applied in order (`spec.steps[]`): applied and health checked before the next. */
export interface ResourceSetStep {
  /** The step's name, unique in the ResourceSet. */
  readonly name: string;
  /**
   * The objects of the step.
   * @default none
   */
  readonly resources?: readonly ResourceTemplate[];
  /**
   * A Go template rendering more objects of the step (multi-document YAML).
   * @default none
   */
  readonly resourcesTemplate?: string;
  /**
   * How long the step's objects may take to be ready.
   * @default the ResourceSet's timeout
   */
  readonly timeout?: FluxDuration;
}

/** Input providers of a ResourceSet (`spec.inputsFrom[]`): one provider, or every provider with some labels. */
export class ResourceSetInputs {
  /** The input sets of one provider, in the ResourceSet's namespace. */
  public static from(provider: IResourceSetInputProvider): ResourceSetInputs {
    return new ResourceSetInputs(provider, undefined);
  }

  /** The input sets of every provider of the ResourceSet's namespace with these labels. */
  public static withLabels(matchLabels: Readonly<Record<string, string>>): ResourceSetInputs {
    return new ResourceSetInputs(undefined, matchLabels);
  }

  private constructor(
    /** The provider, when one is named. */
    public readonly provider: IResourceSetInputProvider | undefined,
    /** The labels, when providers are selected by them. */
    public readonly matchLabels: Readonly<Record<string, string>> | undefined,
  ) {}
}

/** Props of a {@link ResourceSet}. */
export interface ResourceSetProps extends FluxResourceProps {
  /**
   * The objects applied for each input set (once, without inputs).
   * @default none
   */
  readonly resources?: readonly ResourceTemplate[];
  /**
   * A Go template rendering more objects (multi-document YAML); merged with `resources`, which win.
   * @default none
   */
  readonly resourcesTemplate?: string;
  /**
   * Objects applied step by step; not with `resources` or `resourcesTemplate`.
   * @default no steps
   */
  readonly steps?: readonly ResourceSetStep[];
  /**
   * Input sets written here: each one renders the resources once, `<< inputs.key >>` reading its values.
   * @default none
   */
  readonly inputs?: readonly Readonly<Record<string, unknown>>[];
  /**
   * Input sets read from providers, added to `inputs`.
   * @default none
   */
  readonly inputsFrom?: readonly ResourceSetInputs[];
  /**
   * How the input sets of several providers are combined.
   * @default InputStrategy.FLATTEN (not written)
   */
  readonly inputStrategy?: InputStrategy;
  /**
   * With `InputStrategy.PERMUTE`, a provider with no input set empties the result.
   * @default false: such providers are skipped
   */
  readonly includeEmptyProviders?: boolean;
  /**
   * Objects that must exist (or be ready) first.
   * @default none
   */
  readonly dependsOn?: readonly ResourceSetDependency[];
  /**
   * The service account the operator impersonates to apply the objects.
   * @default the operator's own
   */
  readonly serviceAccountName?: string;
  /**
   * Wait for the applied objects to be ready.
   * @default the operator's default (not written)
   */
  readonly wait?: boolean;
  /**
   * How often the operator reconciles the ResourceSet (annotation `fluxcd.controlplane.io/reconcileEvery`).
   * @default the operator's default, one hour
   */
  readonly reconcileEvery?: FluxDuration;
  /**
   * Labels and annotations put on every object applied (`commonMetadata`).
   * @default none
   */
  readonly commonMetadata?: CommonMetadata;
}

/** The annotation that sets how often the operator reconciles an object. */
const RECONCILE_EVERY = 'fluxcd.controlplane.io/reconcileEvery';
/** `<< inputs.key` in a template: the key read. */
const INPUT_USE = /<<-?\s*inputs\.([A-Za-z_][A-Za-z0-9_]*)/g;
/** Keys the operator adds to every input set. */
const BUILT_IN_INPUTS = ['id', 'provider'];

/**
 * A Flux Operator ResourceSet: a set of Kubernetes objects applied once per input set (written here or read from
 * ResourceSetInputProviders), the values read with `<< inputs.key >>`.
 *
 * @example
 *   new ResourceSet(fluxSystem, 'apps', {
 *     inputs: [{ tenant: 'frontend' }, { tenant: 'backend' }],
 *     resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: '<< inputs.tenant >>' } }],
 *     dependsOn: [ResourceSetDependency.crd('helmreleases.helm.toolkit.fluxcd.io')],
 *   });
 * @see https://fluxoperator.dev/docs/crd/resourceset/
 */
export class ResourceSet extends FluxObject<'ResourceSet', operator.ResourceSetSpec> implements IResourceSet {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ResourceSet', operator.ResourceSet);

  constructor(scope: Construct, id: string, props: ResourceSetProps) {
    const c = new FluxSpecContext(scope, id, ResourceSet.KIND, props);
    const every = c.duration('reconcileEvery', props.reconcileEvery);
    if (every !== undefined) {
      Object.assign(c.metadata, { annotations: { ...c.metadata.annotations, [RECONCILE_EVERY]: every } });
    }
    const steps = props.steps ?? [];
    const resources = props.resources ?? [];
    if (steps.length > 0 && (resources.length > 0 || props.resourcesTemplate !== undefined)) {
      c.add(
        c.where('steps'),
        steps.map((s) => s.name).join(', '),
        'are set with resources or resourcesTemplate',
        'put every object into a step, or drop the steps',
      );
    }
    if (steps.length === 0 && resources.length === 0 && props.resourcesTemplate === undefined) {
      c.add(
        c.where('resources'),
        undefined,
        'are missing: the ResourceSet applies nothing',
        'give resources, resourcesTemplate or steps',
      );
    }
    checkObjects(c, 'resources', resources);
    const names = new Set<string>();
    steps.forEach((step, i) => {
      if (names.has(step.name)) c.add(c.where(`steps[${i}].name`), step.name, 'is used twice', 'name each step once');
      if (step.name.trim() === '') c.add(c.where(`steps[${i}].name`), step.name, 'must not be empty', 'name the step');
      names.add(step.name);
      checkObjects(c, `steps[${i}].resources`, step.resources ?? []);
    });
    checkInputUses(c, props);
    (props.dependsOn ?? []).forEach((d, i) => {
      if (d.options.readyExpr !== undefined && d.options.ready !== true) {
        c.add(
          c.where(`dependsOn[${i}].readyExpr`),
          d.options.readyExpr,
          'is only evaluated when ready is true',
          'set ready: true beside it',
        );
      }
    });
    if (props.includeEmptyProviders !== undefined && props.inputStrategy !== InputStrategy.PERMUTE) {
      c.add(
        c.where('includeEmptyProviders'),
        String(props.includeEmptyProviders),
        'applies to InputStrategy.PERMUTE only',
        'set inputStrategy: InputStrategy.PERMUTE, or leave it out',
      );
    }
    const inputsFrom = (props.inputsFrom ?? []).map((from, i) => {
      const provider = from.provider?.ref;
      if (provider !== undefined) requireSameNamespace(c, c.where(`inputsFrom[${i}]`), provider, c.namespace);
      return provider === undefined
        ? {
            kind: operator.ResourceSetSpecInputsFromKind.RESOURCE_SET_INPUT_PROVIDER,
            selector: { matchLabels: { ...from.matchLabels } },
          }
        : { kind: operator.ResourceSetSpecInputsFromKind.RESOURCE_SET_INPUT_PROVIDER, name: provider.name };
    });
    super(c, {
      commonMetadata: renderCommonMetadata(props.commonMetadata),
      dependsOn: props.dependsOn?.map((d) => ({ ...d.target, ...d.options })),
      inputStrategy:
        props.inputStrategy === undefined
          ? undefined
          : {
              name: props.inputStrategy as string as operator.ResourceSetSpecInputStrategyName,
              includeEmptyProviders: props.includeEmptyProviders,
            },
      inputs: props.inputs?.map((input) => ({ ...input })),
      inputsFrom: inputsFrom.length === 0 ? undefined : inputsFrom,
      resources: resources.length === 0 ? undefined : resources.map((r) => ({ ...r })),
      resourcesTemplate: props.resourcesTemplate,
      serviceAccountName: props.serviceAccountName,
      steps:
        steps.length === 0
          ? undefined
          : steps.map((s, i) => ({
              name: s.name,
              resources: s.resources?.map((r) => ({ ...r })),
              resourcesTemplate: s.resourcesTemplate,
              timeout: c.duration(`steps[${i}].timeout`, s.timeout),
            })),
      wait: props.wait,
    });
  }
}

type Context = FluxSpecContext<'ResourceSet', operator.ResourceSetSpec>;

/** Every object must name its `apiVersion`, `kind` and `metadata.name`. */
function checkObjects(c: Context, field: string, objects: readonly ResourceTemplate[]): void {
  objects.forEach((o, i) => {
    const missing = ['apiVersion', 'kind'].filter((k) => typeof o[k] !== 'string' || o[k] === '');
    if (stringField(o.metadata, 'name') === undefined) missing.push('metadata.name');
    if (missing.length > 0) {
      const shown = [stringField(o, 'kind'), stringField(o.metadata, 'name')].filter(Boolean).join('/') || '{}';
      c.add(
        c.where(`${field}[${i}]`),
        shown,
        `is not a Kubernetes object: it has no ${missing.join(', ')}`,
        `set ${missing.join(', ')}`,
      );
    }
  });
}

/**
 * With inline inputs only (no provider), every `<< inputs.key >>` of the templates must be a key of some input set:
 * the operator would fail to render it.
 */
function checkInputUses(c: Context, props: ResourceSetProps): void {
  const inputs = props.inputs ?? [];
  if ((props.inputsFrom ?? []).length > 0) return;
  const known = new Set([...BUILT_IN_INPUTS, ...inputs.flatMap((i) => Object.keys(i))]);
  const text = JSON.stringify([props.resources ?? [], props.resourcesTemplate ?? '', props.steps ?? []]);
  const unknown = [...new Set([...text.matchAll(INPUT_USE)].map((m) => m[1]))].filter((k) => !known.has(k)).sort();
  for (const key of unknown) {
    c.add(
      c.where('inputs'),
      key,
      inputs.length === 0
        ? 'is read by the resources, but the ResourceSet has no inputs'
        : 'is read by the resources, but no input set has it',
      `add "${key}" to every input set, or fix the template`,
    );
  }
}
