import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  FLUX_SYSTEM_NAMESPACE,
  FluxResourceProps,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  IReferenceable,
  Kustomization,
  OciRepository,
} from '../../lib';
import { manifestOf, service } from './fixture';

/** Makes one Flux object of each kind in `scope`, with only what the kind requires besides `props`. */
const kinds: readonly [
  string,
  string,
  (scope: Construct, id: string, props?: FluxResourceProps) => ApiObject & IReferenceable,
][] = [
  [
    'GitRepository',
    'source.toolkit.fluxcd.io/v1',
    (scope, id, props) => new GitRepository(scope, id, { url: 'https://github.com/o/app', ...props }),
  ],
  [
    'OCIRepository',
    'source.toolkit.fluxcd.io/v1',
    (scope, id, props) => new OciRepository(scope, id, { url: 'oci://ghcr.io/o/app', ...props }),
  ],
  [
    'HelmRepository',
    'source.toolkit.fluxcd.io/v1',
    (scope, id, props) => new HelmRepository(scope, id, { url: 'https://charts.example.com', ...props }),
  ],
  [
    'HelmRelease',
    'helm.toolkit.fluxcd.io/v2',
    (scope, id, props) =>
      new HelmRelease(scope, id, {
        chart: HelmChartSource.fromRepository(HelmRepository.fromName(scope, 'ext-charts', 'charts'), 'app'),
        ...props,
      }),
  ],
  [
    'Kustomization',
    'kustomize.toolkit.fluxcd.io/v1',
    (scope, id, props) =>
      new Kustomization(scope, id, { source: GitRepository.fromName(scope, 'ext-source', 'source'), ...props }),
  ],
];

describe.each(kinds)('%s metadata', (kind, apiVersion, make) => {
  test('is named after the construct id, in flux-system, and written to <kind>-<id>.yaml without a hash', () => {
    // GIVEN an application without a namespace
    const { app, a } = service('x');
    // WHEN
    const obj = make(a, 'my-app');
    // THEN
    const expected = { apiVersion, kind, metadata: { name: 'my-app', namespace: FLUX_SYSTEM_NAMESPACE } };
    expect(manifestOf(obj)).toMatchObject(expected);
    expect(obj.name).toBe('my-app');
    expect(app.synthTree().get(`services/x/${kind.toLowerCase()}-my-app.yaml`)).toMatch(/^ {2}name: my-app$/m);
  });

  test("takes the application's namespace when it has one", () => {
    const { a } = service('x', { namespace: 'apps' });
    expect(manifestOf(make(a, 'my-app')).metadata).toEqual({ name: 'my-app', namespace: 'apps' });
  });

  test('writes an explicit name, namespace, labels and annotations as given', () => {
    const { a } = service('x', { namespace: 'apps' });
    const obj = make(a, 'my-app', {
      name: 'other-name',
      namespace: 'other-namespace',
      labels: { team: 'web' },
      annotations: { 'example.com/owner': 'me' },
    });
    expect(manifestOf(obj).metadata).toEqual({
      name: 'other-name',
      namespace: 'other-namespace',
      labels: { team: 'web' },
      annotations: { 'example.com/owner': 'me' },
    });
  });

  test('leaves out empty labels and annotations', () => {
    const { a } = service('x');
    expect(manifestOf(make(a, 'my-app', { labels: {}, annotations: {} })).metadata).toEqual({
      name: 'my-app',
      namespace: FLUX_SYSTEM_NAMESPACE,
    });
  });

  test(`sits at <application>/${kind}/<id> in the construct tree`, () => {
    const { a } = service('x');
    expect(make(a, 'my-app').node.path).toBe(`r/services/x/${kind}/my-app`);
  });

  test('exposes a ref with its apiVersion, kind, name and namespace', () => {
    const { a } = service('x', { namespace: 'apps' });
    const obj = make(a, 'my-app', { name: 'renamed' });
    expect(obj.ref).toEqual({ apiVersion, kind, name: 'renamed', namespace: 'apps' });
  });
});

test('objects of different kinds may share an id, as Flux objects of different kinds share a name', () => {
  // GIVEN
  const { app, a } = service('podinfo', { kustomizationName: 'podinfo-app' });
  // WHEN a GitRepository and a Kustomization are both called podinfo
  const source = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
  const kustomization = new Kustomization(a, 'podinfo', { source });
  // THEN
  expect([source.node.path, kustomization.node.path]).toEqual([
    'r/services/podinfo/GitRepository/podinfo',
    'r/services/podinfo/Kustomization/podinfo',
  ]);
  expect([...app.synthTree().keys()].filter((f) => f.startsWith('services/podinfo/'))).toEqual([
    'services/podinfo/gitrepository-podinfo.yaml',
    'services/podinfo/kustomization-podinfo.yaml',
    'services/podinfo/kustomization.yaml',
  ]);
});
