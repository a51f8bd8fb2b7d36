import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../lib/cli/main';
import { sharedDir } from '../support/shared';
import { readTreeFiles, tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** An app that writes a tree at the root of a copy of a hand-written Flux repository, meeting its folders. */
function adoptingProject(): { repo: string; app: string } {
  const dir = tempDir();
  const repo = path.join(dir, 'repo');
  fs.cpSync(sharedDir('reference', 'flux2-kustomize-helm-example'), repo, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'app.ts'),
    `import { FluxApp, GitOpsRepository, HelmRepository } from ${JSON.stringify(path.join(root, 'lib'))};
const app = new FluxApp({ outdir: ${JSON.stringify(repo)} });
const fleet = new GitOpsRepository(app, 'fleet', { url: 'ssh://git@github.com/o/fleet' });
new HelmRepository(fleet.infrastructure('controllers'), 'jetstack', { url: 'https://charts.jetstack.io' });
app.synth();
`,
  );
  return { repo, app: `${tsx} ${path.join(dir, 'app.ts')}` };
}

async function synth(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['synth', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cdk8s-flux synth', () => {
  test('GIVEN a hand-written repository WHEN synth runs without --adopt, then with it THEN it refuses listing the file, then replaces and reports it', async () => {
    const { repo, app } = adoptingProject();
    const before = readTreeFiles(repo);
    const refused = await synth('--app', app);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '(infrastructure/controllers/kustomization.yaml): file exists and was not written by cdk8s-flux',
    );
    expect(refused.err).toContain('infrastructure/controllers/cert-manager.yaml');
    expect(readTreeFiles(repo)).toEqual(before);

    const adopted = await synth('--app', app, '--adopt');
    expect(adopted.code).toBe(0);
    expect(adopted.err).toMatch(/^cdk8s-flux: wrote the tree to .*repo: 8 added, 1 changed, 0 removed, 0 unchanged$/m);
    expect(adopted.err).toContain(
      `adopted ${path.join(repo, 'infrastructure/controllers/kustomization.yaml')} (replaced: an earlier synth did not write it)`,
    );
    expect(adopted.err).toContain('bootstrap once with flux bootstrap git --url=ssh://git@github.com/o/fleet');
    const after = readTreeFiles(repo);
    for (const [file, content] of before) {
      if (file !== 'infrastructure/controllers/kustomization.yaml') expect(after.get(file)).toBe(content);
    }

    // --quiet: a successful synth says nothing
    expect(await synth('--app', app, '--quiet')).toEqual({ code: 0, out: '', err: '' });
  });

  test('GIVEN --help WHEN run THEN it shows the flags and an example', async () => {
    const help = await synth('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: cdk8s-flux synth \[--app COMMAND\] \[--adopt\] \[--quiet\]/);
    expect(help.out).toContain('example:\n  cdk8s-flux synth --adopt');
  });
});
