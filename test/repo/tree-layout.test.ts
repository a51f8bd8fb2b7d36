import { k8s } from 'cdk8s-plus-30';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import {
  FluxApp,
  FluxComponents,
  GitOpsRepository,
  GitRef,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  Kustomization,
} from '../../lib';
import { tempDir } from '../support/temp';

function smallRepo(outdir: string, props: { path?: string; fluxComponents?: FluxComponents } = {}) {
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', ...props });
  const certManager = repo.infrastructure('cert-manager', { namespace: 'cert-manager' });
  new k8s.KubeNamespace(certManager, 'ns', { metadata: { name: 'cert-manager' } });
  const jetstack = new HelmRepository(certManager, 'jetstack', { url: 'https://charts.jetstack.io' });
  new HelmRelease(certManager, 'cert-manager', { chart: HelmChartSource.fromRepository(jetstack, 'cert-manager') });
  const podinfo = repo.service('podinfo', { dependsOn: [certManager], kustomizationName: 'podinfo-app' });
  const src = new GitRepository(podinfo, 'podinfo', {
    url: 'https://github.com/stefanprodan/podinfo',
    ref: GitRef.branch('master'),
  });
  new Kustomization(podinfo, 'podinfo', { source: src, path: './kustomize' });
  return { app, repo };
}

