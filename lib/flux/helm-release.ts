import { Construct } from 'constructs';
import * as helm from '../../imports/helm.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { HelmChartSource } from './helm-chart-source';
import { IReferenceable } from './object-ref';
import { CommonMetadata, renderCommonMetadata } from './common-metadata';
import { ConfigMapSource } from './config-map-source';
import { ConstructIssues } from './construct-issues';
import { Where } from './prop-rules';
import { DriftIgnoreRule, renderDriftIgnoreRules } from './drift-ignore-rule';
import { HealthCheckExpr, renderHealthCheckExprs } from './health-check-expr';
import { ImageOverride, renderImageOverrides } from './image-override';
import { KubeConfig } from './kube-config';
import { KustomizationPatch, renderPatches } from './kustomize-patch';
import { SecretSource, localRefOf } from './secret-source';

/** A HelmRelease, made here or declared external. */
export type IHelmRelease = IReferenceable<'HelmRelease'>;

/** What Helm does with the chart's `crds/` folder. */
export enum CrdPolicy {
  /** Neither install nor update CRDs. */
  SKIP = 'Skip',
  /** Install new CRDs, never update existing ones (Flux's default). */
  CREATE = 'Create',
  /** Install new CRDs and update existing ones. */
  CREATE_REPLACE = 'CreateReplace',
}

/** How the helm-controller reacts when an install or upgrade fails. */
export enum ReleaseStrategy {
  /** Remediate (uninstall or roll back) and retry, up to the remediation retries (Flux's default). */
  REMEDIATE_ON_FAILURE = 'RemediateOnFailure',
  /** Leave the failed release as it is and retry the action at every `retryInterval`. */
  RETRY_ON_FAILURE = 'RetryOnFailure',
}

/** What a failed upgrade is remediated with. */
export enum UpgradeRemediation {
  /** Roll back to the last successful release (Flux's default). */
  ROLLBACK = 'rollback',
  /** Uninstall the release. */
  UNINSTALL = 'uninstall',
}

/** How the helm-controller treats changes made to the release's objects in the cluster. */
export enum DriftDetectionMode {
  /** Detect drift and correct it. */
  ENABLED = 'enabled',
  /** Detect drift and only report it. */
  WARN = 'warn',
  /** Do not look for drift (Flux's default). */
  DISABLED = 'disabled',
}

/** Whether Helm applies the release's objects with server-side apply (upgrade and rollback). */
export enum ServerSideApplyMode {
  /** Always server-side apply. */
  ENABLED = 'enabled',
  /** Always client-side apply. */
  DISABLED = 'disabled',
  /** Do as the release's last action did (Flux's default). */
  AUTO = 'auto',
}

/** What an upgrade does when the chart's name changed. */
export enum ChartNameChangeStrategy {
  /** Uninstall the release and install it again (Flux's default). */
  REINSTALL = 'Reinstall',
  /** Upgrade the release in place. */
  IN_PLACE_UPDATE = 'InPlaceUpdate',
}

/** How the objects of an uninstalled release are deleted. */
export enum DeletionPropagation {
  /** Delete the owner at once, its dependents in the background (Flux's default). */
  BACKGROUND = 'background',
  /** Delete the dependents first. */
  FOREGROUND = 'foreground',
  /** Keep the dependents. */
  ORPHAN = 'orphan',
}

/** How Helm waits for the release's objects to be ready (`spec.waitStrategy`). */
export enum WaitStrategy {
  /** Poll the objects' status with kstatus (Flux's default). */
  POLLER = 'poller',
  /** Helm 3's own waiting. */
  LEGACY = 'legacy',
}

/** Which rendered objects Helm sends to the post-renderers (`spec.postRenderStrategy`). */
export enum PostRenderStrategy {
  /** Hooks are not post-rendered (Helm 3's behaviour). */
  NO_HOOKS = 'nohooks',
  /** Hooks and templates together (Flux's default). */
  COMBINED = 'combined',
  /** Hooks and templates in separate streams. */
  SEPARATE = 'separate',
}

/**
 * A change made to the objects a chart renders before Helm applies them (`spec.postRenderers`). Kustomize is the
 * one post-renderer Flux has; its patches and image changes run in the order given.
 *
 * @example
 *   PostRenderer.kustomize({ images: [{ name: 'nginx', newTag: '1.27' }], patches: [{ patch: '...' }] });
 * @see https://fluxcd.io/flux/components/helm/helmreleases/#post-renderers
 */
