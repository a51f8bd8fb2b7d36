import { Duration } from 'cdk8s';
import {
  Application,
  ChartReconcileStrategy,
  ExternalObject,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  OciRepository,
} from '../../lib';
import { service, specOf, synthProblem } from './fixture';

const BUCKET_GVK = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'Bucket' } as const;

/** The `chart`/`chartRef` part of the spec of a HelmRelease `podinfo` made in `scope` from `chart`. */
function chartFields(scope: Application, chart: HelmChartSource) {
  const { chart: template, chartRef } = specOf(new HelmRelease(scope, 'podinfo', { chart }));
  return { chart: template, chartRef };
}

describe('HelmChartSource', () => {
  describe('fromRepository', () => {
    test('writes a chart template with every chart option', () => {
      // GIVEN
      const { a } = service('x');
      const charts = new HelmRepository(a, 'charts', { url: 'https://stefanprodan.github.io/podinfo' });
      // WHEN
      const chart = HelmChartSource.fromRepository(charts, 'podinfo', {
        version: '>=6.0.0 <7.0.0',
        interval: Duration.hours(1),
        valuesFiles: ['values.yaml', 'values-prod.yaml'],
        reconcileStrategy: ChartReconcileStrategy.REVISION,
      });
      // THEN the repository is in the release's namespace, so the sourceRef has none
      expect(chartFields(a, chart)).toEqual({
        chart: {
          spec: {
            chart: 'podinfo',
            version: '>=6.0.0 <7.0.0',
            interval: '1h',
            valuesFiles: ['values.yaml', 'values-prod.yaml'],
            reconcileStrategy: 'Revision',
            sourceRef: { kind: 'HelmRepository', name: 'charts' },
          },
        },
      });
      expect(chart.sourceRef).toBe(charts.ref);
    });

    test('writes the namespace of a repository in another namespace', () => {
      const { repo, a } = service('x', { namespace: 'podinfo' });
      const charts = new HelmRepository(repo.infrastructure('sources'), 'charts', {
        url: 'https://charts.example.com',
      });
      expect(chartFields(a, HelmChartSource.fromRepository(charts, 'podinfo')).chart).toEqual({
        spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts', namespace: 'flux-system' } },
      });
    });

    test('takes a chart with a version from an OCI HelmRepository', () => {
      const { a } = service('x');
      const charts = new HelmRepository(a, 'charts', { url: 'oci://ghcr.io/stefanprodan/charts' });
      expect(chartFields(a, HelmChartSource.fromRepository(charts, 'podinfo', { version: '6.x' })).chart).toEqual({
        spec: { chart: 'podinfo', version: '6.x', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
      });
    });

    test('takes a chart from a HelmRepository declared with fromName', () => {
      const { a } = service('x', { namespace: 'apps' });
      const bitnami = HelmRepository.fromName(a, 'bitnami', 'bitnami', { namespace: 'flux-system' });
      expect(chartFields(a, HelmChartSource.fromRepository(bitnami, 'redis')).chart).toEqual({
        spec: { chart: 'redis', sourceRef: { kind: 'HelmRepository', name: 'bitnami', namespace: 'flux-system' } },
      });
    });
  });

  test('fromGitRepository writes the chart folder and a GitRepository sourceRef', () => {
    const { a } = service('x');
    const git = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    const chart = HelmChartSource.fromGitRepository(git, './charts/podinfo', {
      reconcileStrategy: ChartReconcileStrategy.CHART_VERSION,
    });
    expect(chartFields(a, chart)).toEqual({
      chart: {
        spec: {
          chart: './charts/podinfo',
          reconcileStrategy: 'ChartVersion',
          sourceRef: { kind: 'GitRepository', name: 'podinfo' },
        },
      },
    });
  });

  test('fromBucket writes the chart folder and a Bucket sourceRef', () => {
    const { a } = service('x');
    const bucket = new ExternalObject(a, 'bucket', { ...BUCKET_GVK, name: 'charts', namespace: 'storage' });
    expect(chartFields(a, HelmChartSource.fromBucket(bucket, './podinfo')).chart).toEqual({
      spec: { chart: './podinfo', sourceRef: { kind: 'Bucket', name: 'charts', namespace: 'storage' } },
    });
  });

  test('fromOciRepository writes a chartRef and no chart template', () => {
    const { repo, a } = service('x', { namespace: 'podinfo' });
    const oci = new OciRepository(a, 'podinfo-chart', { url: 'oci://ghcr.io/stefanprodan/charts/podinfo' });
    const shared = new OciRepository(repo.infrastructure('sources'), 'shared', { url: 'oci://ghcr.io/o/shared' });
    expect(chartFields(a, HelmChartSource.fromOciRepository(oci))).toEqual({
      chartRef: { kind: 'OCIRepository', name: 'podinfo-chart' },
    });
    expect(chartFields(repo.service('y', { namespace: 'podinfo' }), HelmChartSource.fromOciRepository(shared))).toEqual(
      {
        chartRef: { kind: 'OCIRepository', name: 'shared', namespace: 'flux-system' },
      },
    );
  });

  test('fromRef writes a chartRef to a HelmChart declared external', () => {
    const { a } = service('x');
    const helmChart = new ExternalObject(a, 'chart', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      name: 'podinfo',
    });
    expect(chartFields(a, HelmChartSource.fromRef(helmChart))).toEqual({
      chartRef: { kind: 'HelmChart', name: 'podinfo' },
    });
  });

  describe('bad input, reported with the HelmRelease path', () => {
    test.each(['', '  '])('fails on the empty chart name "%s"', (name) => {
      const { a } = service('x');
      const charts = new HelmRepository(a, 'charts', { url: 'https://charts.example.com' });
      expect(
        synthProblem(() => new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromRepository(charts, name) })),
      ).toMatch(
        new RegExp(`^r/services/x/HelmRelease/podinfo: chart "${name}" names no chart; give the chart name or path$`),
      );
    });

    test('fails on a version for a chart from a GitRepository', () => {
      const { a } = service('x');
      const git = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
      const chart = HelmChartSource.fromGitRepository(git, './charts/podinfo', { version: '6.x' });
      expect(synthProblem(() => new HelmRelease(a, 'podinfo', { chart }))).toMatch(
        /^r\/services\/x\/HelmRelease\/podinfo: chart\.version "6\.x" only applies to charts from a HelmRepository, not a GitRepository; drop version; a chart from Git or a Bucket is versioned by its Chart\.yaml$/,
      );
    });

    test('fails on a version for a chart from a Bucket', () => {
      const { a } = service('x');
      const bucket = new ExternalObject(a, 'bucket', { ...BUCKET_GVK, name: 'charts' });
      const chart = HelmChartSource.fromBucket(bucket, './podinfo', { version: '1.0.0' });
      expect(synthProblem(() => new HelmRelease(a, 'podinfo', { chart }))).toMatch(
        /HelmRelease\/podinfo: chart\.version "1\.0\.0" only applies to charts from a HelmRepository, not a Bucket/,
      );
    });

    test('fails on a chart interval that is not a Flux duration', () => {
      const { a } = service('x');
      const charts = new HelmRepository(a, 'charts', { url: 'https://charts.example.com' });
      const chart = HelmChartSource.fromRepository(charts, 'podinfo', { interval: '1 hour' });
      expect(synthProblem(() => new HelmRelease(a, 'podinfo', { chart }))).toMatch(
        /^r\/services\/x\/HelmRelease\/podinfo: chart\.interval "1 hour" is not a Flux duration; use a value like "5m"/,
      );
    });
  });
});