describe('the tree of a small repository', () => {
  test.each([
    [
      'cluster',
      [
        'cluster/.cdk8s-flux.yaml',
        'cluster/flux/flux-system/gotk-sync.yaml',
        'cluster/flux/flux-system/kustomization.yaml',
        'cluster/flux/infrastructure/cert-manager.yaml',
        'cluster/flux/infrastructure/kustomization.yaml',
        'cluster/flux/kustomization.yaml',
        'cluster/flux/services/kustomization.yaml',
        'cluster/flux/services/podinfo-app.yaml',
        'cluster/infrastructure/cert-manager/helmrelease-cert-manager.yaml',
        'cluster/infrastructure/cert-manager/helmrepository-jetstack.yaml',
        'cluster/infrastructure/cert-manager/kustomization.yaml',
        'cluster/infrastructure/cert-manager/namespace-cert-manager.yaml',
        'cluster/infrastructure/kustomization.yaml',
        'cluster/services/kustomization.yaml',
        'cluster/services/podinfo/gitrepository-podinfo.yaml',
        'cluster/services/podinfo/kustomization-podinfo.yaml',
        'cluster/services/podinfo/kustomization.yaml',
      ],
    ],
    [
      'clusters/production',
      [
        'clusters/production/.cdk8s-flux.yaml',
        'clusters/production/flux/flux-system/gotk-sync.yaml',
        'clusters/production/flux/flux-system/kustomization.yaml',
        'clusters/production/flux/infrastructure/cert-manager.yaml',
        'clusters/production/flux/infrastructure/kustomization.yaml',
        'clusters/production/flux/kustomization.yaml',
        'clusters/production/flux/services/kustomization.yaml',
        'clusters/production/flux/services/podinfo-app.yaml',
        'clusters/production/infrastructure/cert-manager/helmrelease-cert-manager.yaml',
        'clusters/production/infrastructure/cert-manager/helmrepository-jetstack.yaml',
        'clusters/production/infrastructure/cert-manager/kustomization.yaml',
        'clusters/production/infrastructure/cert-manager/namespace-cert-manager.yaml',
        'clusters/production/infrastructure/kustomization.yaml',
        'clusters/production/services/kustomization.yaml',
        'clusters/production/services/podinfo/gitrepository-podinfo.yaml',
        'clusters/production/services/podinfo/kustomization-podinfo.yaml',
        'clusters/production/services/podinfo/kustomization.yaml',
      ],
    ],
    [
      '',
      [
        '.cdk8s-flux.yaml',
        'flux/flux-system/gotk-sync.yaml',
        'flux/flux-system/kustomization.yaml',
        'flux/infrastructure/cert-manager.yaml',
        'flux/infrastructure/kustomization.yaml',
        'flux/kustomization.yaml',
        'flux/services/kustomization.yaml',
        'flux/services/podinfo-app.yaml',
        'infrastructure/cert-manager/helmrelease-cert-manager.yaml',
        'infrastructure/cert-manager/helmrepository-jetstack.yaml',
        'infrastructure/cert-manager/kustomization.yaml',
        'infrastructure/cert-manager/namespace-cert-manager.yaml',
        'infrastructure/kustomization.yaml',
        'services/kustomization.yaml',
        'services/podinfo/gitrepository-podinfo.yaml',
        'services/podinfo/kustomization-podinfo.yaml',
        'services/podinfo/kustomization.yaml',
      ],
    ],
  ])('with path %j it writes exactly these files', (root, expected) => {
    const { app } = smallRepo(tempDir(), { path: root });
    expect([...app.synthTree().keys()]).toEqual(expected);
  });

  test('Flux paths are derived from where each folder really is', () => {
    const { app } = smallRepo(tempDir(), { path: 'clusters/production' });
    const tree = app.synthTree();
    const sync = tree.get('clusters/production/flux/flux-system/gotk-sync.yaml') ?? '';
    expect(sync).toContain('path: ./clusters/production/flux\n');
    const app1 = parse(tree.get('clusters/production/flux/services/podinfo-app.yaml') ?? '');
    expect(app1.spec).toEqual({
      dependsOn: [{ name: 'cert-manager' }],
      interval: '10m',
      path: './clusters/production/services/podinfo',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    });
  });

  test('every folder lists its files and sub-folders, and the tree root has no kustomization.yaml', () => {
    const { app } = smallRepo(tempDir(), { path: 'cluster' });
    const tree = app.synthTree();
    expect(parse(tree.get('cluster/flux/kustomization.yaml') ?? '')).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['flux-system', 'infrastructure', 'services'],
    });
    expect(parse(tree.get('cluster/services/podinfo/kustomization.yaml') ?? '').resources).toEqual([
      'gitrepository-podinfo.yaml',
      'kustomization-podinfo.yaml',
    ]);
    expect(tree.has('cluster/kustomization.yaml')).toBe(false);
  });

  test('gotk-components.yaml is listed only once bootstrap has written it (FluxComponents.AUTO)', () => {
    const outdir = tempDir();
    const before = smallRepo(outdir, { path: 'c' }).app.synthTree();
    expect(parse(before.get('c/flux/flux-system/kustomization.yaml') ?? '').resources).toEqual(['gotk-sync.yaml']);
    fs.mkdirSync(path.join(outdir, 'c/flux/flux-system'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'c/flux/flux-system/gotk-components.yaml'), '# written by flux bootstrap\n');
    const after = smallRepo(outdir, { path: 'c' }).app.synthTree();
    expect(parse(after.get('c/flux/flux-system/kustomization.yaml') ?? '').resources).toEqual([
      'gotk-components.yaml',
      'gotk-sync.yaml',
    ]);
    expect(after.has('c/flux/flux-system/gotk-components.yaml')).toBe(false);
  });

  test.each([
    [FluxComponents.INCLUDE, ['gotk-components.yaml', 'gotk-sync.yaml']],
    [FluxComponents.OMIT, ['gotk-sync.yaml']],
  ])('FluxComponents %s decides the listing without looking at the disk', (mode, expected) => {
    const tree = smallRepo(tempDir(), { fluxComponents: mode }).app.synthTree();
    expect(parse(tree.get('flux/flux-system/kustomization.yaml') ?? '').resources).toEqual(expected);
  });

  test('further named layers get their own folders', () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: 'https://github.com/o/lab', publicRepository: true });
    const monitoring = repo.layer('platform').addApplication('monitoring');
    new k8s.KubeNamespace(monitoring, 'ns', { metadata: { name: 'monitoring' } });
    const tree = app.synthTree();
    expect([...tree.keys()]).toEqual([
      'flux/flux-system/gotk-sync.yaml',
      'flux/flux-system/kustomization.yaml',
      'flux/kustomization.yaml',
      'flux/platform/kustomization.yaml',
      'flux/platform/monitoring.yaml',
      'platform/kustomization.yaml',
      'platform/monitoring/kustomization.yaml',
      'platform/monitoring/namespace-monitoring.yaml',
    ]);
    expect(tree.get('flux/flux-system/gotk-sync.yaml')).not.toContain('secretRef');
  });

  test('the layer name "flux" is refused because that folder holds the Flux Kustomizations', () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: 'https://github.com/o/lab' });
    repo.layer('flux');
    expect(() => app.synthTree()).toThrow(/lab: layer "flux" is reserved.*choose another layer name/);
  });

  test.each([['/abs'], ['a/../b'], ['a//b'], ['a\\b']])('repository path %j is refused with a fix', (bad) => {
    const app = new FluxApp({ outdir: tempDir() });
    new GitOpsRepository(app, 'lab', { url: 'https://github.com/o/lab', path: bad });
    expect(() => app.synthTree()).toThrow(
      /^lab: path ".*" is not a relative path inside the git repository; use a path such as "clusters\/production".*$/,
    );
  });

  test.each([['Podinfo'], ['pod_info'], ['-x'], ['a'.repeat(64)]])('application name %j is refused', (bad) => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: 'https://github.com/o/lab' });
    repo.service(bad);
    expect(() => app.synthTree()).toThrow(/lab\/services: application ".*" is not a valid folder and object name/);
  });
});
