import { k8s } from 'cdk8s-plus-30';
import {
  BuildMetadata,
  DeletionPolicy,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  KubeConfig,
  Kustomization,
  KustomizationDecryption,
  KustomizationProps,
  SubstituteStrategy,
  externalConfigMap,
  externalSecret,
} from '../../lib';
import { fileOf, service, specOf, synthProblem, yamlOf } from './fixture';

// The Kustomization fields beyond source, path, intervals and substitution: each written as Flux reads it, each
// reference taken as the object, each mistake reported with its path, field, value and fix.

function withSource() {
  const s = service('x');
  const source = new GitRepository(s.a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
  return { ...s, source };
}

const PREFIX = 'r/services/x/Kustomization/podinfo';

describe('Kustomization fields', () => {
  test('writes images, components, names, metadata, health checks, drift rules, the remote cluster and policies', () => {
    const { a, source } = withSource();
    const charts = new HelmRepository(a, 'charts', { url: 'https://stefanprodan.github.io/podinfo' });
    const release = new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromRepository(charts, 'podinfo') });
    const deployment = new k8s.KubeDeployment(a, 'web', {
      metadata: { name: 'web', namespace: 'apps' },
      spec: { selector: {}, template: {} },
    });
    const kubeconfig = externalSecret(a, 'staging', 'staging-kubeconfig');
    const kustomization = new Kustomization(a, 'podinfo', {
      source,
      path: './kustomize',
      images: [
        { name: 'ghcr.io/stefanprodan/podinfo', newTag: '6.7.0' },
        { name: 'nginx', newName: 'mirror.internal/nginx', digest: `sha256:${'ab'.repeat(32)}` },
      ],
      components: ['../components/monitoring'],
      ignoreMissingComponents: true,
      namePrefix: 'staging-',
      nameSuffix: '-v2',
      commonMetadata: { labels: { team: 'web' }, annotations: { owner: 'web@example.com' } },
      buildMetadata: [BuildMetadata.ORIGIN_ANNOTATIONS],
      healthChecks: [release, deployment],
      healthCheckExprs: [
        { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', current: 'status.ready', failed: 'status.failed' },
      ],
      ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment', name: 'web' } }],
      kubeConfig: KubeConfig.fromSecret(kubeconfig, { key: 'value.yaml' }),
      deletionPolicy: DeletionPolicy.ORPHAN,
      substituteStrategy: SubstituteStrategy.ALWAYS,
    });
    expect(specOf(kustomization)).toStrictEqual(
      yamlOf(`
        interval: 10m
        path: ./kustomize
        prune: true
        sourceRef: { kind: GitRepository, name: podinfo }
        postBuild: { substituteStrategy: Always }
        images:
          - { name: ghcr.io/stefanprodan/podinfo, newTag: 6.7.0 }
          - { name: nginx, newName: mirror.internal/nginx, digest: sha256:${'ab'.repeat(32)} }
        components: [../components/monitoring]
        ignoreMissingComponents: true
        namePrefix: staging-
        nameSuffix: -v2
        commonMetadata: { labels: { team: web }, annotations: { owner: web@example.com } }
        buildMetadata: [originAnnotations]
        healthChecks:
          - { apiVersion: helm.toolkit.fluxcd.io/v2, kind: HelmRelease, name: podinfo, namespace: flux-system }
          - { apiVersion: apps/v1, kind: Deployment, name: web, namespace: apps }
        healthCheckExprs:
          - { apiVersion: cert-manager.io/v1, kind: Certificate, current: status.ready, failed: status.failed }
        ignore:
          - { paths: [/spec/replicas], target: { kind: Deployment, name: web } }
        kubeConfig: { secretRef: { name: staging-kubeconfig, key: value.yaml } }
        deletionPolicy: Orphan
      `),
    );
  });

  test('writes a remote cluster reached through a ConfigMap, and a decryption with its own Secret and KMS account', () => {
    const { a, source } = withSource();
    const eks = new k8s.KubeConfigMap(a, 'eks', {
      metadata: { name: 'eks-staging', namespace: 'flux-system' },
      data: { provider: 'aws', cluster: 'arn:aws:eks:eu-west-1:0:cluster/staging' },
    });
    const kustomization = new Kustomization(a, 'podinfo', {
      source,
      kubeConfig: KubeConfig.fromConfigMap(eks),
      decryption: KustomizationDecryption.sops({
        secret: externalSecret(a, 'key', 'sops-age'),
        serviceAccountName: 'kms-reader',
      }),
    });
    const spec = specOf(kustomization);
    expect(spec.kubeConfig).toStrictEqual({ configMapRef: { name: 'eks-staging' } });
    expect(spec.decryption).toStrictEqual({
      provider: 'sops',
      secretRef: { name: 'sops-age' },
      serviceAccountName: 'kms-reader',
    });
  });

  test('an application folder keeps the decryption its options give and passes the other fields to its Kustomization', () => {
    const { app } = service('web', {
      decryption: KustomizationDecryption.sops({ serviceAccountName: 'kms-reader' }),
      namePrefix: 'web-',
      images: [{ name: 'nginx', newTag: '1.27' }],
    });
    const written = fileOf(app, 'flux/services/web.yaml') as { spec: Record<string, unknown> };
    expect(written.spec.decryption).toStrictEqual({ provider: 'sops', serviceAccountName: 'kms-reader' });
    expect(written.spec.namePrefix).toBe('web-');
    expect(written.spec.images).toStrictEqual([{ name: 'nginx', newTag: '1.27' }]);
  });

  test('writes none of the new fields when none is given, and drops empty metadata maps', () => {
    const { a, source } = withSource();
    const kustomization = new Kustomization(a, 'podinfo', { source, commonMetadata: { labels: {} } });
    expect(Object.keys(specOf(kustomization)).sort()).toEqual(['interval', 'prune', 'sourceRef']);
  });

  describe('bad input', () => {
    test.each<[string, (a: ReturnType<typeof withSource>['a']) => Partial<KustomizationProps>, string]>([
      [
        'an image name with a tag',
        () => ({ images: [{ name: 'ghcr.io/stefanprodan/podinfo:6.7.0', newTag: '6.8.0' }] }),
        'images[0].name "ghcr.io/stefanprodan/podinfo:6.7.0" holds a tag or digest; Kustomize matches the name alone; give the name "ghcr.io/stefanprodan/podinfo" and put the tag in newTag or the digest in digest',
      ],
      [
        'an image entry that changes nothing',
        () => ({ images: [{ name: 'nginx' }] }),
        'images[0] "nginx" changes nothing; give newName, newTag or digest, or drop the entry',
      ],
      [
        'a digest without its algorithm',
        () => ({ images: [{ name: 'nginx', digest: 'ab'.repeat(32) }] }),
        `images[0].digest "${'ab'.repeat(32)}" is not a digest; give it as "sha256:" and the hex digest`,
      ],
      [
        'a drift rule path that is not a JSON Pointer',
        () => ({ ignore: [{ paths: ['spec.replicas'] }] }),
        'ignore[0].paths[0] "spec.replicas" is not a JSON Pointer; start it with "/" and separate the fields with "/", e.g. "/spec/replicas"',
      ],
      [
        'a drift rule with no path',
        () => ({ ignore: [{ paths: [] }] }),
        'ignore[0].paths "[]" lists no field; give at least one path, e.g. "/spec/replicas"',
      ],
      [
        'a health check expression with no current expression',
        () => ({ healthCheckExprs: [{ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', current: ' ' }] }),
        `healthCheckExprs[0].current " " is empty; give the CEL expression that is true when the object is ready, e.g. "status.phase == 'Ready'"`,
      ],
      [
        'a kubeconfig Secret of another namespace',
        (a) => ({ kubeConfig: KubeConfig.fromSecret(externalSecret(a, 'k', 'staging', { namespace: 'apps' })) }),
        'kubeConfig.secretRef "apps/staging" is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace; make the Secret in namespace "flux-system"',
      ],
      [
        'a ConfigMap given as the decryption Secret',
        (a) => ({ decryption: KustomizationDecryption.sops({ secret: externalConfigMap(a, 'k', 'keys') as never }) }),
        'decryption.secretRef "ConfigMap/keys" is not a Secret; pass a Secret, or externalSecret(...)',
      ],
      [
        'an empty component folder',
        () => ({ components: [''] }),
        'components[0] "" must not be empty; give the folder of the component, relative to path, e.g. "../components/monitoring"',
      ],
      [
        'an empty name prefix',
        () => ({ namePrefix: '' }),
        'namePrefix "" must not be empty; give a prefix, or leave namePrefix out',
      ],
    ])('fails on %s, naming the field, the value and the fix', (_, props, message) => {
      const { a, source } = withSource();
      expect(synthProblem(() => new Kustomization(a, 'podinfo', { source, ...props(a) }))).toBe(
        `${PREFIX}: ${message}`,
      );
    });
  });
});
