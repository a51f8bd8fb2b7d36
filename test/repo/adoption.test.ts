import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, FluxValidationError, GitOpsRepository, HelmRepository } from '../../lib';
import { sharedDir } from '../support/shared';
import { readTreeFiles, tempDir } from '../support/temp';

/** A copy of a real hand-written Flux repository, to write a tree over. */
function referenceCopy(): string {
  const dir = path.join(tempDir(), 'repo');
  fs.cpSync(sharedDir('reference', 'flux2-kustomize-helm-example'), dir, { recursive: true });
  return dir;
}

/** A tree at the repository root whose folders meet the reference's: infrastructure/{controllers,configs}, apps/production. */
function app(outdir: string, adopt: boolean): FluxApp {
  const a = new FluxApp({ outdir, adopt, quiet: !adopt });
  const repo = new GitOpsRepository(a, 'fleet', { url: 'ssh://git@github.com/o/fleet' });
  const url = 'https://charts.jetstack.io';
  new HelmRepository(repo.infrastructure('controllers'), 'jetstack', { url, interval: '1h' });
  new HelmRepository(repo.infrastructure('configs'), 'issuers', { url, interval: '1h' });
  new HelmRepository(repo.layer('apps').addApplication('production'), 'podinfo', {
    url: 'https://stefanprodan.github.io/podinfo',
  });
  return a;
}

/** Runs `body`, returning what it printed on standard error. */
function stderrOf(body: () => void): string {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    body();
  } finally {
    spy.mockRestore();
  }
  return lines.join('');
}

const REPLACED = [
  'apps/production/kustomization.yaml',
  'infrastructure/configs/kustomization.yaml',
  'infrastructure/controllers/kustomization.yaml',
];

describe('adopting an existing Flux repository', () => {
  test('GIVEN a hand-written repository WHEN synth would write over its files THEN it refuses, listing them and the YAML it would leave unlisted, and changes nothing', () => {
    const dir = referenceCopy();
    const before = readTreeFiles(dir);
    let error: unknown;
    try {
      app(dir, false).synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FluxValidationError);
    const issues = (error as FluxValidationError).issues;
    const replaced = issues.filter((i) => i.message.includes('would replace it')).map((i) => i.file);
    expect(replaced).toEqual(REPLACED);
    expect(issues[0].message).toBe(
      'exists and was not written by cdk8s-flux (it is not in .cdk8s-flux.json), so synth would replace it',
    );
    expect(issues[0].fix).toMatch(/cdk8s-flux synth --adopt/);
    const unlisted = issues.filter((i) => i.message.includes('no kustomization.yaml')).map((i) => i.file);
    expect(unlisted).toEqual(
      expect.arrayContaining([
        'apps/base/podinfo/release.yaml',
        'clusters/production/flux-system/gotk-sync.yaml',
        'infrastructure/controllers/cert-manager.yaml',
      ]),
    );
    expect(unlisted).not.toContain('infrastructure/controllers/kustomization.yaml');
    expect(readTreeFiles(dir)).toEqual(before);
  });

  test('GIVEN adopt WHEN synthesized THEN it replaces exactly those files, reports each, and leaves every other file byte for byte', () => {
    const dir = referenceCopy();
    const before = readTreeFiles(dir);
    const printed = stderrOf(() => app(dir, true).synth());
    for (const file of REPLACED) {
      expect(printed).toContain(`adopted ${path.join(dir, file)} (replaced: an earlier synth did not write it)`);
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toBe(before.get(file));
    }
    expect(printed).toContain(`unlisted ${path.join(dir, 'apps/base/podinfo/release.yaml')}`);
    for (const [file, content] of before) {
      if (!REPLACED.includes(file)) expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(content);
    }
    // adopted files are synth's own from now on: the next synth needs no opt-in
    expect(() => app(dir, false).synth()).not.toThrow();
  });
});
