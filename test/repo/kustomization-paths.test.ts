import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, FluxValidationError, GitOpsRepository, GitRepository, Kustomization } from '../../lib';
import { tempDir } from '../support/temp';

/** An app writing into a fresh folder, with one service `web` holding nothing yet. */
function lab(repoPath = '') {
  const outdir = tempDir();
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', path: repoPath });
  const web = repo.service('web');
  return { outdir, app, repo, web };
}

/** The issues synth reports, or [] when it writes the tree. */
function synthIssues(app: FluxApp) {
  try {
    app.synthTree();
    return [];
  } catch (e) {
    if (!(e instanceof FluxValidationError)) throw e;
    return e.issues.map(({ constructPath, field, value, message, fix }) => ({
      constructPath,
      field,
      value,
      message,
      fix,
    }));
  }
}

describe('Kustomization paths of the tree', () => {
  test('GIVEN an application with nothing in it WHEN synthesized THEN its folder is written with an empty kustomization.yaml', () => {
    const { app } = lab();
    const tree = app.synthTree();
    expect(tree.get('services/web/kustomization.yaml')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
    );
    expect(tree.get('flux/services/web.yaml')).toContain('path: ./services/web');
  });

  test('GIVEN a Kustomization of the sync source naming a folder nobody writes WHEN synthesized THEN it is refused with path, value and fix', () => {
    const { app, repo, web } = lab('clusters/lab');
    new Kustomization(web, 'extra', { source: repo.syncSource, path: './clusters/lab/services/wbe' });
    expect(synthIssues(app)).toEqual([
      {
        constructPath: 'lab/services/web/Kustomization/extra',
        field: 'path',
        value: './clusters/lab/services/wbe',
        message:
          'names a folder of the tree that synth does not write and that does not exist, so Flux would fail to build it',
        fix:
          'point it at a folder of the tree (an application\'s folder such as "./clusters/lab/services/<name>"), ' +
          'or write objects into "clusters/lab/services/wbe"',
      },
    ]);
  });

  test('GIVEN paths to a written folder, a hand-written folder, outside the tree or of another source WHEN synthesized THEN none is reported', () => {
    const { outdir, app, repo, web } = lab('clusters/lab');
    fs.mkdirSync(path.join(outdir, 'clusters/lab/hand-written'), { recursive: true });
    new Kustomization(web, 'written', { source: repo.syncSource, path: 'clusters/lab/services/web/' });
    new Kustomization(web, 'hand', { source: repo.syncSource, path: './clusters/lab/hand-written' });
    new Kustomization(web, 'outside', { source: repo.syncSource, path: './clusters/other/apps' });
    const other = new GitRepository(web, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    new Kustomization(web, 'podinfo', { source: other, path: './clusters/lab/kustomize' });
    expect(synthIssues(app)).toEqual([]);
  });

  test('GIVEN Flux objects of different kinds WHEN tested with instanceof THEN only their own class answers true', () => {
    const { repo, web } = lab();
    const git = new GitRepository(web, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    const k = new Kustomization(web, 'podinfo', { source: git, path: './kustomize' });
    expect(git instanceof Kustomization).toBe(false);
    expect(k instanceof Kustomization).toBe(true);
    expect(repo.syncSource instanceof GitRepository).toBe(true);
  });
});
