import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../lib/cli/main';
import { readTreeFiles, tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** A small app in a temp folder: one service whose HelmRepository interval comes from the INTERVAL variable. */
function project(): { dir: string; outdir: string; app: (interval?: string) => string } {
  const dir = tempDir();
  const outdir = path.join(dir, 'tree');
  fs.writeFileSync(
    path.join(dir, 'app.ts'),
    `import { FluxApp, GitOpsRepository, HelmRepository } from ${JSON.stringify(path.join(root, 'lib'))};
const app = new FluxApp({ outdir: ${JSON.stringify(outdir)} });
const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab' });
new HelmRepository(repo.service('podinfo'), 'charts', {
  url: 'https://stefanprodan.github.io/podinfo',
  interval: process.env.INTERVAL ?? '5m',
});
if (process.env.EXTRA === '1') repo.service('extra');
app.synth();
`,
  );
  const app = (interval = '5m') => `INTERVAL='${interval}' ${tsx} ${path.join(dir, 'app.ts')}`;
  return { dir, outdir, app };
}

async function check(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['check', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function synth(app: string): void {
  // The same command with the plan file unset writes the tree, as `npm run synth` would.
  execSync(app, { env: { ...process.env, CDK8S_FLUX_PLAN_FILE: '' }, stdio: 'pipe' });
}

describe('cdk8s-flux check', () => {
  test('exits 0 when the tree on disk is what the app synthesizes, and touches nothing', async () => {
    const { outdir, app } = project();
    synth(app());
    const before = readTreeFiles(outdir);
    const result = await check('--app', app());
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out.join('\n')).toMatch(/^ok: the 9 files of the tree in .* are up to date$/);
    expect(readTreeFiles(outdir)).toEqual(before);
  });

  test('exits 1 with the changed file and a short diff when the code changed', async () => {
    const { outdir, app } = project();
    synth(app());
    const before = readTreeFiles(outdir);
    const result = await check('--app', app('10m'));
    expect(result.code).toBe(1);
    const text = result.out.join('\n');
    expect(text).toMatch(/^changed .*services\/podinfo\/helmrepository-charts\.yaml$/m);
    expect(text).toContain('-   interval: 5m');
    expect(text).toContain('+   interval: 10m');
    expect(text).toMatch(/1 file of the tree in .* differs from what the app synthesizes: run the synth/);
    expect(readTreeFiles(outdir)).toEqual(before);
  });

  test('lists files the synth would add and files it would remove', async () => {
    const { outdir, app } = project();
    synth(`EXTRA=1 ${app()}`);
    fs.rmSync(path.join(outdir, 'services/podinfo/kustomization.yaml'));
    const result = await check('--app', app());
    expect(result.code).toBe(1);
    const listed = result.out
      .filter((l) => /^(missing|changed|stale) /.test(l))
      .map((l) => l.replace(/ +\S*\/tree\//, ' '));
    expect(listed).toEqual([
      'stale flux/services/extra.yaml',
      'changed flux/services/kustomization.yaml',
      'stale services/extra/kustomization.yaml',
      'changed services/kustomization.yaml',
      'missing services/podinfo/kustomization.yaml',
    ]);
  });

  test('exits 1 with the validation error when the app fails its checks, and writes nothing', async () => {
    const { outdir, app } = project();
    const result = await check('--app', app('5 min'));
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/interval.*"5 min"/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('says so when the command synthesizes no FluxApp', async () => {
    const result = await check('--app', 'true');
    expect(result.code).toBe(3);
    expect(result.err.join('\n')).toMatch(/synthesized no FluxApp/);
  });

  test('rejects unknown arguments and an empty --app', async () => {
    expect((await check('--fast')).code).toBe(2);
    const empty = await check('--app', '');
    expect(empty.code).toBe(2);
    expect(empty.err.join('\n')).toMatch(/--app needs the command/);
  });
});