export class PostRenderer {
  /** Kustomize patches and image changes. */
  public static kustomize(options: {
    readonly patches?: readonly KustomizationPatch[];
    readonly images?: readonly ImageOverride[];
  }): PostRenderer {
    return new PostRenderer(options.patches ?? [], options.images ?? []);
  }

  private constructor(
    private readonly patches: readonly KustomizationPatch[],
    private readonly images: readonly ImageOverride[],
  ) {}

  /**
   * The entry at `field`; a post-renderer that changes nothing, or a bad image change, is recorded in `issues`.
   * @internal
   */
  public _render(
    field: string,
    where: (field: string) => Where,
    issues: ConstructIssues,
  ): helm.HelmReleaseSpecPostRenderers {
    if (this.patches.length === 0 && this.images.length === 0)
      issues.add(where(field), 'kustomize', 'changes nothing', 'give patches or images, or drop the post-renderer');
    const images = renderImageOverrides(this.images, `${field}.kustomize.images`, where, issues);
    return {
      kustomize: {
        patches: this.patches.length === 0 ? undefined : renderPatches(this.patches),
        images: this.images.length === 0 ? undefined : images,
      },
    };
  }
}

/** Settings shared by install and upgrade. */
export interface ReleaseActionOptions {
  /**
   * What to do with the chart's CRDs.
   * @default CrdPolicy.CREATE (Flux's default)
   */
  readonly crds?: CrdPolicy;
  /**
   * How many times to retry after a failure; -1 retries for ever.
   * @default Flux's default, 0 (no retries)
   */
  readonly retries?: number;
  /**
   * How failures are handled.
   * @default ReleaseStrategy.REMEDIATE_ON_FAILURE (Flux's default)
   */
  readonly strategy?: ReleaseStrategy;
  /**
   * Time between retries with `ReleaseStrategy.RETRY_ON_FAILURE`.
   * @default Flux's default, the HelmRelease interval
   */
  readonly retryInterval?: FluxDuration;
  /**
   * Do not wait for resources to be ready.
   * @default false
   */
  readonly disableWait?: boolean;
  /**
   * Timeout of the Helm action.
   * @default the HelmRelease timeout
   */
  readonly timeout?: FluxDuration;
  /**
   * Do not wait for Jobs to complete.
   * @default false
   */
  readonly disableWaitForJobs?: boolean;
  /**
   * Do not run the chart's hooks.
   * @default false
   */
  readonly disableHooks?: boolean;
  /**
   * Do not validate the rendered objects against the Kubernetes OpenAPI schema.
   * @default false
   */
  readonly disableOpenAPIValidation?: boolean;
  /**
   * Do not validate the values against the chart's JSON schema.
   * @default false
   */
  readonly disableSchemaValidation?: boolean;
  /**
   * Do not take over objects that exist already and that the release did not make.
   * @default false
   */
  readonly disableTakeOwnership?: boolean;
  /**
   * Do not remediate when only the chart's tests failed.
   * @default the HelmRelease's test `ignoreFailures`
   */
  readonly ignoreTestFailures?: boolean;
  /**
   * Remediate the last failure too, when no retries are left.
   * @default false, or true when retries are given
   */
  readonly remediateLastFailure?: boolean;
}

/** Install settings. */
export interface InstallOptions extends ReleaseActionOptions {
  /**
   * Create the target namespace when it does not exist.
   * @default false
   */
  readonly createNamespace?: boolean;
  /**
   * Reuse the release name when it is taken by a deleted or failed release.
   * @default false
   */
  readonly replace?: boolean;
  /**
   * Install no CRDs at all (prefer `crds: CrdPolicy.SKIP`).
   * @default false
   */
  readonly skipCRDs?: boolean;
  /**
   * Apply the objects with server-side apply.
   * @default true (Flux's default)
   */
  readonly serverSideApply?: boolean;
}

