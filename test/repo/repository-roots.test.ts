import { k8s } from 'cdk8s-plus-30';
import { FluxApp, FluxValidationError, GitOpsRepository, Issue } from '../../lib';
import { tempDir } from '../support/temp';

/** An app with one repository per path, each with one application, so that every tree has files. */
function fleet(...paths: string[]): FluxApp {
  const app = new FluxApp({ outdir: tempDir() });
  paths.forEach((p, i) => {
    const repo = new GitOpsRepository(app, `cluster${i + 1}`, { url: 'ssh://git@github.com/o/fleet', path: p });
    const app1 = repo.service(`app${i + 1}`);
    new k8s.KubeNamespace(app1, 'ns', { metadata: { name: `app${i + 1}` } });
  });
  return app;
}

function rootIssues(app: FluxApp): Issue[] {
  try {
    app.synthTree();
  } catch (e) {
    if (e instanceof FluxValidationError) return e.issues.filter((i) => i.field === 'path');
    throw e;
  }
  return [];
}

const FIX =
  'give every cluster a folder of its own beside the others, such as "clusters/staging" and "clusters/production"';

describe('the clusters of a fleet: several repositories in one app', () => {
  test('side by side, each writes its own tree', () => {
    const files = [...fleet('clusters/staging', 'clusters/production', 'clusters/staging-eu').synthTree().keys()];
    expect(files.filter((f) => f.endsWith('/gotk-sync.yaml'))).toEqual([
      'clusters/production/flux/flux-system/gotk-sync.yaml',
      'clusters/staging-eu/flux/flux-system/gotk-sync.yaml',
      'clusters/staging/flux/flux-system/gotk-sync.yaml',
    ]);
  });

  test('two in one folder are reported at the later one', () => {
    expect(rootIssues(fleet('clusters/staging', 'clusters/staging'))).toEqual([
      {
        constructPath: 'cluster2',
        field: 'path',
        value: 'clusters/staging',
        message: 'is also the path of cluster1',
        fix: FIX,
      },
    ]);
  });

  test.each<[string, string, string]>([
    ['clusters', 'clusters/staging', 'lies inside the tree of cluster1 ("clusters")'],
    ['clusters/staging', 'clusters', 'holds the tree of cluster1 ("clusters/staging")'],
    ['', 'clusters/staging', 'lies inside the tree of cluster1 (the repository root)'],
    ['clusters/staging', '', 'holds the tree of cluster1 ("clusters/staging")'],
  ])('a tree in %j and one in %j are refused', (first, second, message) => {
    expect(rootIssues(fleet(first, second))).toEqual([
      { constructPath: 'cluster2', field: 'path', value: second, message, fix: FIX },
    ]);
  });

  test('the message names the construct path, the field, the value and the fix', () => {
    expect(() => fleet('clusters', 'clusters/production').synthTree()).toThrow(
      'cluster2: path "clusters/production" lies inside the tree of cluster1 ("clusters"); give every cluster a folder',
    );
  });
});
