import * as fs from 'fs';
import * as path from 'path';
import { readCdk8sConfig } from '../repo/cdk8s-config';
import { PlanFile, isPlanFailure, synthesizePlanAsync } from '../repo/plan-file';
import { DiffFormat, renderDiff } from '../review/diff/diff-format';
import { RepositoryDiff, isDangerous } from '../review/diff/diff-model';
import { diffTrees } from '../review/diff/diff-trees';
import { KustomizeMissingError } from '../validate/cluster/kustomize-program';
import { APP_FLAG } from './app-command';
import { BaseWorktree, GitError } from './base-worktree';
import { withCleanUp } from './clean-up-on-exit';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS } from './io';
import { FlagSpec, ParsedFlags, UsageError, parseFlags } from './parse-flags';
import { reportFailure } from './report-failure';
import { reportPlanFailure } from './plan-failure';
import { unknownName } from './unknown-name';

const COMMAND = 'cdk8s-flux diff';

/** The help text of `cdk8s-flux diff`. */
const DIFF_USAGE = `usage: cdk8s-flux diff [DIR] [--base REF] [--app COMMAND] [--format text|markdown|json] [--exit-code]

Shows what a change of the repository does to the clusters, without a cluster: the objects Flux will create,
delete (prune) and change, field by field, per cluster and per Flux Kustomization, built as validate builds them
(kustomize, the Kustomizations' own transforms and postBuild variables). The working tree is compared with the
commit REF (default HEAD), checked out in a private temporary folder that is removed on every exit; nothing of the
repository is touched. HelmReleases show their values and chart version; SOPS-encrypted and Secret values are never
shown, only that they changed.

Dangerous changes are flagged, each with why: deletions prune carries out that take data with them (a Namespace, a
CRD, a PVC, a StatefulSet, a HelmRelease), changes to immutable fields (selectors, Service clusterIP, Job template,
PVC storage class...), a Flux object suspended or resumed, prune turned on, decryption removed, a chart major
version bump, a dependsOn dropped, an object moving between Kustomizations that prune.

DIR               a hand-written tree, compared as it is (default: the current folder when there is no app)
--base REF        the commit to compare with: a branch, tag or commit (default: HEAD)
--app COMMAND     the command that runs the app (default: the \`app\` of cdk8s.yaml in the working folder); the app
                  is synthesized in memory in both states, the old one with today's node_modules
--format FORMAT   text (default; coloured on a terminal), markdown (for a pull-request comment), or json
--exit-code       exit 1 when a change is dangerous or the new state cannot be built

example:
  cdk8s-flux diff --base origin/main --format markdown --exit-code

Exit code: 0 when the diff is shown (and, with --exit-code, nothing is dangerous), 1 with --exit-code on a dangerous
change (or when the app fails its checks), 2 when the command is used wrongly, 3 when git, kustomize or the app
cannot be run.`;

const DIFF_FLAGS: readonly FlagSpec[] = [
  APP_FLAG,
  { name: 'base', kind: 'string' },
  { name: 'format', kind: 'string' },
  { name: 'exit-code', kind: 'boolean' },
];

const FORMATS: readonly string[] = Object.values(DiffFormat);

/** The two trees to compare, or how to make them. */
type Subject = { readonly tree: string } | { readonly app: string };