/** Upgrade settings. */
export interface UpgradeOptions extends ReleaseActionOptions {
  /**
   * How a failed upgrade is remediated.
   * @default UpgradeRemediation.ROLLBACK (Flux's default)
   */
  readonly remediation?: UpgradeRemediation;
  /**
   * Delete new resources made by a failed upgrade.
   * @default false
   */
  readonly cleanupOnFail?: boolean;
  /**
   * Force resource updates through replacement.
   * @default false
   */
  readonly force?: boolean;
  /**
   * Reuse the last release's values and merge the new ones into them.
   * @default false
   */
  readonly preserveValues?: boolean;
  /**
   * What an upgrade does when the chart's name changed.
   * @default ChartNameChangeStrategy.REINSTALL (Flux's default)
   */
  readonly chartNameChangeStrategy?: ChartNameChangeStrategy;
  /**
   * Server-side or client-side apply.
   * @default ServerSideApplyMode.AUTO (Flux's default)
   */
  readonly serverSideApply?: ServerSideApplyMode;
}

/** Rollback settings, used when a failed upgrade is remediated by a rollback. */
export interface RollbackOptions {
  /**
   * Delete new resources made by a failed rollback.
   * @default false
   */
  readonly cleanupOnFail?: boolean;
  /**
   * Do not run the chart's hooks.
   * @default false
   */
  readonly disableHooks?: boolean;
  /**
   * Do not wait for resources to be ready.
   * @default false
   */
  readonly disableWait?: boolean;
  /**
   * Do not wait for Jobs to complete.
   * @default false
   */
  readonly disableWaitForJobs?: boolean;
  /**
   * Force resource updates through replacement (client-side apply only).
   * @default false
   */
  readonly force?: boolean;
  /**
   * Restart the pods of the release's workloads.
   * @default false
   * @deprecated Helm 4 removed it: the helm-controller ignores it and warns.
   */
  readonly recreate?: boolean;
  /**
   * Server-side or client-side apply.
   * @default ServerSideApplyMode.AUTO (Flux's default)
   */
  readonly serverSideApply?: ServerSideApplyMode;
  /**
   * Timeout of the rollback.
   * @default the HelmRelease timeout
   */
  readonly timeout?: FluxDuration;
}

/** Uninstall settings, used when the HelmRelease is deleted or a failure is remediated by an uninstall. */
export interface UninstallOptions {
  /**
   * How the release's objects are deleted.
   * @default DeletionPropagation.BACKGROUND (Flux's default)
   */
  readonly deletionPropagation?: DeletionPropagation;
  /**
   * Do not run the chart's hooks.
   * @default false
   */
  readonly disableHooks?: boolean;
  /**
   * Do not wait for the objects to be deleted.
   * @default false
   */
  readonly disableWait?: boolean;
  /**
   * Keep the release history (the release is marked deleted).
   * @default false
   */
  readonly keepHistory?: boolean;
  /**
   * Timeout of the uninstall.
   * @default the HelmRelease timeout
   */
  readonly timeout?: FluxDuration;
}

/** One `test.filters` entry: a test of the chart run alone, or left out. */
export interface ReleaseTestFilter {
  /** The test's name (its Pod's name in the chart). */
  readonly name: string;
  /**
   * Leave this test out, instead of running only the named tests.
   * @default false
   */
  readonly exclude?: boolean;
}

/** How the chart's tests run after install and upgrade. */
export interface ReleaseTestOptions {
  /**
   * Do not remediate when a test fails.
   * @default false
   */
  readonly ignoreFailures?: boolean;
  /**
   * Timeout of the tests.
   * @default the HelmRelease timeout
   */
  readonly timeout?: FluxDuration;
  /**
   * The tests to run or to leave out.
   * @default every test of the chart
   */
  readonly filters?: readonly ReleaseTestFilter[];
}

/** Drift detection with fields it leaves alone. */
export interface DriftDetectionOptions {
  /** Whether drift is corrected, only reported, or not looked for. */
  readonly mode: DriftDetectionMode;
  /**
   * Fields drift detection leaves alone, e.g. replicas an autoscaler owns.
   * @default none
   */
  readonly ignore?: readonly DriftIgnoreRule[];
}

