// A Flux Kustomization's `path` into the app's own tree must name a folder the tree has: checked at synth.
import * as fs from 'fs';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-30';
import { ArtifactGenerator, FluxApp, GitOpsRepository, GitRepository, Kustomization } from '../../lib';
import { synthErrorOf } from '../flux/fixture';
import { tempDir } from '../support/temp';

/** An app whose repository has one application, `services/podinfo`, with a Namespace in it. */
function app(outdir = tempDir()) {
  const made = new FluxApp({ outdir });
  const repo = new GitOpsRepository(made, 'r', { url: 'ssh://git@github.com/o/r', path: 'cluster' });
  const podinfo = repo.service('podinfo');
  new k8s.KubeNamespace(podinfo, 'ns', { metadata: { name: 'podinfo' } });
  return { app: made, repo, podinfo, outdir };
}

/** The `[field, value, message, fix]` of every issue the synth of `made`'s app fails with. */
function problems(made: Kustomization): string[][] {
  return synthErrorOf(made).issues.map((i) => [i.constructPath ?? '', i.field, i.value ?? '', i.message, i.fix]);
}

describe('Kustomization paths into the tree', () => {
  test('GIVEN a path to a folder synth writes WHEN synthesized THEN it passes, with or without "./"', () => {
    const { app: made, repo, podinfo } = app();
    new Kustomization(podinfo, 'again', { source: repo.syncSource, path: './cluster/services/podinfo' });
    new Kustomization(podinfo, 'parent', { source: repo.syncSource, path: 'cluster/services' });
    expect(() => made.synthTree()).not.toThrow();
  });

  test('GIVEN a path to a folder that is nowhere WHEN synthesized THEN the synth fails naming the path and the nearest folder', () => {
    const { repo, podinfo } = app();
    const k = new Kustomization(podinfo, 'typo', { source: repo.syncSource, path: './cluster/service/podinfo' });
    expect(problems(k)).toEqual([
      [
        'r/services/podinfo/Kustomization/typo',
        'path',
        './cluster/service/podinfo',
        'names a folder that is not in the tree, nor beside it in the repository, so Flux cannot build it',
        'did you mean "./cluster/services/podinfo"?',
      ],
    ]);
  });

  test('GIVEN a folder of hand-written manifests beside the tree WHEN a Kustomization points at it THEN it passes', () => {
    const outdir = tempDir();
    fs.mkdirSync(path.join(outdir, 'legacy', 'apps'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'legacy', 'apps', 'kustomization.yaml'), 'resources: []\n');
    const { app: made, repo, podinfo } = app(outdir);
    new Kustomization(podinfo, 'legacy', { source: repo.syncSource, path: './legacy/apps' });
    expect(() => made.synthTree()).not.toThrow();
  });

  test('GIVEN a path into another repository WHEN synthesized THEN it is not checked (its folders are not known here)', () => {
    const { app: made, podinfo } = app();
    const other = new GitRepository(podinfo, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    new Kustomization(podinfo, 'upstream', { source: other, path: './kustomize' });
    expect(() => made.synthTree()).not.toThrow();
  });

  describe('paths into an ExternalArtifact an ArtifactGenerator makes from the tree', () => {
    function split() {
      const made = app();
      const generator = new ArtifactGenerator(made.podinfo, 'split', {
        sources: { monorepo: made.repo.syncSource },
        artifacts: [
          {
            name: 'services',
            copy: [
              { from: '@monorepo/cluster/services/**', to: '@artifact/apps/' },
              { from: '@monorepo/cluster/flux', to: '@artifact/' },
            ],
          },
          { name: 'charts', copy: [{ from: '@monorepo/charts/*/values.yaml', to: '@artifact/' }] },
        ],
      });
      return { ...made, generator };
    }

    test('GIVEN folders the copies make WHEN Kustomizations point at them THEN the synth passes', () => {
      const { app: made, podinfo, generator } = split();
      for (const [id, p] of [
        ['root', './'],
        ['apps', './apps'],
        ['one-app', './apps/podinfo'],
        ['flux', './flux/services'],
      ])
        new Kustomization(podinfo, id, { source: generator.artifact('services'), path: p });
      expect(() => made.synthTree()).not.toThrow();
    });

    test('GIVEN a folder the copies do not make WHEN a Kustomization points at it THEN the synth fails', () => {
      const { podinfo, generator } = split();
      const k = new Kustomization(podinfo, 'wrong', { source: generator.artifact('services'), path: './services' });
      expect(problems(k)).toEqual([
        [
          'r/services/podinfo/Kustomization/wrong',
          'path',
          './services',
          'names a folder that the copies of ExternalArtifact services do not make, so Flux cannot build it',
          'point it at a folder that holds manifests (relative to the root of the source), or create the folder',
        ],
      ]);
    });

    test('GIVEN an artifact copied with a glob WHEN a Kustomization points into it THEN it is not checked', () => {
      const { app: made, podinfo, generator } = split();
      new Kustomization(podinfo, 'charts', { source: generator.artifact('charts'), path: './anything' });
      expect(() => made.synthTree()).not.toThrow();
    });
  });
});
