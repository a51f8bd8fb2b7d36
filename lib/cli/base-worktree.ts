import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from './parse-flags';

/** A git command failed, or the repository is not what the command needs: the message says why. */
export class GitError extends Error {
  constructor(
    message: string,
    /** git itself is not installed. */
    readonly notInstalled = false,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git in `cwd` and returns what it printed, trimmed. */
export function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: string };
    if (error.code === 'ENOENT') throw new GitError('git is not installed; install it to compare with a commit', true);
    throw new GitError(`git ${args.join(' ')} failed: ${(error.stderr ?? error.message).trim()}`);
  }
}

/**
 * A commit of the repository checked out in a private temporary folder (`git worktree add --detach`), so the user's
 * files and branches are never touched. {@link remove} takes it away again, with its folder and git's note of it.
 */
export class BaseWorktree {
  /**
   * Checks out `ref` of the repository around `cwd`.
   *
   * @throws UsageError when `cwd` is not in a git repository or `ref` names no commit
   * @throws GitError when git is not installed or fails
   */
  static add(cwd: string, ref: string): BaseWorktree {
    let top: string;
    try {
      top = git(cwd, ['rev-parse', '--show-toplevel']);
    } catch (e) {
      if (e instanceof GitError && e.notInstalled) throw e;
      throw new UsageError(`${cwd} is not in a git repository, so there is no commit to compare with`);
    }
    let commit: string;
    try {
      commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    } catch {
      throw new UsageError(
        `--base ${JSON.stringify(ref)} names no commit of the repository at ${top}; name a branch, tag or commit`,
      );
    }
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-diff-'));
    const worktree = new BaseWorktree(top, temp, commit);
    try {
      git(top, ['worktree', 'add', '--detach', '--quiet', worktree.root, commit]);
    } catch (e) {
      worktree.remove();
      throw e;
    }
    return worktree;
  }

  /** The checkout: the commit's files, laid out as in the repository. */
  readonly root: string;

  private constructor(
    /** The root of the user's repository. */
    readonly repository: string,
    /** The private folder that holds the checkout and anything else made for the comparison. */
    readonly temp: string,
    /** The commit checked out. */
    readonly commit: string,
  ) {
    this.root = path.join(temp, 'base');
  }

  /** Where a folder of the user's repository is in the checkout. */
  folderOf(dir: string): string {
    const rel = path.relative(fs.realpathSync(this.repository), fs.realpathSync(dir));
    return path.join(this.root, rel);
  }

  /**
   * Links the `node_modules` folders of the user's repository, from its root down to `dir`, into the checkout where
   * it has none (they are never committed), so the app of the commit runs with the dependencies installed now.
   */
  linkDependencies(dir: string): void {
    const rel = path.relative(fs.realpathSync(this.repository), fs.realpathSync(dir));
    const parts = rel === '' ? [] : rel.split(path.sep);
    for (let i = 0; i <= parts.length; i++) {
      const installed = path.join(this.repository, ...parts.slice(0, i), 'node_modules');
      const there = path.join(this.root, ...parts.slice(0, i));
      if (fs.existsSync(installed) && fs.existsSync(there) && !fs.existsSync(path.join(there, 'node_modules'))) {
        fs.symlinkSync(fs.realpathSync(installed), path.join(there, 'node_modules'), 'dir');
      }
    }
  }

  /** Removes the checkout, its folder and git's record of it. Never throws: it runs on the way out. */
  remove(): void {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', this.root], { cwd: this.repository, stdio: 'ignore' });
    } catch {
      // not added, or already gone: the prune below forgets it
    }
    fs.rmSync(this.temp, { recursive: true, force: true });
    try {
      execFileSync('git', ['worktree', 'prune'], { cwd: this.repository, stdio: 'ignore' });
    } catch {
      // nothing more can be done on the way out
    }
  }
}
