import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FluxApp, KUSTOMIZATION_FILE, compareTree } from '../../lib';
import { homelab } from '../../main';
import { describeWithTool } from '../support/tools';
import { readTreeFiles, tempDir } from '../support/temp';

function synthExample(): string {
  const outdir = tempDir();
  const app = new FluxApp({ outdir });
  homelab(app);
  app.synth();
  return outdir;
}

function documents(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown);
}

describe('the example cluster in main.ts', () => {
  test("podinfo's GitRepository and Kustomization come out equal to the seed repository's YAML", () => {
    const outdir = synthExample();
    const folder = path.join(outdir, 'cluster-resources/services/podinfo');
    const ours = ['gitrepository-podinfo.yaml', 'kustomization-podinfo.yaml'].flatMap((f) =>
      documents(fs.readFileSync(path.join(folder, f), 'utf8')),
    );
    const seed = documents(fs.readFileSync(path.join(__dirname, '../fixtures/seed/podinfo.yaml'), 'utf8'));
    expect(ours).toEqual(seed);
  });

  test('the committed dist/ is what main.ts synthesizes (run `npm run synth` after changing it)', () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    const differences = compareTree(app.synthTree(), path.join(__dirname, '..', '..', 'dist'));
    expect(differences.map((d) => `${d.change} ${d.file}`)).toEqual([]);
  });

  test('services depend on the infrastructure they need', () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    const tree = app.synthTree();
    const deps = (file: string) =>
      (documents(tree.get(`cluster-resources/flux/services/${file}`) ?? '')[0] as { spec: { dependsOn: unknown } }).spec
        .dependsOn;
    expect(deps('podinfo-app.yaml')).toEqual([{ name: 'ingress-nginx' }]);
    expect(deps('podinfo-helm.yaml')).toEqual([{ name: 'cert-manager' }, { name: 'ingress-nginx' }]);
  });
});

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'kubectl kustomize on the example tree', () => {
  test('builds every folder that has a kustomization.yaml, and flux/ reaches every application', () => {
    const outdir = synthExample();
    const folders = [...readTreeFiles(outdir).keys()]
      .filter((f) => f.endsWith(`/${KUSTOMIZATION_FILE}`))
      .map((f) => path.dirname(f));
    expect(folders.length).toBeGreaterThan(8);
    const built = new Map<string, string>();
    for (const folder of folders) {
      built.set(folder, execFileSync('kubectl', ['kustomize', path.join(outdir, folder)], { encoding: 'utf8' }));
    }
    // Everything Flux applies is reached from the root flux/ folder: one Flux Kustomization per application folder.
    const applicationFolders = folders.filter((f) => /^cluster-resources\/(infrastructure|services)\/[^/]+$/.test(f));
    const fluxBuild = documents(built.get('cluster-resources/flux') ?? '') as {
      kind: string;
      spec: { path: string };
    }[];
    const appliedPaths = fluxBuild.filter((o) => o.kind === 'Kustomization').map((o) => o.spec.path);
    for (const folder of applicationFolders) expect(appliedPaths).toContain(`./${folder}`);
    expect(appliedPaths).toContain('./cluster-resources/flux');
  });
});
