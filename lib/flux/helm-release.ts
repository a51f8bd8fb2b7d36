import { Construct } from 'constructs';
import * as helm from '../../imports/helm.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { HelmChartSource } from './helm-chart-source';
import { IReferenceable } from './object-ref';

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
}

/** Install settings. */
export interface InstallOptions extends ReleaseActionOptions {
  /**
   * Create the target namespace when it does not exist.
   * @default false
   */
  readonly createNamespace?: boolean;
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

/** Values merged from a ConfigMap or Secret in the HelmRelease's namespace. */
export class ValuesFrom {
  /** Values from a ConfigMap. */
  public static configMap(name: string, options: ValuesFromOptions = {}): ValuesFrom {
    return new ValuesFrom('ConfigMap', name, options);
  }

  /** Values from a Secret (for example a SopsSecret). */
  public static secret(name: string, options: ValuesFromOptions = {}): ValuesFrom {
    return new ValuesFrom('Secret', name, options);
  }

  private constructor(
    /** `ConfigMap` or `Secret`. */
    public readonly kind: 'ConfigMap' | 'Secret',
    /** The object's name. */
    public readonly name: string,
    private readonly options: ValuesFromOptions,
  ) {}

  /** The `valuesFrom` entry. */
  public toJson(): helm.HelmReleaseSpecValuesFrom {
    return { kind: this.kind as helm.HelmReleaseSpecValuesFromKind, name: this.name, ...this.options };
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
   * Run the chart's tests after install and upgrade.
   * @default false
   */
  readonly test?: boolean;
  /**
   * Drift detection.
   * @default DriftDetectionMode.DISABLED (Flux's default)
   */
  readonly driftDetection?: DriftDetectionMode;
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
        timeout: c.duration(`${field}.timeout`, o?.timeout),
        strategy: o?.strategy === undefined ? undefined : { name: o.strategy, retryInterval },
      };
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
      valuesFrom: props.valuesFrom?.map((v) => v.toJson()),
      dependsOn: c.dependsOn(dependencies),
      install: props.install
        ? ({
            ...action('install', props.install),
            createNamespace: props.install.createNamespace,
            remediation: props.install.retries === undefined ? undefined : { retries: props.install.retries },
          } as helm.HelmReleaseSpecInstall)
        : undefined,
      upgrade: props.upgrade
        ? ({
            ...action('upgrade', props.upgrade),
            cleanupOnFail: props.upgrade.cleanupOnFail,
            force: props.upgrade.force,
            remediation:
              props.upgrade.retries === undefined && props.upgrade.remediation === undefined
                ? undefined
                : { retries: props.upgrade.retries, strategy: props.upgrade.remediation },
          } as helm.HelmReleaseSpecUpgrade)
        : undefined,
      test: props.test === undefined ? undefined : { enable: props.test },
      driftDetection:
        props.driftDetection === undefined
          ? undefined
          : { mode: props.driftDetection as unknown as helm.HelmReleaseSpecDriftDetectionMode },
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
