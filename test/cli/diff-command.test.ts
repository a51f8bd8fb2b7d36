// `cdk8s-flux diff` against real git: the base commit is checked out in a private worktree that is gone after every
// run, the working tree is never touched, and the Markdown a pull-request job posts is pinned by a snapshot.
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../lib/cli/main';
import { readTreeFiles, tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'tree/cluster-resources/services/podinfo/secret-podinfo-secret.yaml';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** A git repository whose one commit holds `files`, with the temp folder of the command pointed inside a fresh one. */
function repository(files: (repo: string) => void): { repo: string; temp: string } {
  const repo = tempDir();
  files(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const temp = tempDir();
  return { repo, temp };
}

function edit(file: string, from: RegExp | string, to: string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(file, after);
}

/** Runs `cdk8s-flux diff` in `repo` with its temp folder in `temp`. */
async function diff(repo: string, temp: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  const tmpdir = process.env.TMPDIR;
  process.chdir(repo);
  process.env.TMPDIR = temp;
  try {
    const code = await runCli(['diff', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.chdir(cwd);
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
}

/** The files of the working tree (not git's own). */
function workingFiles(repo: string): Map<string, string> {
  return new Map([...readTreeFiles(repo)].filter(([file]) => !file.startsWith('.git/')));
}

/** What must hold after every run: git knows one worktree, the temp folder is empty, the working tree as it was. */
function expectNothingLeft(repo: string, temp: string, before: ReadonlyMap<string, string>): void {
  expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  // (tsx, which runs the app, keeps the folder of its IPC pipes there)
  expect(fs.readdirSync(temp).filter((f) => !/^tsx-\d+$/.test(f))).toEqual([]);
  expect(workingFiles(repo)).toEqual(before);
}

describeWithTool('git', 'install git', 'cdk8s-flux diff on a git repository', () => {
  describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'with kustomize', () => {
    test('GIVEN the example tree with a chart major bump, a values change and a re-encrypted secret WHEN diffed as Markdown THEN the comment is the snapshot, the secret shows only as changed, and nothing is left', async () => {
      const { repo, temp } = repository((r) =>
        fs.cpSync(path.join(ROOT, 'dist'), path.join(r, 'tree'), { recursive: true }),
      );
      const infra = path.join(
        repo,
        'tree/cluster-resources/infrastructure/ingress-nginx/helmrelease-ingress-nginx.yaml',
      );
      edit(infra, 'version: 4.x', 'version: 5.x');
      edit(
        path.join(repo, 'tree/cluster-resources/services/podinfo-helm/helmrelease-podinfo.yaml'),
        'replicaCount: 2',
        'replicaCount: 3',
      );
      const secretBefore = fs.readFileSync(path.join(repo, SECRET), 'utf8');
      const ciphertext = /SECRET: ENC\[AES256_GCM,data:([^,]+),/.exec(secretBefore)?.[1] ?? '';
      edit(path.join(repo, SECRET), ciphertext, [...ciphertext].reverse().join(''));
      const before = workingFiles(repo);

      const result = await diff(repo, temp, 'tree', '--format', 'markdown');

      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out).toMatchSnapshot();
      expect(result.out).toContain('`Secret/default/podinfo-secret`');
      expect(result.out).not.toContain(ciphertext);
      expectNothingLeft(repo, temp, before);
    });

    test('GIVEN --exit-code WHEN the change is dangerous THEN it exits 1, and 0 for a harmless one', async () => {
      const { repo, temp } = repository((r) =>
        fs.cpSync(path.join(ROOT, 'dist'), path.join(r, 'tree'), { recursive: true }),
      );
      const release = path.join(repo, 'tree/cluster-resources/services/podinfo-helm/helmrelease-podinfo.yaml');
      edit(release, 'replicaCount: 2', 'replicaCount: 3');
      const harmless = await diff(repo, temp, 'tree', '--exit-code');
      expect(harmless.code).toBe(0);
      expect(harmless.out).toMatch(/1 object \(1 changed\)/);
      edit(release, /\n {2}interval: /, '\n  suspend: true\n  interval: ');
      const dangerous = await diff(repo, temp, 'tree', '--exit-code', '--format', 'json');
      expect(dangerous.code).toBe(1);
      expect(JSON.stringify(JSON.parse(dangerous.out))).toContain('suspended');
      expectNothingLeft(repo, temp, workingFiles(repo));
    });

    test('GIVEN an app in the repository WHEN its code changed THEN the diff synthesizes both commits in memory and shows the change', async () => {
      const app = (interval: string) =>
        `import { FluxApp, GitOpsRepository, HelmRepository } from ${JSON.stringify(path.join(ROOT, 'lib'))};
const app = new FluxApp({ outdir: 'tree' });
const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab' });
new HelmRepository(repo.service('podinfo'), 'charts', { url: 'https://stefanprodan.github.io/podinfo', interval: '${interval}' });
app.synth();
`;
      const { repo, temp } = repository((r) => fs.writeFileSync(path.join(r, 'app.ts'), app('5m')));
      fs.writeFileSync(path.join(repo, 'app.ts'), app('10m'));
      const before = workingFiles(repo);
      const result = await diff(repo, temp, '--app', `${TSX} app.ts`);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out).toContain('~ HelmRepository/flux-system/charts\n        spec.interval: "5m" -> "10m"');
      // the app wrote no tree: both states were synthesized in memory
      expect(fs.existsSync(path.join(repo, 'tree'))).toBe(false);
      expectNothingLeft(repo, temp, before);
    });
  });

  test.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'GIVEN a diff whose app is still running WHEN the command gets %s THEN it ends by the signal and leaves no worktree',
    async (signal) => {
      // an app that never finishes: the diff is killed while both commits are being synthesized
      const app = 'setTimeout(() => undefined, 600_000);\n';
      const { repo, temp } = repository((r) => fs.writeFileSync(path.join(r, 'app.ts'), app));
      fs.writeFileSync(path.join(repo, 'app.ts'), `// changed\n${app}`);
      const before = workingFiles(repo);
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin', 'cdk8s-flux.js'), 'diff', '--app', `${TSX} app.ts`],
        {
          cwd: repo,
          env: { ...process.env, TMPDIR: temp },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
      // wait until the base commit is checked out
      const deadline = Date.now() + 30_000;
      while ((git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm) ?? []).length < 2) {
        if (Date.now() > deadline) throw new Error('the base worktree never appeared');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill(signal);
      expect(await exited).toBe(signal);
      expectNothingLeft(repo, temp, before);
    },
  );

  test('GIVEN a base that names no commit WHEN diffed THEN it says so and leaves no worktree', async () => {
    const { repo, temp } = repository((r) => fs.writeFileSync(path.join(r, 'kustomization.yaml'), 'resources: []\n'));
    const result = await diff(repo, temp, '.', '--base', 'no-such-branch');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/no-such-branch/);
    expectNothingLeft(repo, temp, workingFiles(repo));
  });
});
