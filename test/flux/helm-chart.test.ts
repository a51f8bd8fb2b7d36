import { Duration } from 'cdk8s';
import {
  ArtifactVerification,
  ChartReconcileStrategy,
  GitRepository,
  HelmChart,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  externalSecret,
} from '../../lib';
import { fileOf, manifestOf, service, specOf, synthProblem } from './fixture';

/** An application `services/x` with a default and an OCI HelmRepository. */
function withRepositories() {
  const made = service('x');
  const charts = new HelmRepository(made.a, 'charts', { url: 'https://stefanprodan.github.io/podinfo' });
  const oci = new HelmRepository(made.a, 'oci-charts', { url: 'oci://ghcr.io/stefanprodan/charts' });
  return { ...made, charts, oci };
}

describe('HelmChart', () => {
  test('GIVEN a chart of a HelmRepository WHEN made with defaults THEN it writes chart, sourceRef and a 5m interval', () => {
    // GIVEN
    const { app, a, charts } = withRepositories();
    // WHEN
    const chart = new HelmChart(a, 'podinfo', { source: charts, chart: 'podinfo' });
    // THEN
    expect(manifestOf(chart)).toStrictEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { chart: 'podinfo', interval: '5m', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
    });
    expect(fileOf(app, 'services/x/helmchart-podinfo.yaml')).toEqual(manifestOf(chart));
  });

  test('GIVEN every option WHEN made THEN each is written to its spec field', () => {
    const { a, charts } = withRepositories();
    const chart = new HelmChart(a, 'podinfo', {
      source: charts,
      chart: 'podinfo',
      version: '6.x',
      interval: Duration.minutes(90),
      valuesFiles: ['values.yaml', 'values-prod.yaml'],
      ignoreMissingValuesFiles: true,
      reconcileStrategy: ChartReconcileStrategy.REVISION,
      suspend: true,
    });
    expect(specOf(chart)).toStrictEqual({
      chart: 'podinfo',
      version: '6.x',
      interval: '1h30m',
      valuesFiles: ['values.yaml', 'values-prod.yaml'],
      ignoreMissingValuesFiles: true,
      reconcileStrategy: 'Revision',
      suspend: true,
      sourceRef: { kind: 'HelmRepository', name: 'charts' },
    });
  });

  test('GIVEN a chart of an OCI HelmRepository WHEN verified with keyless cosign THEN verify is written and no reconcile strategy', () => {
    const { a, oci } = withRepositories();
    const chart = new HelmChart(a, 'podinfo', {
      source: oci,
      chart: 'podinfo',
      reconcileStrategy: ChartReconcileStrategy.REVISION,
      verify: ArtifactVerification.cosign({
        matchOidcIdentity: [
          { issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/o/.*$' },
        ],
      }),
    });
    expect(specOf(chart)).toMatchObject({
      verify: {
        provider: 'cosign',
        matchOIDCIdentity: [
          { issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/o/.*$' },
        ],
      },
    });
    expect(specOf(chart).reconcileStrategy).toBeUndefined();
  });

  test('GIVEN a notation verification WHEN made THEN its trust Secret is the secretRef', () => {
    const { a, oci } = withRepositories();
    const chart = new HelmChart(a, 'podinfo', {
      source: oci,
      chart: 'podinfo',
      verify: ArtifactVerification.notation(externalSecret(a, 'trust', 'trust')),
    });
    expect(specOf(chart).verify).toStrictEqual({ provider: 'notation', secretRef: { name: 'trust' } });
  });

  test('GIVEN a GitRepository source WHEN made THEN the sourceRef is that object, and a HelmRelease can use the chart through chartRef', () => {
    // GIVEN
    const { app, a } = service('x');
    const git = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    // WHEN
    const chart = new HelmChart(a, 'podinfo', { source: git, chart: './charts/podinfo' });
    const release = new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromRef(chart) });
    // THEN
    expect(specOf(chart).sourceRef).toStrictEqual({ kind: 'GitRepository', name: 'podinfo' });
    expect(specOf(release).chartRef).toStrictEqual({ kind: 'HelmChart', name: 'podinfo' });
    expect(chart.ref).toStrictEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      name: 'podinfo',
      namespace: 'flux-system',
    });
    expect(() => app.synthTree()).not.toThrow();
  });

  test('GIVEN HelmChart.fromName WHEN a HelmRelease refers to it THEN the reference resolves and no file is written for it', () => {
    const { app, a } = service('x');
    const external = HelmChart.fromName(a, 'shared', 'shared-chart', { namespace: 'charts' });
    new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromRef(external) });
    const files = [...app.synthTree().keys()].filter((f) => f.startsWith('services/x/'));
    expect(files.some((f) => f.includes('helmchart'))).toBe(false);
    expect(fileOf(app, 'services/x/helmrelease-podinfo.yaml')).toMatchObject({
      spec: { chartRef: { kind: 'HelmChart', name: 'shared-chart', namespace: 'charts' } },
    });
  });

  describe('bad input, reported at synth', () => {
    test.each([
      [
        'an empty chart',
        { chart: ' ' },
        /^r\/services\/x\/HelmChart\/podinfo: chart " " names no chart; give the chart name or path$/,
      ],
      [
        'a bad interval',
        { interval: 'hourly' },
        /^r\/services\/x\/HelmChart\/podinfo: interval "hourly" is not a Flux duration; use a value like "5m", "1h30m" or "90s", or Duration\.minutes\(5\)$/,
      ],
      [
        'a verification of a chart from a default HelmRepository',
        { verify: ArtifactVerification.cosign() },
        /^r\/services\/x\/HelmChart\/podinfo: verify "HelmRepository\/charts" only applies to charts of an OCI HelmRepository made in this app; drop verify, or take the chart from a HelmRepository of type HelmRepositoryType\.OCI$/,
      ],
    ])('fails on %s', (_what, props, message) => {
      const { a, charts } = withRepositories();
      expect(synthProblem(() => new HelmChart(a, 'podinfo', { source: charts, chart: 'podinfo', ...props }))).toMatch(
        message,
      );
    });

    test('fails on a source in another namespace, which a HelmChart cannot refer to', () => {
      const { a, charts } = withRepositories();
      expect(
        synthProblem(() => new HelmChart(a, 'podinfo', { source: charts, chart: 'podinfo', namespace: 'apps' })),
      ).toMatch(
        /^r\/services\/x\/HelmChart\/podinfo \(services\/x\/helmchart-podinfo\.yaml\): spec\.sourceRef "HelmRepository\/apps\/charts" does not resolve to any object in the app; .*spec\.sourceRef only reads the referrer's own namespace/,
      );
    });

    test('fails on a version for a chart from a GitRepository', () => {
      const { a } = service('x');
      const git = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
      expect(
        synthProblem(() => new HelmChart(a, 'podinfo', { source: git, chart: './charts/podinfo', version: '6.x' })),
      ).toMatch(
        /^r\/services\/x\/HelmChart\/podinfo: version "6\.x" only applies to charts from a HelmRepository, not a GitRepository; drop version; a chart from Git or a Bucket is versioned by its Chart\.yaml$/,
      );
    });
  });
});
