import * as fs from 'fs';
import * as path from 'path';
import { ImportedRepository, importRepository } from '../import/import-repository';
import { KustomizeMissingError } from '../validate/cluster/kustomize-program';
import { writeAll } from './init-command';
import { initProjectFiles, packageNameFor } from './init-project';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { ownPackage } from './own-package';
import { UsageError, parseFlags } from './parse-flags';

/** The help text of `cdk8s-flux import`. */
export const IMPORT_USAGE = `usage: cdk8s-flux import DIR [--out FOLDER] [--url URL] [--branch BRANCH]

Turns the Flux repository in DIR into a cdk8s-flux program. DIR is read as \`cdk8s-flux validate\` reads it: each
cluster from its entry point (flux-system/gotk-sync.yaml), every Flux Kustomization on the repository built with
Kustomize. Each cluster becomes a function declaring a GitOpsRepository; each Flux Kustomization an application (in
the layer its file names) with its dependsOn as variables; each object it applies, as Flux applies it (patches,
target namespace and variables done), the typed construct of its kind: Flux kinds with their references as the
variables of their sources, Kubernetes kinds through cdk8s-plus's k8s bindings, other custom resources as ApiObjects.

The import then runs the program and compares what Flux applies from its tree with what it applies from DIR, object
by object. An object its typed construct does not reproduce is written as it is, with a comment saying why; all such
objects are listed at the end, with any object that still differs.

Without --out, main.ts is printed. With --out, FOLDER receives a project (main.ts, package.json, cdk8s.yaml,
tsconfig.json, a snapshot test of the tree): \`npm install && npm run synth\` there writes the tree.

  --out FOLDER      write a project into FOLDER (created when missing; no file is ever replaced)
  --url URL         the git repository Flux syncs, for clusters whose gotk-sync.yaml does not name it
  --branch BRANCH   its branch (default: the one gotk-sync.yaml names, else main)

example:
  cdk8s-flux import ./fleet --out fleet-ts --url ssh://git@github.com/me/fleet && cd fleet-ts && npm install && npm run synth

Exit code: 0 the program reproduces DIR, 1 some objects differ, 2 the command is used wrongly, 3 Kustomize is missing
or the file system failed.`;

function summary(result: ImportedRepository, io: CliIo): void {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.err(`imported ${plural(result.clusters.length, 'cluster')}: ${result.clusters.join(', ')}`);
  if (result.kept.length > 0) {
    io.err(`kept as written, or changed on purpose (${result.kept.length}):`);
    for (const k of result.kept)
      io.err(`  ${k.cluster}: ${k.object}${k.file === undefined ? '' : ` (${k.file})`}: ${k.reason}`);
  }
  if (result.differences.length === 0) {
    io.err('check: what Flux applies from the program is what it applies from the repository, object by object');
    return;
  }
  io.err(`check: ${plural(result.differences.length, 'object')} differ:`);
  for (const d of result.differences) {
    const [kind, namespace, name] = d.key.split('|');
    const fields = d.fields === undefined ? '' : ` (${d.fields.join(', ')})`;
    io.err(`  ${d.cluster}: ${kind} ${namespace}/${name} ${d.change}${fields}`);
  }
}

function projectReadme(name: string, source: string): string {
  return `# ${name}

The Flux repository ${source}, imported with \`cdk8s-flux import\`: \`main.ts\` declares each cluster, and synth writes
the YAML tree Flux applies.

\`\`\`sh
npm install
npm run synth        # writes the tree; commit it
npm test             # the snapshot test of the tree (the first run writes the snapshot: commit it too)
npm run check        # fails, listing the files, when the committed tree is not what main.ts synthesizes
\`\`\`
`;
}

/**
 * `cdk8s-flux import DIR [--out FOLDER]`: prints the program (or writes a project), then what was kept as written
 * and what the check found.
 *
 * @param args the arguments after `import`
 * @param cwd the folder DIR and FOLDER are relative to
 * @returns the exit code: 0 reproduced, 1 objects differ, 2 wrong usage, 3 Kustomize missing
 */
export async function runImport(args: readonly string[], io: CliIo, cwd: string = process.cwd()): Promise<number> {
  let dir: string;
  let given: string;
  let out: string | undefined;
  let url: string | undefined;
  let branch: string | undefined;
  try {
    const flags = parseFlags(args, [
      { name: 'out', kind: 'string' },
      { name: 'url', kind: 'string' },
      { name: 'branch', kind: 'string' },
    ]);
    if (flags.help) {
      io.out(IMPORT_USAGE);
      return 0;
    }
    if (flags.positionals.length !== 1) {
      throw new UsageError(
        `${flags.positionals.length === 0 ? 'name the folder to import' : 'name one folder'}\n${IMPORT_USAGE}`,
      );
    }
    given = flags.positionals[0];
    dir = path.resolve(cwd, given);
    out = flags.values.get('out')?.[0];
    url = flags.values.get('url')?.[0];
    branch = flags.values.get('branch')?.[0];
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cdk8s-flux import: ${e.message}`);
    return EXIT_USAGE;
  }
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    io.err(`cdk8s-flux import: ${given} is not a folder`);
    return EXIT_USAGE;
  }
  let result: ImportedRepository;
  try {
    result = await importRepository(dir, { url, branch });
  } catch (e) {
    if (!(e instanceof KustomizeMissingError)) throw e;
    io.err(`cdk8s-flux import: ${e.message}`);
    return EXIT_FAILURE;
  }
  if (result.clusters.length === 0) {
    for (const k of result.kept) io.err(`cdk8s-flux import: ${k.cluster}: ${k.reason}`);
    io.err(`cdk8s-flux import: ${given} holds no cluster to import (no flux-system/gotk-sync.yaml entry point)`);
    return EXIT_PROBLEMS;
  }
  if (out === undefined) {
    io.out(result.program.trimEnd());
  } else {
    const target = path.resolve(cwd, out);
    const name = packageNameFor(path.basename(target));
    const files = new Map([
      ...initProjectFiles(name, ownPackage(), {
        main: result.program,
        readme: projectReadme(name, path.basename(dir)),
        dependencies: result.program.includes("from 'cdk8s-plus-30'") ? ['cdk8s-plus-30'] : [],
      }),
      ...result.files,
    ]);
    const existing = [...files.keys()].filter((f) => fs.existsSync(path.join(target, ...f.split('/'))));
    if (existing.length > 0) {
      io.err(`cdk8s-flux import: ${out} already has ${existing.join(', ')}; nothing was written`);
      return EXIT_PROBLEMS;
    }
    writeAll(target, files);
    for (const file of files.keys()) io.out(`wrote ${path.join(out, file)}`);
  }
  summary(result, io);
  return result.differences.length === 0 ? 0 : EXIT_PROBLEMS;
}
