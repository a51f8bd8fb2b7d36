import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../render/atomic-write';
import { initProjectFiles, packageNameFor } from './init-project';
import { CliIo, EXIT_PROBLEMS } from './io';
import { FlagSpec, UsageError, parseFlags } from './parse-flags';
import { ownPackage } from './own-package';
import { reportFailure } from './report-failure';

/** The help text of `cdk8s-flux init`. */
const INIT_USAGE = `usage: cdk8s-flux init [DIR]

Writes a new cdk8s-flux project into DIR (default: the working directory; created when missing): package.json,
cdk8s.yaml, tsconfig.json, .gitignore, README.md, main.ts with a small cluster, and test/main.test.ts, a jest
snapshot test of its tree. The project synthesizes and its test passes as written; the dependency versions are the
ones cdk8s-flux is tested with. No file is ever replaced: when any of these files exists, nothing is written.

example:
  npx cdk8s-flux init my-cluster && cd my-cluster && npm install && npm run synth && npm test

Exit code: 0 written, 1 a file exists already, 2 the command is used wrongly, 3 the file system failed.`;

const INIT_FLAGS: readonly FlagSpec[] = [];

/**
 * Writes every file, or none: a failure part way removes the files already written.
 *
 * @throws the file system error (`EEXIST` when a file appeared meanwhile)
 */
export function writeAll(dir: string, files: ReadonlyMap<string, string>): void {
  const written: string[] = [];
  try {
    for (const [file, text] of files) {
      const full = path.join(dir, ...file.split('/'));
      writeFileAtomic(full, text);
      written.push(full);
    }
  } catch (e) {
    for (const full of written) fs.rmSync(full, { force: true });
    throw e;
  }
}

/**
 * `cdk8s-flux init [DIR]`: writes a consumer project (see {@link initProjectFiles}) and says what to run next.
 *
 * @param args the arguments after `init`
 * @param cwd the folder DIR is relative to
 * @returns the exit code
 */
export function runInit(args: readonly string[], io: CliIo, cwd: string = process.cwd()): number {
  try {
    const flags = parseFlags(args, INIT_FLAGS);
    if (flags.help) {
      io.out(INIT_USAGE);
      return 0;
    }
    if (flags.positionals.length > 1) throw new UsageError(`name one folder\n${INIT_USAGE}`);
    const given = flags.positionals[0] ?? '.';
    const dir = path.resolve(cwd, given);
    const files = initProjectFiles(packageNameFor(path.basename(dir)), ownPackage());
    const existing = [...files.keys()].filter((f) => fs.existsSync(path.join(dir, ...f.split('/'))));
    if (existing.length > 0) {
      io.err(`cdk8s-flux init: ${given} already has ${existing.join(', ')}; nothing was written`);
      io.err('cdk8s-flux init: name an empty or new folder, or move these files away first');
      return EXIT_PROBLEMS;
    }
    writeAll(dir, files);
    for (const file of files.keys()) io.out(`wrote ${path.join(given, file)}`);
    io.out('');
    io.out('next:');
    if (given !== '.') io.out(`  cd ${given}`);
    io.out('  npm install');
    io.out('  npm run synth    # writes the GitOps tree into cluster/');
    io.out('  npm test         # the snapshot test of the tree');
    return 0;
  } catch (e) {
    return reportFailure(e, io, 'cdk8s-flux init');
  }
}
