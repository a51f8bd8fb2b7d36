import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, FluxValidationError, GitOpsRepository } from '../../lib';
import { tempDir } from '../support/temp';

/** A git repository (a folder with `.git`) holding a tree at `outdir` (relative) for a repository at `repoPath`. */
function synthIn(outdir: string, repoPath: string, separateRepository = false): { gitRoot: string; run: () => void } {
  const gitRoot = tempDir();
  fs.mkdirSync(path.join(gitRoot, '.git'));
  const app = new FluxApp({ outdir: path.join(gitRoot, outdir) });
  const repo = new GitOpsRepository(app, 'lab', {
    url: 'ssh://git@github.com/o/lab',
    path: repoPath,
    separateRepository,
  });
  repo.service('web');
  return { gitRoot, run: () => app.synth() };
}

describe('paths Flux will find', () => {
  test('GIVEN outdir dist inside the git repository and path cluster WHEN synthesized THEN it refuses with the fix', () => {
    const { gitRoot, run } = synthIn('dist', 'cluster');
    expect(run).toThrow(FluxValidationError);
    let issue;
    try {
      run();
    } catch (e) {
      issue = (e as FluxValidationError).issues[0];
    }
    const shownRoot = gitRoot; // outside the working folder: shown whole
    expect(issue).toEqual({
      constructPath: 'lab',
      field: 'path',
      value: 'cluster',
      message:
        'is where the Flux Kustomizations look for the tree in the git repository, but synth writes it to ' +
        `"dist/cluster" of the git repository at ${shownRoot}, so Flux would find nothing there`,
      fix:
        `set FluxApp's outdir to the git repository's root (${JSON.stringify(shownRoot)}), or path to "dist/cluster"; ` +
        'if the tree is pushed to another git repository, set separateRepository: true',
    });
    expect(fs.existsSync(path.join(gitRoot, 'dist'))).toBe(false);
  });

  test.each([
    ['outdir at the git root', '.', 'cluster', false],
    ['outdir at the git root and a nested path', '.', 'clusters/lab', false],
    ['a tree pushed to another repository', 'dist', 'cluster', true],
  ])('GIVEN %s WHEN synthesized THEN it writes the tree', (_name, outdir, repoPath, separate) => {
    const { gitRoot, run } = synthIn(outdir, repoPath, separate);
    run();
    expect(fs.existsSync(path.join(gitRoot, outdir, repoPath, 'flux', 'flux-system', 'gotk-sync.yaml'))).toBe(true);
  });
});