/** Options of one `valuesFrom` entry. */
export interface ValuesFromOptions {
  /**
   * The data key that holds the values.
   * @default "values.yaml"
   */
  readonly valuesKey?: string;
  /**
   * Put the value at this path of the values instead of merging a YAML document.
   * @default merge the whole document
   */
  readonly targetPath?: string;
  /**
   * Do not fail when the object or key is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Values merged from a ConfigMap or Secret in the HelmRelease's namespace: the object that makes it (a `SopsSecret`,
 * a `k8s` or cdk8s-plus Secret or ConfigMap), one declared with `externalSecret(...)` / `externalConfigMap(...)`, or
 * its name when it is made elsewhere (validation then checks that the tree or `--external` has it).
 *
 * @example
 *   ValuesFrom.secret(podinfoAuth, { valuesKey: 'auth.yaml', targetPath: 'auth' });
 *   ValuesFrom.configMap('podinfo-values');
 */
export class ValuesFrom {
  /** Values from a ConfigMap. */
  public static configMap(configMap: ConfigMapSource | string, options: ValuesFromOptions = {}): ValuesFrom {
    return new ValuesFrom('ConfigMap', configMap, options);
  }

  /** Values from a Secret (for example a SopsSecret). */
  public static secret(secret: SecretSource | string, options: ValuesFromOptions = {}): ValuesFrom {
    return new ValuesFrom('Secret', secret, options);
  }

  private constructor(
    /** `ConfigMap` or `Secret`. */
    public readonly kind: 'ConfigMap' | 'Secret',
    private readonly source: ConfigMapSource | SecretSource | string,
    private readonly options: ValuesFromOptions,
  ) {}

  /**
   * The `valuesFrom` entry a HelmRelease in `namespace` writes; an object of another kind or namespace is recorded
   * in `issues`.
   * @internal
   */
  public _render(namespace: string, where: Where, issues: ConstructIssues): helm.HelmReleaseSpecValuesFrom {
    const external = this.kind === 'Secret' ? 'externalSecret(...)' : 'externalConfigMap(...)';
    const name =
      typeof this.source === 'string'
        ? this.source
        : (localRefOf(this.kind, this.source, namespace, where, issues, external) as { name: string }).name;
    return { kind: this.kind as helm.HelmReleaseSpecValuesFromKind, name, ...this.options };
  }
}

/** Props of a {@link HelmRelease}. */
export interface HelmReleaseProps extends FluxResourceProps {
  /** Where the chart comes from. */
  readonly chart: HelmChartSource;
  /**
   * Helm values, plain JSON data.
   * @default the chart's defaults
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * ConfigMaps and Secrets whose values are merged, in order, before `values`.
   * @default none
   */
  readonly valuesFrom?: readonly ValuesFrom[];
  /**
   * How often the release is reconciled.
   * @default "5m"
   */
  readonly interval?: FluxDuration;
  /**
   * Timeout of Helm actions.
   * @default Flux's default, "5m"
   */
  readonly timeout?: FluxDuration;
  /**
   * The Helm release name.
   * @default Flux's default: `[targetNamespace-]name`
   */
  readonly releaseName?: string;
  /**
   * Namespace the chart is installed into.
   * @default the HelmRelease's namespace
   */
  readonly targetNamespace?: string;
  /**
   * Namespace of the Helm release storage.
   * @default the HelmRelease's namespace
   */
  readonly storageNamespace?: string;
  /**
   * HelmReleases that must be ready first.
   * @default none
   */
  readonly dependsOn?: readonly IHelmRelease[];
  /**
   * Install settings.
   * @default Flux's defaults
   */
  readonly install?: InstallOptions;
  /**
   * Upgrade settings.
   * @default Flux's defaults
   */
  readonly upgrade?: UpgradeOptions;
  /**
   * Rollback settings.
   * @default Flux's defaults
   */
  readonly rollback?: RollbackOptions;
  /**
   * Uninstall settings.
   * @default Flux's defaults
   */
  readonly uninstall?: UninstallOptions;
  /**
   * Run the chart's tests after install and upgrade: `true`, or how they run.
   * @default false
   */
  readonly test?: boolean | ReleaseTestOptions;
  /**
   * Drift detection: its mode, or its mode and the fields it leaves alone.
   * @default DriftDetectionMode.DISABLED (Flux's default)
   */
  readonly driftDetection?: DriftDetectionMode | DriftDetectionOptions;
  /**
   * Changes made to the rendered objects before they are applied.
   * @default none
   */
  readonly postRenderers?: readonly PostRenderer[];
  /**
   * Which rendered objects the post-renderers get.
   * @default PostRenderStrategy.COMBINED (Flux's default)
   */
  readonly postRenderStrategy?: PostRenderStrategy;
  /**
   * Labels and annotations set on every object of the release.
   * @default none
   */
  readonly commonMetadata?: CommonMetadata;
  /**
   * How the health of the release's custom resources is decided.
   * @default the kstatus rules
   */
  readonly healthCheckExprs?: readonly HealthCheckExpr[];
  /**
   * How Helm waits for the objects to be ready.
   * @default WaitStrategy.POLLER (Flux's default)
   */
  readonly waitStrategy?: WaitStrategy;
  /**
   * The remote cluster the release is installed in.
   * @default the cluster the controller runs in
   */
  readonly kubeConfig?: KubeConfig;
  /**
   * Reuse one Kubernetes client for the whole reconciliation.
   * @default true (Flux's default)
   */
  readonly persistentClient?: boolean;
  /**
   * Number of release revisions Helm keeps.
   * @default Flux's default, 5
   */
  readonly maxHistory?: number;
  /**
   * Service account the controller impersonates.
   * @default the controller's own
   */
  readonly serviceAccountName?: string;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux HelmRelease: a Helm chart installed and upgraded by the helm-controller.
 *
 * @example
 *   new HelmRelease(app, 'cert-manager', {
 *     chart: HelmChartSource.fromRepository(jetstack, 'cert-manager', { version: '1.14.x' }),
 *     values: { installCRDs: true },
 *   });
 * @see https://fluxcd.io/flux/components/helm/helmreleases/
 */
export class HelmRelease extends FluxObject<'HelmRelease', helm.HelmReleaseSpec> implements IHelmRelease {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('HelmRelease', helm.HelmRelease);

