import { Duration } from 'cdk8s';
import {
  ExternalObject,
  GitRef,
  GitRepository,
  Kustomization,
  KustomizationProps,
  OciRef,
  OciRepository,
  SubstituteFrom,
  externalConfigMap,
  externalSecret,
} from '../../lib';
import { k8s } from 'cdk8s-plus-30';
import { fileOf, manifestOf, service, specOf, yamlOf, synthProblem } from './fixture';

/** GIVEN the application `services/x` (options as given) holding the GitRepository `podinfo`. */
function withSource(options: Parameters<typeof service>[1] = {}) {
  const s = service('x', options);
  const source = new GitRepository(s.a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
  return { ...s, source };
}

const PODINFO_SOURCE = { kind: 'GitRepository', name: 'podinfo' };

describe('Kustomization', () => {
  test('writes a 10m interval, prune and the sourceRef, and nothing else, by default', () => {
    const { a, source } = withSource();
    const kustomization = new Kustomization(a, 'podinfo', { source });
    expect(specOf(kustomization)).toStrictEqual({ interval: '10m', prune: true, sourceRef: PODINFO_SOURCE });
    expect(kustomization.source).toBe(source);
    expect(kustomization.dependsOn).toEqual([]);
  });

  test('synthesizes the Kustomization a Flux user writes by hand', () => {
    // GIVEN podinfo's Git repository and the SOPS key Secret the cluster holds
    const { app, a } = service('podinfo', { kustomizationName: 'podinfo-app' });
    const source = new GitRepository(a, 'podinfo', {
      url: 'https://github.com/stefanprodan/podinfo',
      ref: GitRef.branch('master'),
      interval: '1m15s',
    });
    new ExternalObject(a, 'sops-key', { apiVersion: 'v1', kind: 'Secret', name: 'sops-age' });
    // WHEN
    const kustomization = new Kustomization(a, 'podinfo', {
      source,
      path: './kustomize',
      interval: Duration.hours(1),
      retryInterval: Duration.minutes(2),
      timeout: '3m',
      wait: true,
      targetNamespace: 'default',
      substitute: { cluster_env: 'production' },
    });
    kustomization.enableSopsDecryption('sops-age');
    // THEN
    const expected = yamlOf(`
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata:
        name: podinfo
        namespace: flux-system
      spec:
        interval: 1h
        retryInterval: 2m
        timeout: 3m
        path: ./kustomize
        prune: true
        wait: true
        targetNamespace: default
        sourceRef:
          kind: GitRepository
          name: podinfo
        postBuild:
          substitute:
            cluster_env: production
        decryption:
          provider: sops
          secretRef:
            name: sops-age
    `);
    expect(manifestOf(kustomization)).toEqual(expected);
    expect(fileOf(app, 'services/podinfo/kustomization-podinfo.yaml')).toEqual(expected);
  });

  test.each<[string, Partial<KustomizationProps>, Record<string, unknown>]>([
    ['prune: false', { prune: false }, { prune: false }],
    ['force', { force: true }, { force: true }],
    ['serviceAccountName', { serviceAccountName: 'deployer' }, { serviceAccountName: 'deployer' }],
    ['suspend', { suspend: true }, { suspend: true }],
    ['an empty substitute as nothing', { substitute: {} }, {}],
    [
      'patches, a JSON 6902 list as JSON text',
      {
        patches: [
          { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: podinfo\n' },
          {
            patch: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
            target: { kind: 'Deployment', labelSelector: 'app=podinfo' },
          },
        ],
      },
      {
        patches: [
          { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: podinfo\n' },
          {
            patch: '[{"op":"replace","path":"/spec/replicas","value":3}]',
            target: { kind: 'Deployment', labelSelector: 'app=podinfo' },
          },
        ],
      },
    ],
  ])('writes %s', (_option, props, expected) => {
    const { a, source } = withSource();
    expect(specOf(new Kustomization(a, 'podinfo', { source, ...props }))).toStrictEqual({
      interval: '10m',
      prune: true,
      sourceRef: PODINFO_SOURCE,
      ...expected,
    });
  });

  describe('sourceRef', () => {
    test('points at an OCIRepository', () => {
      const { a } = service('x');
      const manifests = new OciRepository(a, 'manifests', {
        url: 'oci://ghcr.io/stefanprodan/manifests/podinfo',
        ref: OciRef.tag('latest'),
      });
      expect(specOf(new Kustomization(a, 'podinfo', { source: manifests })).sourceRef).toEqual({
        kind: 'OCIRepository',
        name: 'manifests',
      });
    });

    test('writes the namespace of a source in another namespace, such as the flux-system GitRepository', () => {
      const { repo, a } = service('x', { namespace: 'apps' });
      expect(specOf(new Kustomization(a, 'podinfo', { source: repo.syncSource })).sourceRef).toEqual({
        kind: 'GitRepository',
        name: 'flux-system',
        namespace: 'flux-system',
      });
    });

    test('points at a GitRepository declared with fromName', () => {
      const { a } = service('x', { namespace: 'apps' });
      const fleet = GitRepository.fromName(a, 'fleet', 'fleet-infra', { namespace: 'fleet' });
      expect(specOf(new Kustomization(a, 'podinfo', { source: fleet })).sourceRef).toEqual({
        kind: 'GitRepository',
        name: 'fleet-infra',
        namespace: 'fleet',
      });
    });
  });

  test('writes dependsOn from props and from addDependsOn called later, with a namespace only when it differs', () => {
    // GIVEN a Kustomization in namespace apps, another beside it, an application, and an external one
    const { repo, a, source } = withSource({ namespace: 'apps' });
    const database = new Kustomization(a, 'database', { source });
    const certManager = repo.infrastructure('cert-manager');
    const crds = Kustomization.fromName(a, 'crds', 'crds', { namespace: 'apps' });
    // WHEN
    const kustomization = new Kustomization(a, 'podinfo', { source, dependsOn: [database] });
    kustomization.addDependsOn(certManager, crds);
    // THEN
    expect(specOf(kustomization).dependsOn).toEqual([
      { name: 'database' },
      { name: 'cert-manager', namespace: 'flux-system' },
      { name: 'crds' },
    ]);
    expect(kustomization.dependsOn).toEqual([database, certManager, crds]);
  });

  test('Kustomization.fromName declares an external Kustomization', () => {
    const { a } = service('x');
    expect(Kustomization.fromName(a, 'infra', 'infra-controllers').ref).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      name: 'infra-controllers',
      namespace: 'flux-system',
    });
  });

  test('writes postBuild.substituteFrom from ConfigMaps and Secrets made in code or declared external, in order', () => {
    // GIVEN a ConfigMap made in the application, a Secret made in code and one declared external
    const { a, source } = withSource();
    const runtime = new k8s.KubeConfigMap(a, 'runtime', {
      metadata: { name: 'flux-runtime-info', namespace: 'flux-system' },
      data: { CLUSTER_NAME: 'staging-1' },
    });
    const tokens = new k8s.KubeSecret(a, 'tokens', { metadata: { name: 'tokens' }, stringData: { TOKEN: 'x' } });
    const shared = externalConfigMap(a, 'shared', 'cluster-vars');
    const extra = externalSecret(a, 'extra', 'extra-vars');
    // WHEN
    const kustomization = new Kustomization(a, 'podinfo', {
      source,
      substitute: { region: 'eu' },
      substituteFrom: [
        SubstituteFrom.configMap(runtime),
        SubstituteFrom.secret(tokens),
        SubstituteFrom.configMap(shared, { optional: true }),
        SubstituteFrom.secret(extra, { optional: false }),
      ],
    });
    // THEN
    expect(specOf(kustomization).postBuild).toStrictEqual({
      substitute: { region: 'eu' },
      substituteFrom: [
        { kind: 'ConfigMap', name: 'flux-runtime-info' },
        { kind: 'Secret', name: 'tokens' },
        { kind: 'ConfigMap', name: 'cluster-vars', optional: true },
        { kind: 'Secret', name: 'extra-vars', optional: false },
      ],
    });
  });

  test('an application passes substituteFrom to its Kustomization, without substitute', () => {
    const { repo } = service('x');
    const runtime = externalConfigMap(repo, 'runtime', 'flux-runtime-info');
    const tenants = repo.infrastructure('tenants', { substituteFrom: [SubstituteFrom.configMap(runtime)] });
    expect(specOf(tenants.kustomization).postBuild).toStrictEqual({
      substituteFrom: [{ kind: 'ConfigMap', name: 'flux-runtime-info' }],
    });
  });

  describe('bad input', () => {
    test.each<[string, Partial<KustomizationProps>, string]>([
      ['interval', { interval: '5 min' }, '5 min'],
      ['retryInterval', { retryInterval: '2 minutes' }, '2 minutes'],
      ['timeout', { timeout: '3 m' }, '3 m'],
    ])('fails on a %s that is not a Flux duration', (field, props, value) => {
      const { a, source } = withSource();
      expect(synthProblem(() => new Kustomization(a, 'podinfo', { source, ...props }))).toMatch(
        new RegExp(
          `^r/services/x/Kustomization/podinfo: ${field} "${value}" is not a Flux duration; use a value like "5m", "1h30m" or "90s", or Duration\\.minutes\\(5\\)$`,
        ),
      );
    });

    test('fails on a substituteFrom ConfigMap of another namespace, naming the entry and the fix', () => {
      const { a, source } = withSource();
      const vars = externalConfigMap(a, 'vars', 'cluster-vars', { namespace: 'apps' });
      expect(
        synthProblem(
          () => new Kustomization(a, 'podinfo', { source, substituteFrom: [SubstituteFrom.configMap(vars)] }),
        ),
      ).toBe(
        'r/services/x/Kustomization/podinfo: substituteFrom[0] "apps/cluster-vars" is in another namespace than this object ("flux-system"); Flux looks for the ConfigMap in the same namespace; make the ConfigMap in namespace "flux-system"',
      );
    });

    test('fails on a Secret given as a substituteFrom ConfigMap', () => {
      const { a, source } = withSource();
      const secret = new k8s.KubeSecret(a, 'vars', { metadata: { name: 'vars' } });
      const from = [SubstituteFrom.secret(externalSecret(a, 'ok', 'ok')), SubstituteFrom.configMap(secret)];
      expect(synthProblem(() => new Kustomization(a, 'podinfo', { source, substituteFrom: from }))).toBe(
        'r/services/x/Kustomization/podinfo: substituteFrom[1] "Secret/vars" is not a ConfigMap; pass a ConfigMap, or externalConfigMap(...)',
      );
    });

    test('fails on an empty path, suggesting a folder', () => {
      const { a, source } = withSource();
      expect(synthProblem(() => new Kustomization(a, 'podinfo', { source, path: ' ' }))).toMatch(
        /^r\/services\/x\/Kustomization\/podinfo: path " " must not be empty; give a folder such as "\.\/kustomize", or leave it out$/,
      );
    });
  });
});
