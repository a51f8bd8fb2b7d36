// Every way the real cdk8s CLI can be set up around a FluxApp: the tree and the hand-written files beside it survive
// byte for byte, and where the CLI would empty the tree's folder, synth refuses before anything is written there.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../lib/cli/main';
import { readTreeFiles, tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const cdk8s = path.join(root, 'node_modules', '.bin', 'cdk8s');

/** Files a user keeps in the tree that synth never writes. */
const HAND_FILES: readonly (readonly [string, string])[] = [
  ['cluster/flux/flux-system/gotk-components.yaml', '# written by flux bootstrap\napiVersion: v1\nkind: List\n'],
  ['README.md', '# my fleet\n\nHand-written.\n'],
  ['cluster/notes.yaml', '# not a manifest synth knows\nnotes: [keep, me]\n'],
];

/**
 * A consumer project in a temp folder: `app.ts` with a FluxApp writing to `outdir` (the default when undefined), and
 * a `cdk8s.yaml` with `output` (none when undefined). INTERVAL breaks the app when it is not a Flux duration.
 */
function project(outdir: string | undefined, output: string | undefined): string {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'app.ts'),
    `import { FluxApp, GitOpsRepository, HelmRepository } from ${JSON.stringify(path.join(root, 'lib'))};
const app = new FluxApp(${outdir === undefined ? '' : `{ outdir: ${JSON.stringify(outdir)} }`});
const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', path: 'cluster' });
new HelmRepository(repo.service('podinfo'), 'charts', {
  url: 'https://stefanprodan.github.io/podinfo',
  interval: process.env.INTERVAL ?? '5m',
});
app.synth();
`,
  );
  fs.writeFileSync(
    path.join(dir, 'cdk8s.yaml'),
    `language: typescript\napp: ${tsx} app.ts\n${output === undefined ? '' : `output: ${output}\n`}`,
  );
  return dir;
}

function addHandFiles(tree: string): void {
  for (const [file, content] of HAND_FILES) {
    fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    fs.writeFileSync(path.join(tree, file), content);
  }
}

function expectHandFiles(tree: string): void {
  for (const [file, content] of HAND_FILES) expect(fs.readFileSync(path.join(tree, file), 'utf8')).toBe(content);
}

/** `cdk8s synth` in `dir`, as a user runs it; the summary is asked for (it is off under jest). */
function cdk8sSynth(dir: string, interval = '5m'): { code: number | null; err: string } {
  const run = spawnSync(cdk8s, ['synth', '--no-check-upgrade'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, INTERVAL: interval, CDK8S_FLUX_QUIET: '0' },
  });
  return { code: run.status, err: run.stderr };
}

/** `cdk8s-flux synth` (or another command) for the app of `dir`, in this process. */
async function fluxCli(command: string, dir: string, ...args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const app = `cd ${JSON.stringify(dir)} && ${tsx} app.ts`;
  const code = await runCli([command, '--app', app, ...args], { out: () => undefined, err: (l) => err.push(l) });
  return { code, err: err.join('\n') };
}

describe('synth under the real cdk8s CLI', () => {
  test('GIVEN output: cdk8s.out and outdir tree WHEN synths succeed and fail THEN the tree and hand files survive byte for byte', async () => {
    const dir = project('tree', 'cdk8s.out');
    const tree = path.join(dir, 'tree');
    addHandFiles(tree);
    const first = cdk8sSynth(dir);
    expect(first.code).toBe(0);
    expect(first.err).toContain('cdk8s-flux: wrote the tree to tree: 9 added, 0 changed, 0 removed, 0 unchanged');
    expect(first.err).toContain(
      'cluster: bootstrap once with flux bootstrap git --url=ssh://git@github.com/o/lab --branch=main --path=cluster/flux',
    );
    expectHandFiles(tree);
    expect(fs.readFileSync(path.join(dir, 'cdk8s.out', 'flux-tree.k8s.yaml'), 'utf8')).toContain(
      'kind: HelmRepository',
    );
    const good = readTreeFiles(tree);

    const failed = cdk8sSynth(dir, '5 min');
    expect(failed.code).not.toBe(0);
    expect(failed.err).toContain('interval "5 min" is not a Flux duration');
    expect(readTreeFiles(tree)).toEqual(good);

    const changed = cdk8sSynth(dir, '10m');
    expect(changed.code).toBe(0);
    expect(changed.err).toContain('wrote the tree to tree: 0 added, 1 changed, 0 removed, 8 unchanged');
    expect(changed.err).toContain(
      '1 YAML file of the tree that no kustomization.yaml lists, left as they are (the first: tree/cluster/notes.yaml)',
    );
    expectHandFiles(tree);
    // check runs the app in memory: nothing on disk moves
    const afterChange = readTreeFiles(tree);
    expect((await fluxCli('check', dir)).code).toBe(1);
    expect(readTreeFiles(tree)).toEqual(afterChange);
  });

  test('GIVEN no output in cdk8s.yaml (the CLI empties dist) and the tree at the git root WHEN synths succeed and fail THEN nothing of the tree is lost', () => {
    // the README's layout: the tree written at the root of the repository Flux clones
    const dir = project('.', undefined);
    fs.mkdirSync(path.join(dir, '.git'));
    addHandFiles(dir);
    const first = cdk8sSynth(dir);
    expect(first.err).toContain('wrote the tree to .: 9 added');
    expect(first.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist', 'flux-tree.k8s.yaml'))).toBe(true);
    const good = readTreeFiles(path.join(dir, 'cluster'));
    expect(good.get('flux/flux-system/kustomization.yaml')).toContain('- gotk-components.yaml');

    expect(cdk8sSynth(dir, 'soon').code).not.toBe(0);
    expect(readTreeFiles(path.join(dir, 'cluster'))).toEqual(good);
    expectHandFiles(dir);
  });

  test.each([
    ['no output in cdk8s.yaml and the default outdir', undefined, undefined, 'dist'],
    ['output equal to outdir', 'tree', 'tree', 'tree'],
  ])(
    'GIVEN %s WHEN synthesized by cdk8s synth or directly THEN synth refuses, says what to set, and never writes a tree the CLI would empty',
    async (_name, outdir, output, folder) => {
      const dir = project(outdir, output);
      const run = cdk8sSynth(dir);
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(
        `outdir "${folder}" is ${folder}, the output folder \`cdk8s synth\` emptied before it ran the app: what was there was deleted by the cdk8s CLI, and synth writes no tree there; set \`output: cdk8s.out\` in cdk8s.yaml`,
      );
      expect(fs.existsSync(path.join(dir, folder, '.cdk8s-flux.json'))).toBe(false);

      // and a synth outside the CLI does not put the tree where the next cdk8s synth would delete it
      const direct = await fluxCli('synth', dir);
      expect(direct.code).toBe(1);
      expect(direct.err).toContain(
        `outdir "${folder}" is ${folder}, the output folder of cdk8s.yaml${output === undefined ? ' (the CLI default, as cdk8s.yaml sets no output)' : ''}: \`cdk8s synth\` empties it before it runs the app`,
      );
      expect(fs.existsSync(path.join(dir, folder, '.cdk8s-flux.json'))).toBe(false);
    },
  );
});
