import { Duration } from 'cdk8s';
import {
  CrdPolicy,
  DriftDetectionMode,
  HelmChartSource,
  HelmRelease,
  HelmReleaseProps,
  HelmRepository,
  ReleaseStrategy,
  UpgradeRemediation,
  ValuesFrom,
} from '../../lib';
import { fileOf, manifestOf, service, specOf, synthIssueOf, synthProblem, yamlOf } from './fixture';

/** GIVEN the application `services/x` (options as given) holding the HelmRepository `charts`. */
function withCharts(options: Parameters<typeof service>[1] = {}) {
  const s = service('x', options);
  const charts = new HelmRepository(s.a, 'charts', { url: 'https://stefanprodan.github.io/podinfo' });
  return { ...s, charts, podinfo: HelmChartSource.fromRepository(charts, 'podinfo') };
}

const PODINFO_CHART = { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts' } } };

describe('HelmRelease', () => {
  test('writes the chart and a 5m interval, and nothing else, by default', () => {
    const { a, podinfo } = withCharts();
    expect(specOf(new HelmRelease(a, 'podinfo', { chart: podinfo }))).toStrictEqual({
      interval: '5m',
      chart: PODINFO_CHART,
    });
  });

  test('synthesizes the HelmRelease a Flux user writes by hand', () => {
    // GIVEN podinfo's chart repository in flux-system and the application podinfo in namespace podinfo
    const { app, repo, a } = service('podinfo', { namespace: 'podinfo' });
    const charts = new HelmRepository(repo.infrastructure('sources'), 'podinfo', {
      url: 'https://stefanprodan.github.io/podinfo',
    });
    // WHEN
    const release = new HelmRelease(a, 'podinfo', {
      chart: HelmChartSource.fromRepository(charts, 'podinfo', { version: '6.x', interval: Duration.hours(1) }),
      interval: Duration.minutes(90),
      install: { crds: CrdPolicy.CREATE_REPLACE, retries: 3 },
      upgrade: { remediation: UpgradeRemediation.ROLLBACK, retries: 3 },
      driftDetection: DriftDetectionMode.ENABLED,
      values: { replicaCount: 2, ingress: { enabled: true } },
    });
    // THEN
    const expected = yamlOf(`
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: podinfo
        namespace: podinfo
      spec:
        interval: 1h30m
        chart:
          spec:
            chart: podinfo
            version: 6.x
            interval: 1h
            sourceRef:
              kind: HelmRepository
              name: podinfo
              namespace: flux-system
        install:
          crds: CreateReplace
          remediation:
            retries: 3
        upgrade:
          remediation:
            retries: 3
            strategy: rollback
        driftDetection:
          mode: enabled
        values:
          replicaCount: 2
          ingress:
            enabled: true
    `);
    expect(manifestOf(release)).toEqual(expected);
    expect(fileOf(app, 'services/podinfo/helmrelease-podinfo.yaml')).toEqual(expected);
  });

  test.each<[string, Partial<HelmReleaseProps>, Record<string, unknown>]>([
    ['releaseName', { releaseName: 'podinfo-main' }, { releaseName: 'podinfo-main' }],
    ['targetNamespace', { targetNamespace: 'web' }, { targetNamespace: 'web' }],
    ['storageNamespace', { storageNamespace: 'helm' }, { storageNamespace: 'helm' }],
    ['timeout', { timeout: Duration.minutes(10) }, { timeout: '10m' }],
    ['maxHistory', { maxHistory: 3 }, { maxHistory: 3 }],
    ['serviceAccountName', { serviceAccountName: 'deployer' }, { serviceAccountName: 'deployer' }],
    ['suspend', { suspend: true }, { suspend: true }],
    ['test', { test: true }, { test: { enable: true } }],
    ['driftDetection', { driftDetection: DriftDetectionMode.WARN }, { driftDetection: { mode: 'warn' } }],
    [
      'valuesFrom',
      {
        valuesFrom: [
          ValuesFrom.configMap('podinfo-values'),
          ValuesFrom.secret('podinfo-secrets', { valuesKey: 'auth.yaml', targetPath: 'auth.password', optional: true }),
        ],
      },
      {
        valuesFrom: [
          { kind: 'ConfigMap', name: 'podinfo-values' },
          {
            kind: 'Secret',
            name: 'podinfo-secrets',
            valuesKey: 'auth.yaml',
            targetPath: 'auth.password',
            optional: true,
          },
        ],
      },
    ],
    [
      'install',
      {
        install: {
          crds: CrdPolicy.SKIP,
          retries: -1,
          createNamespace: true,
          disableWait: true,
          timeout: Duration.minutes(15),
        },
      },
      {
        install: {
          crds: 'Skip',
          remediation: { retries: -1 },
          createNamespace: true,
          disableWait: true,
          timeout: '15m',
        },
      },
    ],
    [
      'install.strategy with its retryInterval',
      { install: { strategy: ReleaseStrategy.RETRY_ON_FAILURE, retryInterval: Duration.minutes(2) } },
      { install: { strategy: { name: 'RetryOnFailure', retryInterval: '2m' } } },
    ],
    [
      'upgrade',
      {
        upgrade: {
          crds: CrdPolicy.CREATE,
          remediation: UpgradeRemediation.UNINSTALL,
          retries: 2,
          cleanupOnFail: true,
          force: true,
          timeout: '20m',
        },
      },
      {
        upgrade: {
          crds: 'Create',
          remediation: { retries: 2, strategy: 'uninstall' },
          cleanupOnFail: true,
          force: true,
          timeout: '20m',
        },
      },
    ],
    ['upgrade retries alone', { upgrade: { retries: 2 } }, { upgrade: { remediation: { retries: 2 } } }],
    [
      'upgrade.strategy',
      { upgrade: { strategy: ReleaseStrategy.REMEDIATE_ON_FAILURE } },
      { upgrade: { strategy: { name: 'RemediateOnFailure' } } },
    ],
  ])('writes %s to its CRD field', (_option, props, expected) => {
    const { a, podinfo } = withCharts();
    expect(specOf(new HelmRelease(a, 'podinfo', { chart: podinfo, ...props }))).toStrictEqual({
      interval: '5m',
      chart: PODINFO_CHART,
      ...expected,
    });
  });

  test.each([
    [Duration.minutes(90), '1h30m'],
    [Duration.seconds(90), '1m30s'],
    [Duration.hours(2), '2h'],
    [Duration.millis(1500), '1s500ms'],
    ['1m15s', '1m15s'],
  ])('renders the interval %s as "%s"', (interval, expected) => {
    const { a, podinfo } = withCharts();
    expect(specOf(new HelmRelease(a, 'podinfo', { chart: podinfo, interval })).interval).toBe(expected);
  });

  test('copies values when it is made, so later changes to the object are not written', () => {
    const { a, podinfo } = withCharts();
    const values = { replicaCount: 2 };
    const release = new HelmRelease(a, 'podinfo', { chart: podinfo, values });
    values.replicaCount = 5;
    expect(specOf(release).values).toEqual({ replicaCount: 2 });
  });

  test('writes dependsOn from props and addDependsOn, with a namespace only for releases in another one', () => {
    // GIVEN a release in the same namespace and one declared external in another
    const { a, podinfo } = withCharts({ namespace: 'apps' });
    const redis = new HelmRelease(a, 'redis', { chart: podinfo });
    const certManager = HelmRelease.fromName(a, 'cert-manager', 'cert-manager', { namespace: 'cert-manager' });
    // WHEN
    const release = new HelmRelease(a, 'podinfo', { chart: podinfo, dependsOn: [redis] });
    release.addDependsOn(certManager);
    // THEN
    expect(specOf(release).dependsOn).toEqual([{ name: 'redis' }, { name: 'cert-manager', namespace: 'cert-manager' }]);
  });

  test('keeps the chart source it was given', () => {
    const { a, podinfo } = withCharts();
    expect(new HelmRelease(a, 'podinfo', { chart: podinfo }).chartSource).toBe(podinfo);
  });

  test('HelmRelease.fromName declares an external HelmRelease', () => {
    const { a } = service('x', { namespace: 'apps' });
    expect(HelmRelease.fromName(a, 'db', 'postgres').ref).toEqual({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      name: 'postgres',
      namespace: 'apps',
    });
  });

  describe('bad input', () => {
    test('fails on an interval that is not a Flux duration, showing valid ones', () => {
      const { a, podinfo } = withCharts();
      expect(synthProblem(() => new HelmRelease(a, 'podinfo', { chart: podinfo, interval: '5 min' }))).toMatch(
        /^r\/services\/x\/HelmRelease\/podinfo: interval "5 min" is not a Flux duration; use a value like "5m", "1h30m" or "90s", or Duration\.minutes\(5\)$/,
      );
    });

    test.each<[string, Partial<HelmReleaseProps>, string]>([
      ['timeout', { timeout: '10 minutes' }, '10 minutes'],
      ['install.timeout', { install: { timeout: '1d' } }, '1d'],
      ['upgrade.timeout', { upgrade: { timeout: '-5m' } }, '-5m'],
      [
        'upgrade.retryInterval',
        { upgrade: { strategy: ReleaseStrategy.RETRY_ON_FAILURE, retryInterval: 'often' } },
        'often',
      ],
    ])('fails on a %s that is not a Flux duration', (field, props, value) => {
      const { a, podinfo } = withCharts();
      expect(synthIssueOf(() => new HelmRelease(a, 'podinfo', { chart: podinfo, ...props }))).toMatchObject({
        constructPath: 'r/services/x/HelmRelease/podinfo',
        field,
        value,
        message: 'is not a Flux duration',
      });
    });

    test('fails on a retryInterval without the RetryOnFailure strategy, which Flux would reject or ignore', () => {
      const { a, podinfo } = withCharts();
      expect(
        synthProblem(() => new HelmRelease(a, 'podinfo', { chart: podinfo, install: { retryInterval: '2m' } })),
      ).toMatch(
        /^r\/services\/x\/HelmRelease\/podinfo: install\.retryInterval "2m" only applies with ReleaseStrategy\.RETRY_ON_FAILURE, not the default strategy; set strategy: ReleaseStrategy\.RETRY_ON_FAILURE, or drop retryInterval$/,
      );
      const upgrade = { strategy: ReleaseStrategy.REMEDIATE_ON_FAILURE, retryInterval: Duration.minutes(2) };
      expect(synthProblem(() => new HelmRelease(a, 'other', { chart: podinfo, upgrade }))).toMatch(
        /HelmRelease\/other: upgrade\.retryInterval "2m" only applies with ReleaseStrategy\.RETRY_ON_FAILURE, not RemediateOnFailure/,
      );
    });
  });
});
