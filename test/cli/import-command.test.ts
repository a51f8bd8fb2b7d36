// `cdk8s-flux import` end to end: the project it writes for flux2-kustomize-helm-example compiles under strict,
// the real cdk8s CLI synthesizes it, and what Flux applies from the synthesized tree (an emulation with
// `kubectl kustomize`, independent of the import's own check) is, object by object, what it applies from the original.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runImport } from '../../lib/cli/import-command';
import {
  AppliedObject,
  K8sObject,
  fluxApply,
  isFluxKustomization,
  objectKey,
  parseObjects,
  resolveExternalArtifact,
} from '../support/flux-build';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

const ROOT = path.join(__dirname, '..', '..');
const REFERENCE = sharedDir('reference', 'flux2-kustomize-helm-example');
const URL = 'ssh://git@github.com/fluxcd/flux2-kustomize-helm-example';
const CLUSTERS = ['staging', 'production'];

/** The Flux controllers `flux bootstrap` writes, reduced to what the bootstrap customization patches. */
const GOTK_COMPONENTS = ['source-controller', 'kustomize-controller', 'helm-controller']
  .map((name) =>
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'flux-system' },
      spec: { template: { spec: { containers: [{ name: 'manager', args: [] }] } } },
    }),
  )
  .join('\n---\n');

function lines(): { io: { out: (l: string) => void; err: (l: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => void out.push(l), err: (l) => void err.push(l) }, out, err };
}

/** What Flux applies to a cluster from `root`, starting at a flux-system Kustomization on `path`. */
function applied(root: string, syncPath: string): Map<string, K8sObject> {
  const entry = parseObjects(
    JSON.stringify({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: { path: syncPath, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    }),
  )[0];
  const objects: AppliedObject[] = fluxApply(entry, (ref, so) =>
    ref.kind === 'ExternalArtifact' ? resolveExternalArtifact(ref, so, () => root) : root,
  );
  const out = new Map<string, K8sObject>();
  for (const { object } of objects) {
    if (object.metadata.namespace === 'flux-system' && object.metadata.name === 'flux-system') {
      if (['GitRepository', 'Kustomization', 'Secret'].includes(object.kind)) continue;
    }
    if (object.kind === 'Deployment') continue;
    // Where a Flux Kustomization's folder lies and what it builds from follow from the layout; its patches are
    // applied to the objects by the import. What they lead to is compared object by object instead.
    const { path: _p, sourceRef: _s, patches: _patches, ...spec } = object.spec ?? {};
    out.set(objectKey(object), isFluxKustomization(object) ? { ...object, spec } : object);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'cdk8s-flux import', () => {
  test('GIVEN flux2-kustomize-helm-example WHEN imported with --out THEN the project compiles, synthesizes with the cdk8s CLI, and Flux applies the same objects to each cluster', async () => {
    const work = tempDir();
    const project = path.join(work, 'fleet');
    const { io, out, err } = lines();
    const code = await runImport([REFERENCE, '--out', project, '--url', URL], io);
    expect({ code, err: err.slice(-1) }).toEqual({
      code: 0,
      err: ['check: what Flux applies from the program is what it applies from the repository, object by object'],
    });
    expect(out).toEqual(
      ['.gitignore', 'README.md', 'cdk8s.yaml', 'main.ts', 'package.json', 'test/main.test.ts', 'tsconfig.json'].map(
        (f) => `wrote ${path.join(project, f)}`,
      ),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['cdk8s', 'cdk8s-flux', 'cdk8s-plus-30', 'constructs']);

    // The project as npm install would make it, with cdk8s-flux taken from this checkout's sources.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    tsconfig.compilerOptions.paths = { 'cdk8s-flux': [path.join(ROOT, 'lib', 'index.ts')] };
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
    execFileSync(bin('tsc'), ['--noEmit', '-p', '.'], { cwd: project, stdio: 'pipe' });
    execFileSync(bin('cdk8s'), ['synth', '--no-check-upgrade'], {
      cwd: project,
      stdio: 'pipe',
      env: { ...process.env, CDK8S_FLUX_QUIET: '1' },
    });

    // Both trees as Flux sees them after bootstrap: the controllers the bootstrap customization patches.
    const original = path.join(work, 'original');
    fs.cpSync(REFERENCE, original, { recursive: true });
    for (const env of CLUSTERS) {
      fs.writeFileSync(path.join(original, 'clusters', env, 'flux-system', 'gotk-components.yaml'), GOTK_COMPONENTS);
      fs.writeFileSync(path.join(original, 'clusters', env, 'flux-system', 'gotk-sync.yaml'), '');
      fs.writeFileSync(
        path.join(project, 'clusters', env, 'flux', 'flux-system', 'gotk-components.yaml'),
        GOTK_COMPONENTS,
      );
      const theirs = applied(original, `./clusters/${env}`);
      const ours = applied(project, `./clusters/${env}/flux`);
      expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(theirs));
      // 3 Flux Kustomizations, the ArtifactGenerator, then 6 + 3 + 3 objects
      expect(ours.size).toBe(16);
    }
  });

  test.each([
    ['d2-fleet', sharedDir('reference', 'd2-fleet'), 'clusters/staging/flux/flux-system/flux-instance.yaml'],
    [
      'flux2-hub-spoke-example',
      sharedDir('reference', 'flux2-hub-spoke-example'),
      'hub/flux/flux-system/gotk-sync.yaml',
    ],
    [
      'a repository with alerts, a receiver and image policies',
      path.join(__dirname, '..', 'fixtures', 'import-notifications'),
      // the repository's apps/sources.yaml keeps its name (and its three objects) in the new tree
      'clusters/lab/apps/apps/sources.yaml',
    ],
  ])(
    'GIVEN %s WHEN imported with --out THEN the project compiles under strict and its synth writes every cluster',
    async (_name, source, flux) => {
      const project = path.join(tempDir(), 'project');
      const { io, err } = lines();
      const code = await runImport([source, '--out', project, '--url', URL], io);
      expect({ code, err: err.slice(-1) }).toEqual({
        code: 0,
        err: ['check: what Flux applies from the program is what it applies from the repository, object by object'],
      });
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
      const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8')) as {
        compilerOptions: Record<string, unknown>;
      };
      tsconfig.compilerOptions.paths = { 'cdk8s-flux': [path.join(ROOT, 'lib', 'index.ts')] };
      fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], {
        cwd: project,
        stdio: 'pipe',
      });
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['main.ts'], {
        cwd: project,
        stdio: 'pipe',
        env: { ...process.env, CDK8S_FLUX_QUIET: '1' },
      });
      expect(fs.existsSync(path.join(project, flux))).toBe(true);
    },
  );

  test('GIVEN no folder WHEN import runs THEN it says what to give, with the usage', async () => {
    const { io, err } = lines();
    expect(await runImport([], io)).toBe(2);
    expect(err[0]).toMatch(/^cdk8s-flux import: name the folder to import\nusage: cdk8s-flux import DIR/);
  });
});
