import { k8s } from 'cdk8s-plus-30';
import {
  ChartNameChangeStrategy,
  DeletionPropagation,
  DriftDetectionMode,
  HelmChartSource,
  HelmRelease,
  HelmReleaseProps,
  HelmRepository,
  KubeConfig,
  PostRenderStrategy,
  PostRenderer,
  ServerSideApplyMode,
  ValuesFrom,
  WaitStrategy,
  externalConfigMap,
  externalSecret,
} from '../../lib';
import { service, specOf, synthProblem, yamlOf } from './fixture';

// The HelmRelease fields beyond chart, values, intervals and the basic install/upgrade settings: each written as
// the helm-controller reads it, each reference taken as the object, each mistake reported with path, field,
// value and fix.

function withCharts() {
  const s = service('x');
  const charts = new HelmRepository(s.a, 'charts', { url: 'https://stefanprodan.github.io/podinfo' });
  return { ...s, podinfo: HelmChartSource.fromRepository(charts, 'podinfo') };
}

const PREFIX = 'r/services/x/HelmRelease/podinfo';

describe('HelmRelease fields', () => {
  test('writes every install, upgrade, rollback, uninstall and test setting as the helm-controller reads them', () => {
    const { a, podinfo } = withCharts();
    const release = new HelmRelease(a, 'podinfo', {
      chart: podinfo,
      install: {
        retries: 3,
        remediateLastFailure: true,
        ignoreTestFailures: true,
        disableHooks: true,
        disableOpenAPIValidation: true,
        disableSchemaValidation: true,
        disableTakeOwnership: true,
        disableWaitForJobs: true,
        replace: true,
        skipCRDs: true,
        serverSideApply: false,
      },
      upgrade: {
        preserveValues: true,
        chartNameChangeStrategy: ChartNameChangeStrategy.IN_PLACE_UPDATE,
        serverSideApply: ServerSideApplyMode.DISABLED,
        remediateLastFailure: false,
        disableWaitForJobs: true,
      },
      rollback: {
        cleanupOnFail: true,
        disableHooks: true,
        disableWait: true,
        disableWaitForJobs: true,
        force: true,
        serverSideApply: ServerSideApplyMode.AUTO,
        timeout: '4m',
      },
      uninstall: {
        deletionPropagation: DeletionPropagation.FOREGROUND,
        disableHooks: true,
        disableWait: true,
        keepHistory: true,
        timeout: '2m',
      },
      test: { ignoreFailures: true, timeout: '3m', filters: [{ name: 'podinfo-jwt', exclude: true }] },
    });
    const spec = specOf(release);
    expect({ install: spec.install, upgrade: spec.upgrade, rollback: spec.rollback }).toStrictEqual(
      yamlOf(`
        install:
          disableHooks: true
          disableOpenAPIValidation: true
          disableSchemaValidation: true
          disableTakeOwnership: true
          disableWaitForJobs: true
          replace: true
          skipCRDs: true
          serverSideApply: false
          remediation: { retries: 3, ignoreTestFailures: true, remediateLastFailure: true }
        upgrade:
          disableWaitForJobs: true
          preserveValues: true
          chartNameChangeStrategy: InPlaceUpdate
          serverSideApply: disabled
          remediation: { remediateLastFailure: false }
        rollback:
          cleanupOnFail: true
          disableHooks: true
          disableWait: true
          disableWaitForJobs: true
          force: true
          serverSideApply: auto
          timeout: 4m
      `),
    );
    expect(spec.uninstall).toStrictEqual({
      deletionPropagation: 'foreground',
      disableHooks: true,
      disableWait: true,
      keepHistory: true,
      timeout: '2m',
    });
    expect(spec.test).toStrictEqual({
      enable: true,
      ignoreFailures: true,
      timeout: '3m',
      filters: [{ name: 'podinfo-jwt', exclude: true }],
    });
  });

  test('writes post-renderers, drift rules, metadata, health expressions, the wait strategy and the remote cluster', () => {
    const { a, podinfo } = withCharts();
    const release = new HelmRelease(a, 'podinfo', {
      chart: podinfo,
      postRenderers: [
        PostRenderer.kustomize({
          patches: [{ patch: '- op: add\n  path: /metadata/labels/team\n  value: web\n', target: { kind: 'Service' } }],
          images: [{ name: 'ghcr.io/stefanprodan/podinfo', newName: 'mirror.internal/podinfo' }],
        }),
      ],
      postRenderStrategy: PostRenderStrategy.SEPARATE,
      driftDetection: {
        mode: DriftDetectionMode.ENABLED,
        ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }],
      },
      commonMetadata: { labels: { team: 'web' } },
      healthCheckExprs: [{ apiVersion: 'example.com/v1', kind: 'Widget', current: 'status.ready == true' }],
      waitStrategy: WaitStrategy.LEGACY,
      kubeConfig: KubeConfig.fromSecret(externalSecret(a, 'remote', 'remote-kubeconfig')),
      persistentClient: false,
    });
    const spec = specOf(release);
    expect(spec.postRenderers).toStrictEqual([
      {
        kustomize: {
          patches: [{ patch: '- op: add\n  path: /metadata/labels/team\n  value: web\n', target: { kind: 'Service' } }],
          images: [{ name: 'ghcr.io/stefanprodan/podinfo', newName: 'mirror.internal/podinfo' }],
        },
      },
    ]);
    expect(spec.postRenderStrategy).toBe('separate');
    expect(spec.driftDetection).toStrictEqual({
      mode: 'enabled',
      ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }],
    });
    expect(spec.commonMetadata).toStrictEqual({ labels: { team: 'web' } });
    expect(spec.healthCheckExprs).toStrictEqual([
      { apiVersion: 'example.com/v1', kind: 'Widget', current: 'status.ready == true' },
    ]);
    expect(spec.waitStrategy).toStrictEqual({ name: 'legacy' });
    expect(spec.kubeConfig).toStrictEqual({ secretRef: { name: 'remote-kubeconfig' } });
    expect(spec.persistentClient).toBe(false);
  });

  test('takes valuesFrom as the Secret or ConfigMap object, or as a name', () => {
    const { a, podinfo } = withCharts();
    const auth = new k8s.KubeSecret(a, 'auth', { metadata: { name: 'podinfo-auth', namespace: 'flux-system' } });
    const shared = externalConfigMap(a, 'shared', 'shared-values');
    const release = new HelmRelease(a, 'podinfo', {
      chart: podinfo,
      valuesFrom: [
        ValuesFrom.configMap(shared),
        ValuesFrom.secret(auth, { valuesKey: 'auth.yaml', targetPath: 'auth' }),
        ValuesFrom.configMap('made-elsewhere', { optional: true }),
      ],
    });
    expect(specOf(release).valuesFrom).toStrictEqual([
      { kind: 'ConfigMap', name: 'shared-values' },
      { kind: 'Secret', name: 'podinfo-auth', valuesKey: 'auth.yaml', targetPath: 'auth' },
      { kind: 'ConfigMap', name: 'made-elsewhere', optional: true },
    ]);
  });

  test('a drift detection given as its mode alone writes the mode alone', () => {
    const { a, podinfo } = withCharts();
    const release = new HelmRelease(a, 'podinfo', { chart: podinfo, driftDetection: DriftDetectionMode.WARN });
    expect(specOf(release).driftDetection).toStrictEqual({ mode: 'warn' });
  });

  describe('bad input', () => {
    test.each<[string, (a: ReturnType<typeof withCharts>['a']) => Partial<HelmReleaseProps>, string]>([
      [
        'a post-renderer that changes nothing',
        () => ({ postRenderers: [PostRenderer.kustomize({})] }),
        'postRenderers[0] "kustomize" changes nothing; give patches or images, or drop the post-renderer',
      ],
      [
        'a post-renderer image name with a digest',
        () => ({ postRenderers: [PostRenderer.kustomize({ images: [{ name: 'nginx@sha256:ab', newTag: '1' }] })] }),
        'postRenderers[0].kustomize.images[0].name "nginx@sha256:ab" holds a tag or digest; Kustomize matches the name alone; give the name "nginx" and put the tag in newTag or the digest in digest',
      ],
      [
        'a drift rule path that is not a JSON Pointer',
        () => ({ driftDetection: { mode: DriftDetectionMode.ENABLED, ignore: [{ paths: ['spec/replicas'] }] } }),
        'driftDetection.ignore[0].paths[0] "spec/replicas" is not a JSON Pointer; start it with "/" and separate the fields with "/", e.g. "/spec/replicas"',
      ],
      [
        'a valuesFrom Secret of another namespace',
        (a) => ({ valuesFrom: [ValuesFrom.secret(externalSecret(a, 's', 'auth', { namespace: 'apps' }))] }),
        'valuesFrom[0] "apps/auth" is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace; make the Secret in namespace "flux-system"',
      ],
      [
        'a ConfigMap given as a valuesFrom Secret',
        (a) => ({ valuesFrom: [ValuesFrom.secret(externalConfigMap(a, 'c', 'values') as never)] }),
        'valuesFrom[0] "ConfigMap/values" is not a Secret; pass a Secret, or externalSecret(...)',
      ],
      [
        'a rollback timeout that is not a duration',
        () => ({ rollback: { timeout: '5 minutes' } }),
        'rollback.timeout "5 minutes" is not a Flux duration; use a value like "5m", "1h30m" or "90s", or Duration.minutes(5)',
      ],
      [
        'a test filter with no name',
        () => ({ test: { filters: [{ name: '' }] } }),
        `test.filters[0].name "" is empty; give the name of the chart's test`,
      ],
      [
        'a kubeconfig ConfigMap of another namespace',
        (a) => ({ kubeConfig: KubeConfig.fromConfigMap(externalConfigMap(a, 'k', 'eks', { namespace: 'apps' })) }),
        'kubeConfig.configMapRef "apps/eks" is in another namespace than this object ("flux-system"); Flux looks for the ConfigMap in the same namespace; make the ConfigMap in namespace "flux-system"',
      ],
    ])('fails on %s, naming the field, the value and the fix', (_, props, message) => {
      const { a, podinfo } = withCharts();
      expect(synthProblem(() => new HelmRelease(a, 'podinfo', { chart: podinfo, ...props(a) }))).toBe(
        `${PREFIX}: ${message}`,
      );
    });
  });
});
