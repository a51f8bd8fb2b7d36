import { FluxDuration } from '../duration';
import { FluxSpecContext } from './flux-object';
import { IGitRepository } from './git-repository';
import { HelmRepositoryType, IHelmRepository } from './helm-repository';
import { IReferenceable, ObjectRef, crossRef } from './object-ref';
import { IOciRepository } from './oci-repository';

/** How Flux decides that a chart from a Git or Bucket source changed. */
export enum ChartReconcileStrategy {
  /** A new chart version (the `version` in Chart.yaml) makes a new artifact. */
  CHART_VERSION = 'ChartVersion',
  /** Every new source revision makes a new artifact. */
  REVISION = 'Revision',
}

/** Options for a chart taken from a HelmRepository, GitRepository or Bucket. */
export interface ChartOptions {
  /**
   * A semver version or range, e.g. `"1.14.x"` or `">=v1.12.0 <1.13.0"`. Only for HelmRepository charts.
   * @default the newest version ("*")
   */
  readonly version?: string;
  /**
   * How often Flux checks the source for a new chart.
   * @default the HelmRelease's interval
   */
  readonly interval?: FluxDuration;
  /**
   * Values files in the chart to merge, in order, instead of its `values.yaml`.
   * @default the chart's values.yaml
   */
  readonly valuesFiles?: readonly string[];
  /**
   * When a chart from Git or a Bucket counts as changed.
   * @default ChartReconcileStrategy.CHART_VERSION
   */
  readonly reconcileStrategy?: ChartReconcileStrategy;
  /**
   * Carry on when a file of `valuesFiles` is missing instead of failing.
   * @default false
   */
  readonly ignoreMissingValuesFiles?: boolean;
}

/** Kinds a chart template (a HelmChart, or a HelmRelease's `chart.spec`) may take a chart from. */
export type ChartSpecSourceKind = 'HelmRepository' | 'GitRepository' | 'Bucket';
/** Kinds a HelmRelease may point `chartRef` at. */
type ChartRefKind = 'OCIRepository' | 'HelmChart' | 'ExternalArtifact';

/** What a HelmRelease writes for its chart: either `chart` (a chart template) or `chartRef`. */
export interface RenderedChart {
  readonly chart?: { spec: Record<string, unknown> };
  readonly chartRef?: { kind: string; name: string; namespace?: string };
}

/**
 * Where a HelmRelease gets its chart. Exactly one form, so `chart` and `chartRef` can never both be set.
 *
 * @example
 *   HelmChartSource.fromRepository(jetstack, 'cert-manager', { version: '>=v1.12.0 <1.13.0' })
 *   HelmChartSource.fromGitRepository(podinfoGit, './charts/podinfo')
 *   HelmChartSource.fromOciRepository(podinfoOci)        // chartRef
 * @see https://fluxcd.io/flux/components/helm/helmreleases/#chart-template
 */
export class HelmChartSource {
  /** A chart by name from a HelmRepository (default or OCI type). */
  public static fromRepository(
    repository: IHelmRepository,
    chart: string,
    options: ChartOptions = {},
  ): HelmChartSource {
    return new HelmChartSource({ source: repository, chart, options });
  }

  /** A chart from a folder of a GitRepository, e.g. `'./charts/podinfo'`. */
  public static fromGitRepository(
    repository: IGitRepository,
    path: string,
    options: ChartOptions = {},
  ): HelmChartSource {
    return new HelmChartSource({ source: repository, chart: path, options });
  }

  /** A chart from a folder of a Bucket. */
  public static fromBucket(
    bucket: IReferenceable<'Bucket'>,
    path: string,
    options: ChartOptions = {},
  ): HelmChartSource {
    return new HelmChartSource({ source: bucket, chart: path, options });
  }

  /** `chartRef` to an OCIRepository that holds a chart: the recommended way to deploy OCI charts. */
  public static fromOciRepository(repository: IOciRepository): HelmChartSource {
    return new HelmChartSource({ chartRef: repository });
  }

  /** `chartRef` to a HelmChart or ExternalArtifact object. */
  public static fromRef(target: IReferenceable<'HelmChart' | 'ExternalArtifact'>): HelmChartSource {
    return new HelmChartSource({ chartRef: target });
  }

  private constructor(
    private readonly form:
      | { source: IReferenceable<ChartSpecSourceKind>; chart: string; options: ChartOptions }
      | { chartRef: IReferenceable<ChartRefKind> },
  ) {}

  /** The object the chart comes from. */
  public get sourceRef(): ObjectRef {
    return 'chartRef' in this.form ? this.form.chartRef.ref : this.form.source.ref;
  }

  /**
   * The `chart` or `chartRef` field of the HelmRelease being made with `c`; problems are reported to `c`.
   * @internal
   */
  public _render(c: FluxSpecContext<'HelmRelease', unknown>): RenderedChart {
    if ('chartRef' in this.form) {
      return { chartRef: crossRef(this.form.chartRef.ref, c.namespace) };
    }
    const { source, chart, options } = this.form;
    return { chart: { spec: chartTemplate(c, source, chart, options, 'chart.') } };
  }
}

/**
 * The spec of a chart template (a HelmChart's spec, a HelmRelease's `chart.spec`), checked; problems are reported to
 * `c` under fields named with `prefix` (`chart.version`).
 */
export function chartTemplate(
  c: FluxSpecContext<string, unknown>,
  source: IReferenceable<ChartSpecSourceKind>,
  chart: string,
  options: ChartOptions,
  prefix: string,
): Record<string, unknown> {
  if (chart.trim() === '') {
    c.add(c.where('chart'), chart, 'names no chart', 'give the chart name or path');
  }
  if (options.version !== undefined && source.ref.kind !== 'HelmRepository') {
    c.add(
      c.where(`${prefix}version`),
      options.version,
      `only applies to charts from a HelmRepository, not a ${source.ref.kind}`,
      'drop version; a chart from Git or a Bucket is versioned by its Chart.yaml',
    );
  }
  return {
    chart,
    version: options.version,
    sourceRef: crossRef(source.ref, c.namespace),
    interval: c.duration(`${prefix}interval`, options.interval),
    valuesFiles: options.valuesFiles ? [...options.valuesFiles] : undefined,
    ignoreMissingValuesFiles: options.ignoreMissingValuesFiles,
    reconcileStrategy: isOciHelmRepository(source) ? undefined : options.reconcileStrategy,
  };
}

/** True for a HelmRepository of type OCI made in this app, whose charts have no reconcile strategy. */
export function isOciHelmRepository(source: IReferenceable): boolean {
  return (source as { type?: HelmRepositoryType }).type === HelmRepositoryType.OCI;
}
