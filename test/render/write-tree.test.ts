import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { FluxApp, GitOpsRepository, WRITTEN_FILES_LIST } from '../../lib';
import { homelab } from '../../main';
import { readTreeFiles, tempDir } from '../support/temp';

function synth(outdir: string, apps: readonly string[]): void {
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', path: 'cluster' });
  for (const name of apps) {
    const a = repo.service(name);
    new k8s.KubeConfigMap(a, 'cm', { metadata: { name, namespace: 'default' }, data: { app: name } });
  }
  app.synth();
}

describe('writing the tree', () => {
  test('two synths of the same code give identical bytes', () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const outdir of [a, b]) {
      const app = new FluxApp({ outdir });
      homelab(app);
      app.synth();
    }
    const first = readTreeFiles(a);
    expect(first.size).toBeGreaterThan(20);
    expect(readTreeFiles(b)).toEqual(first);
    // and synthesizing again into the same folder changes nothing
    const app = new FluxApp({ outdir: a });
    homelab(app);
    expect(app.synthAndReport()).toEqual({ written: [], removed: [] });
    expect(readTreeFiles(a)).toEqual(first);
  });

  test('the files of an application removed from the code disappear, and its empty folder too', () => {
    const outdir = tempDir();
    synth(outdir, ['alpha', 'beta']);
    expect(fs.existsSync(path.join(outdir, 'cluster/services/beta/configmap-beta.yaml'))).toBe(true);
    synth(outdir, ['alpha']);
    const files = [...readTreeFiles(outdir).keys()];
    expect(files.filter((f) => f.includes('beta'))).toEqual([]);
    expect(fs.existsSync(path.join(outdir, 'cluster/services/beta'))).toBe(false);
    expect(files).toContain('cluster/services/alpha/configmap-alpha.yaml');
  });

  test('files synth did not write are left alone, even inside its folders', () => {
    const outdir = tempDir();
    synth(outdir, ['alpha', 'beta']);
    const own = [
      ['README.md', '# my repo\n'],
      ['cluster/flux/flux-system/gotk-components.yaml', '# flux bootstrap\n'],
      ['cluster/services/beta/notes.txt', 'keep me\n'],
    ];
    for (const [f, c] of own) fs.writeFileSync(path.join(outdir, f), c);
    synth(outdir, ['alpha']);
    for (const [f, c] of own) expect(fs.readFileSync(path.join(outdir, f), 'utf8')).toBe(c);
    expect(fs.existsSync(path.join(outdir, 'cluster/services/beta/configmap-beta.yaml'))).toBe(false);
  });

  test('a synth that fails validation leaves the previous tree exactly as it was', () => {
    const outdir = tempDir();
    synth(outdir, ['alpha']);
    const before = readTreeFiles(outdir);
    const app = new FluxApp({ outdir });
    const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', path: 'cluster' });
    repo.service('alpha');
    // a chart outside every application: its objects would be written nowhere
    new k8s.KubeConfigMap(new Chart(app, 'loose'), 'stray', { metadata: { name: 'stray' } });
    expect(() => app.synth()).toThrow(/loose\/stray: scope is not inside a folder of the GitOps tree/);
    expect(readTreeFiles(outdir)).toEqual(before);
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith('.cdk8s-flux-staging'))).toEqual([]);
  });

  test('the list of written files is kept beside the tree, sorted', () => {
    const outdir = tempDir();
    synth(outdir, ['beta', 'alpha']);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, WRITTEN_FILES_LIST), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual([...manifest.files].sort());
    expect(manifest.files).toContain('cluster/services/alpha/configmap-alpha.yaml');
  });
});
