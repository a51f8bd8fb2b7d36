import * as fs from 'fs';
import * as path from 'path';
import { Issue } from '../errors';
import { displayPath } from './display-path';

/** The root of the git repository `dir` lies in (the nearest folder up with a `.git`), or undefined. */
function findGitRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** A repository tree as the path check sees it. */
export interface CommittedTree {
  /** The construct path, for messages. */
  readonly node: { readonly path: string };
  /** The tree's folder inside the git repository Flux clones, as every Flux path of it says. */
  readonly rootPath: string;
  /** True when the tree is pushed to another git repository than the one `outdir` is in. */
  readonly separateRepository: boolean;
}

/**
 * The problems of a tree written to `outdir` inside a git repository at another place than its Flux paths say:
 * Flux, cloning that repository, would find nothing at `./<path>`. Trees pushed to another repository are not
 * checked, nor is an `outdir` outside any git repository.
 */
export function gitPathIssues(outdir: string, trees: readonly CommittedTree[]): Issue[] {
  const gitRoot = findGitRoot(outdir);
  if (gitRoot === undefined) return [];
  const issues: Issue[] = [];
  for (const tree of trees) {
    if (tree.separateRepository) continue;
    const written = path.relative(gitRoot, path.resolve(outdir, tree.rootPath)).split(path.sep).join('/');
    if (written === tree.rootPath) continue;
    const shownRoot = displayPath(gitRoot);
    issues.push({
      constructPath: tree.node.path,
      field: 'path',
      value: tree.rootPath,
      message:
        `is where the Flux Kustomizations look for the tree in the git repository, but synth writes it to ` +
        `${written === '' ? 'the root' : `"${written}"`} of the git repository at ${shownRoot}, so Flux would find nothing there`,
      fix:
        `set FluxApp's outdir to the git repository's root (${JSON.stringify(shownRoot)}), or path to ${JSON.stringify(written)}; ` +
        'if the tree is pushed to another git repository, set separateRepository: true',
    });
  }
  return issues;
}
