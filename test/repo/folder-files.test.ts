import { execFileSync } from 'child_process';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-30';
import { parse, parseAllDocuments } from 'yaml';
import { FluxApp, FolderFile, GitOpsRepository, HelmChartSource, HelmRelease, HelmRepository } from '../../lib';
import { describeWithTool } from '../support/tools';
import { tempDir } from '../support/temp';

const URL = 'ssh://git@github.com/o/lab';

const pvc = (scope: FolderFile, name: string) =>
  new k8s.KubePersistentVolumeClaim(scope, name, {
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString('1Gi') } } },
  });

/** A media application laid out as people write it: pvc.yaml with several claims, release.yaml with the chart. */
function mediaLab(outdir = tempDir()) {
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'lab', { url: URL });
  const media = repo.service('media', { objectNamespace: 'media' });
  new k8s.KubeNamespace(media, 'namespace', { metadata: { name: 'media' } });
  const pvcs = media.file('pvc.yaml');
  for (const name of ['config', 'downloads', 'movies']) pvc(pvcs, name);
  const charts = new HelmRepository(media, 'charts', { url: 'https://charts.example.com' });
  const release = new HelmRelease(media, 'jellyfin', {
    chart: HelmChartSource.fromRepository(charts, 'jellyfin', { version: '1.x' }),
  });
  // the release first, then its chart repository: the file keeps the order it is given
  media.file('release.yaml', [release, charts]);
  return { app, repo, media };
}

const names = (text: string) =>
  parseAllDocuments(text).map((d) => {
    const o = d.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
    return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  });

describe('files as people name them', () => {
  test('GIVEN objects made in folder.file("pvc.yaml") WHEN synthesized THEN they share that file, in the order they were made', () => {
    const tree = mediaLab().app.synthTree();
    expect(names(tree.get('services/media/pvc.yaml')!)).toEqual([
      'PersistentVolumeClaim/media/config',
      'PersistentVolumeClaim/media/downloads',
      'PersistentVolumeClaim/media/movies',
    ]);
    expect(tree.get('services/media/pvc.yaml')).toMatch(
      /^apiVersion: v1\nkind: PersistentVolumeClaim\n[^]*\n---\napiVersion/,
    );
  });

  test('GIVEN objects added to folder.file("release.yaml", [...]) WHEN synthesized THEN the file holds them in the order given', () => {
    const tree = mediaLab().app.synthTree();
    expect(names(tree.get('services/media/release.yaml')!)).toEqual([
      'HelmRelease/flux-system/jellyfin',
      'HelmRepository/flux-system/charts',
    ]);
  });

  test('GIVEN chosen files WHEN synthesized THEN kustomization.yaml lists each file once and objects outside them keep their own files', () => {
    const tree = mediaLab().app.synthTree();
    expect([...tree.keys()].filter((f) => f.startsWith('services/media/'))).toEqual([
      'services/media/kustomization.yaml',
      'services/media/namespace-media.yaml',
      'services/media/pvc.yaml',
      'services/media/release.yaml',
    ]);
    expect(parse(tree.get('services/media/kustomization.yaml')!)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['namespace-media.yaml', 'pvc.yaml', 'release.yaml'],
    });
  });

  test('GIVEN folder.file twice with one name THEN it is one file, and objects reach it either way', () => {
    const { media } = mediaLab();
    expect(media.file('pvc.yaml')).toBe(media.file('pvc.yaml'));
    const cm = new k8s.KubeConfigMap(media, 'extra', { metadata: { name: 'extra' } });
    const file = media.file('pvc.yaml', [cm]);
    expect(file.objects.map((o) => o.name)).toEqual(['config', 'downloads', 'movies', 'extra']);
    expect(FolderFile.of(cm)).toBe(file);
  });

  test('GIVEN a chosen file WHEN an object of it is wrong THEN the message names the file the object is written to', () => {
    const { app, media } = mediaLab();
    new k8s.KubeConfigMap(media.file('config.yaml'), 'settings', {
      metadata: { name: 'Not_A_Name' },
    });
    expect(() => app.synthTree()).toThrow(/\(services\/media\/config\.yaml\): metadata\.name "Not_A_Name"/);
  });

  test("GIVEN the Flux Kustomizations' folder WHEN an application's Kustomization is put in a chosen file THEN it is written there", () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL });
    const web = repo.service('web', { kustomizationName: 'web-app' });
    new k8s.KubeConfigMap(web, 'cm', { metadata: { name: 'web', namespace: 'default' } });
    web.layer.kustomizationsFolder.file('web.yaml', [web.kustomization]);
    const tree = app.synthTree();
    expect(names(tree.get('flux/services/web.yaml')!)).toEqual(['Kustomization/flux-system/web-app']);
    expect(tree.has('flux/services/web-app.yaml')).toBe(false);
  });
});

describe('objects of one kind and name in two namespaces of one folder', () => {
  function twoNamespaces(second: string | undefined) {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL });
    const shared = repo.service('shared', { objectNamespace: 'a' });
    new k8s.KubeConfigMap(shared, 'in-a', { metadata: { name: 'settings' } });
    new k8s.KubeConfigMap(shared, 'in-b', { metadata: { name: 'settings', namespace: second } });
    new k8s.KubeConfigMap(shared, 'alone', { metadata: { name: 'alone' } });
    return app;
  }

  test('GIVEN ConfigMap settings in a and in b WHEN synthesized THEN each gets a file named with its namespace, and the others keep short names', () => {
    const tree = twoNamespaces('b').synthTree();
    expect([...tree.keys()].filter((f) => f.startsWith('services/shared/'))).toEqual([
      'services/shared/configmap-a-settings.yaml',
      'services/shared/configmap-alone.yaml',
      'services/shared/configmap-b-settings.yaml',
      'services/shared/kustomization.yaml',
    ]);
    expect(names(tree.get('services/shared/configmap-b-settings.yaml')!)).toEqual(['ConfigMap/b/settings']);
  });

  test('GIVEN the same ConfigMap twice in one namespace THEN the two still clash on their file', () => {
    expect(() => twoNamespaces('a').synthTree()).toThrow(
      /in-b \(services\/shared\/configmap-settings\.yaml\): .* would be written to the same file as lab\/services\/shared\/in-a/,
    );
  });
});

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'kubectl kustomize on chosen files', () => {
  test('builds the folder with every object of its shared files', () => {
    const outdir = tempDir();
    mediaLab(outdir).app.synth();
    const built = execFileSync('kubectl', ['kustomize', path.join(outdir, 'services/media')], { encoding: 'utf8' });
    expect(names(built).sort()).toEqual([
      'HelmRelease/flux-system/jellyfin',
      'HelmRepository/flux-system/charts',
      'Namespace//media',
      'PersistentVolumeClaim/media/config',
      'PersistentVolumeClaim/media/downloads',
      'PersistentVolumeClaim/media/movies',
    ]);
  });
});
