import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { ArtifactVerification } from './artifact-verification';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { ChartOptions, ChartSpecSourceKind, chartTemplate, isOciHelmRepository } from './helm-chart-source';
import { IReferenceable } from './object-ref';

/** A HelmChart, made here or declared external. */
export type IHelmChart = IReferenceable<'HelmChart'>;

/** Props of a {@link HelmChart}. */
export interface HelmChartProps extends FluxResourceProps, Omit<ChartOptions, 'interval'> {
  /** The HelmRepository, GitRepository or Bucket the chart is in. */
  readonly source: IReferenceable<ChartSpecSourceKind>;
  /** The chart's name in a HelmRepository, or its folder in a GitRepository or Bucket, e.g. `"./charts/podinfo"`. */
  readonly chart: string;
  /**
   * How often Flux checks the source for a new chart.
   * @default "5m"
   */
  readonly interval?: FluxDuration;
  /**
   * Verify the chart's signature; only for charts of an OCI HelmRepository.
   * @default no verification
   */
  readonly verify?: ArtifactVerification;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux HelmChart: a chart fetched from a source and packaged as an artifact, which HelmReleases can share through
 * `HelmChartSource.fromRef(chart)`.
 *
 * @example
 *   const podinfo = new HelmChart(app, 'podinfo', { source: charts, chart: 'podinfo', version: '6.x' });
 *   new HelmRelease(app, 'podinfo', { chart: HelmChartSource.fromRef(podinfo) });
 * @see https://fluxcd.io/flux/components/source/helmcharts/
 */
export class HelmChart extends FluxObject<'HelmChart', source.HelmChartSpec> implements IHelmChart {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('HelmChart', source.HelmChart);

  constructor(scope: Construct, id: string, props: HelmChartProps) {
    const c = new FluxSpecContext(scope, id, HelmChart.KIND, props);
    if (props.verify !== undefined && !isOciHelmRepository(props.source)) {
      c.add(
        c.where('verify'),
        `${props.source.ref.kind}/${props.source.ref.name}`,
        'only applies to charts of an OCI HelmRepository made in this app',
        'drop verify, or take the chart from a HelmRepository of type HelmRepositoryType.OCI',
      );
    }
    const template = chartTemplate(c, props.source, props.chart, { ...props, interval: props.interval ?? '5m' }, '');
    super(c, {
      ...(template as Omit<source.HelmChartSpec, 'verify'>),
      verify: props.verify?._render(c.namespace, c.where('verify'), c, false) as source.HelmChartSpecVerify | undefined,
      suspend: props.suspend,
    });
  }
}