  /** Where the chart comes from. */
  public readonly chartSource: HelmChartSource;
  private readonly dependencies: IHelmRelease[];

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    const c = new FluxSpecContext(scope, id, HelmRelease.KIND, props);
    const action = (field: string, o: ReleaseActionOptions | undefined) => {
      const retryInterval = c.duration(`${field}.retryInterval`, o?.retryInterval);
      if (retryInterval !== undefined && o?.strategy !== ReleaseStrategy.RETRY_ON_FAILURE) {
        // The CRD rejects a retryInterval beside RemediateOnFailure (Flux's default): never drop it or write it there.
        c.add(
          c.where(`${field}.retryInterval`),
          retryInterval,
          `only applies with ReleaseStrategy.RETRY_ON_FAILURE, not ${o?.strategy ?? 'the default strategy'}`,
          'set strategy: ReleaseStrategy.RETRY_ON_FAILURE, or drop retryInterval',
        );
      }
      return {
        crds: o?.crds,
        disableWait: o?.disableWait,
        disableWaitForJobs: o?.disableWaitForJobs,
        disableHooks: o?.disableHooks,
        // the binding's names for disableOpenAPIValidation and skipCRDs
        disableOpenApiValidation: o?.disableOpenAPIValidation,
        disableSchemaValidation: o?.disableSchemaValidation,
        disableTakeOwnership: o?.disableTakeOwnership,
        timeout: c.duration(`${field}.timeout`, o?.timeout),
        strategy: o?.strategy === undefined ? undefined : { name: o.strategy, retryInterval },
      };
    };
    /** The `remediation` fields install and upgrade share; unset when none is given. */
    const remediation = (o: ReleaseActionOptions, extra: Record<string, unknown> = {}) => {
      const fields = {
        retries: o.retries,
        ignoreTestFailures: o.ignoreTestFailures,
        remediateLastFailure: o.remediateLastFailure,
        ...extra,
      };
      return Object.values(fields).every((v) => v === undefined) ? undefined : fields;
    };
    const dependencies = [...(props.dependsOn ?? [])];
    super(c, {
      interval: c.duration('interval', props.interval ?? '5m'),
      ...(props.chart._render(c) as Pick<helm.HelmReleaseSpec, 'chart' | 'chartRef'>),
      releaseName: props.releaseName,
      targetNamespace: props.targetNamespace,
      storageNamespace: props.storageNamespace,
      timeout: c.duration('timeout', props.timeout),
      values: props.values === undefined ? undefined : structuredClone(props.values),
      valuesFrom: props.valuesFrom?.map((v, i) => v._render(c.namespace, c.where(`valuesFrom[${i}]`), c)),
      dependsOn: c.dependsOn(dependencies),
      install: props.install
        ? ({
            ...action('install', props.install),
            createNamespace: props.install.createNamespace,
            replace: props.install.replace,
            skipCrDs: props.install.skipCRDs,
            serverSideApply: props.install.serverSideApply,
            remediation: remediation(props.install),
          } as helm.HelmReleaseSpecInstall)
        : undefined,
      upgrade: props.upgrade
        ? ({
            ...action('upgrade', props.upgrade),
            cleanupOnFail: props.upgrade.cleanupOnFail,
            force: props.upgrade.force,
            preserveValues: props.upgrade.preserveValues,
            chartNameChangeStrategy: props.upgrade.chartNameChangeStrategy,
            serverSideApply: props.upgrade.serverSideApply,
            remediation: remediation(props.upgrade, { strategy: props.upgrade.remediation }),
          } as helm.HelmReleaseSpecUpgrade)
        : undefined,
      rollback: props.rollback
        ? ({
            ...props.rollback,
            timeout: c.duration('rollback.timeout', props.rollback.timeout),
          } as helm.HelmReleaseSpecRollback)
        : undefined,
      uninstall: props.uninstall
        ? ({
            ...props.uninstall,
            timeout: c.duration('uninstall.timeout', props.uninstall.timeout),
          } as helm.HelmReleaseSpecUninstall)
        : undefined,
      test: releaseTest(c, props.test),
      driftDetection: driftDetection(c, props.driftDetection),
      postRenderers: props.postRenderers?.map((r, i) => r._render(`postRenderers[${i}]`, (f) => c.where(f), c)),
      postRenderStrategy: props.postRenderStrategy as unknown as helm.HelmReleaseSpecPostRenderStrategy | undefined,
      commonMetadata: renderCommonMetadata(props.commonMetadata),
      healthCheckExprs: renderHealthCheckExprs(props.healthCheckExprs, (f) => c.where(f), c),
      waitStrategy:
        props.waitStrategy === undefined
          ? undefined
          : { name: props.waitStrategy as unknown as helm.HelmReleaseSpecWaitStrategyName },
      kubeConfig: props.kubeConfig?._render(c.namespace, c.where('kubeConfig'), c),
      persistentClient: props.persistentClient,
      maxHistory: props.maxHistory,
      serviceAccountName: props.serviceAccountName,
      suspend: props.suspend,
    });
    this.chartSource = props.chart;
    this.dependencies = dependencies;
  }