/** Writes the files of a plan under `dir`: the tree the app would write, for the walk to read. */
function layOutPlan(plan: PlanFile, dir: string): string {
  for (const [file, content] of Object.entries(plan.files)) {
    const target = path.join(dir, ...file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.mkdirSync(dir, { recursive: true }); // a plan without files is an empty tree
  return dir;
}

/** What to compare: a tree named on the command line, the app, or the current folder as a tree. */
function subjectOf(flags: ParsedFlags): Subject {
  const dir = flags.positionals[0];
  const app = flags.values.get(APP_FLAG.name)?.[0];
  if (flags.positionals.length > 1) throw new UsageError(`name one folder\n${DIFF_USAGE}`);
  if (dir !== undefined && app !== undefined) {
    throw new UsageError('give a hand-written tree (DIR) or an app (--app), not both');
  }
  if (app !== undefined && app.trim() === '') {
    throw new UsageError('--app needs the command that runs the app, e.g. --app "npx tsx main.ts"');
  }
  if (dir !== undefined) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${dir} is not a folder`);
    return { tree: dir };
  }
  const configured = app ?? readCdk8sConfig(process.cwd())?.app;
  return configured === undefined ? { tree: '.' } : { app: configured };
}

/**
 * The old and new trees of `subject`: the tree as it is and its copy in the checkout, or the app's plans in both.
 * @returns the two tree folders, or the exit code when an app gave no plan
 */
async function treesOf(
  subject: Subject,
  base: BaseWorktree,
  ref: string,
  io: CliIo,
  signal: AbortSignal,
): Promise<{ readonly before: string; readonly after: string } | number> {
  if ('tree' in subject) {
    const before = base.folderOf(subject.tree);
    if (fs.existsSync(before)) return { before, after: subject.tree };
    // a tree the commit does not have is compared with an empty one: everything in it is added
    const empty = path.join(base.temp, 'old');
    fs.mkdirSync(empty);
    return { before: empty, after: subject.tree };
  }
  const cwd = base.folderOf(process.cwd());
  if (!fs.existsSync(cwd)) {
    io.err(`${COMMAND}: the folder the app runs in is not in ${ref}; compare with a commit that has the app`);
    return EXIT_PROBLEMS;
  }
  base.linkDependencies(process.cwd());
  const [now, old] = await Promise.all([
    synthesizePlanAsync(subject.app, { signal }),
    synthesizePlanAsync(subject.app, { cwd, signal }),
  ]);
  if (isPlanFailure(now)) return reportPlanFailure(now, subject.app, COMMAND, io);
  if (isPlanFailure(old)) return reportPlanFailure(old, subject.app, COMMAND, io, `at ${ref}`);
  return { before: layOutPlan(old, path.join(base.temp, 'old')), after: layOutPlan(now, path.join(base.temp, 'new')) };
}

/**
 * `cdk8s-flux diff [DIR]`: prints what the change from `--base` (default HEAD) to the working tree does to what Flux
 * applies, with the dangerous changes flagged.
 *
 * @param args the arguments after `diff`
 * @returns the exit code: 0 shown, 1 dangerous with --exit-code (or the app fails), 2 wrong usage, 3 cannot run
 */
export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  let flags: ParsedFlags;
  let subject: Subject;
  const ref = (): string => flags.values.get('base')?.[0] ?? 'HEAD';
  try {
    flags = parseFlags(args, DIFF_FLAGS);
    if (flags.help) {
      io.out(DIFF_USAGE);
      return 0;
    }
    const format = flags.values.get('format')?.[0] ?? DiffFormat.TEXT;
    if (!FORMATS.includes(format)) {
      throw new UsageError(`${unknownName('format', format, FORMATS)}; the formats are ${FORMATS.join(', ')}`);
    }
    subject = subjectOf(flags);
  } catch (e) {
    return reportFailure(e, io, COMMAND);
  }
  const format = (flags.values.get('format')?.[0] ?? DiffFormat.TEXT) as DiffFormat;
  // The signal handlers are in place before the worktree is made: a signal that comes while git checks the base
  // out is handled once it is made, and removes it.
  let base: BaseWorktree | undefined;
  return withCleanUp(
    () => base?.remove(),
    async (signal) => {
      try {
        base = BaseWorktree.add('tree' in subject ? subject.tree : process.cwd(), ref());
      } catch (e) {
        if (!(e instanceof GitError)) return reportFailure(e, io, COMMAND);
        io.err(`${COMMAND}: ${e.message}`);
        return EXIT_FAILURE;
      }
      const trees = await treesOf(subject, base, ref(), io, signal);
      if (typeof trees === 'number') return trees;
      let diff: RepositoryDiff;
      try {
        diff = await diffTrees(trees.before, trees.after);
      } catch (e) {
        if (!(e instanceof KustomizeMissingError)) throw e;
        io.err(`${COMMAND}: ${e.message}`);
        return EXIT_FAILURE;
      }
      io.out(renderDiff(diff, format, io.colour === true).replace(/\n$/, ''));
      const broken = diff.notCompared.some((n) => n.failsIn !== 'old');
      return flags.values.has('exit-code') && (isDangerous(diff) || broken) ? EXIT_PROBLEMS : 0;
    },
  );
}