  /** Makes this release wait for `releases` to be ready (`spec.dependsOn`). */
  public addDependsOn(...releases: IHelmRelease[]): void {
    this.dependencies.push(...releases);
  }
}

type Context = FluxSpecContext<'HelmRelease', helm.HelmReleaseSpec>;

/** `spec.test`: unset when tests are not run. */
function releaseTest(c: Context, test: boolean | ReleaseTestOptions | undefined): helm.HelmReleaseSpecTest | undefined {
  if (test === undefined) return undefined;
  if (typeof test === 'boolean') return { enable: test };
  test.filters?.forEach((f, i) => {
    if (f.name.trim() === '')
      c.add(c.where(`test.filters[${i}].name`), f.name, 'is empty', "give the name of the chart's test");
  });
  return {
    enable: true,
    ignoreFailures: test.ignoreFailures,
    timeout: c.duration('test.timeout', test.timeout),
    filters: test.filters?.map((f) => ({ name: f.name, exclude: f.exclude })),
  };
}

/** `spec.driftDetection`: its mode, and the fields it leaves alone. */
function driftDetection(
  c: Context,
  drift: DriftDetectionMode | DriftDetectionOptions | undefined,
): helm.HelmReleaseSpecDriftDetection | undefined {
  if (drift === undefined) return undefined;
  const options = typeof drift === 'string' ? { mode: drift } : drift;
  return {
    mode: options.mode as unknown as helm.HelmReleaseSpecDriftDetectionMode,
    ignore: renderDriftIgnoreRules(options.ignore, 'driftDetection.ignore', (f) => c.where(f), c),
  };
}
