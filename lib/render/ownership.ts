import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { KUSTOMIZATION_FILE } from './kustomization-files';
import { Issue } from '../errors';
import { WRITTEN_FILES_LIST, readWrittenFiles } from './write-tree';

/** The files on disk a synth into `outdir` would affect without having written them. */
export interface Ownership {
  /** Files the tree would write over that no earlier synth wrote (they are not in its list). */
  readonly unowned: readonly string[];
  /**
   * YAML files in the tree's folders that synth neither writes nor lists in a `kustomization.yaml`: after the synth
   * Flux no longer applies them, and they stay as they are.
   */
  readonly unlisted: readonly string[];
}

function isYaml(file: string): boolean {
  return /\.ya?ml$/.test(file);
}

/** Every file under `dir` (relative to `outdir`), skipping hidden folders and `node_modules`. */
function filesUnder(outdir: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(outdir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  if (fs.statSync(path.join(outdir, dir), { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  return out;
}

/** The files the `kustomization.yaml` files of the tree list, relative to `outdir`. */
function listedFiles(files: ReadonlyMap<string, string>): Set<string> {
  const listed = new Set<string>();
  for (const [file, content] of files) {
    if (path.posix.basename(file) !== KUSTOMIZATION_FILE) continue;
    const dir = path.posix.dirname(file);
    const { resources } = parse(content) as { resources?: unknown };
    if (!Array.isArray(resources)) continue;
    for (const r of resources) if (typeof r === 'string') listed.add(dir === '.' ? r : `${dir}/${r}`);
  }
  return listed;
}

/** The folders of `outdir` (relative) a tree at `root` spans: the root itself, or every visible top folder for `""`. */
function treeFolders(outdir: string, root: string): string[] {
  if (root !== '') return [root];
  if (!fs.existsSync(outdir)) return [];
  return fs
    .readdirSync(outdir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => e.name);
}

/**
 * What writing `files` into `outdir` would replace without licence, and what it would leave unlisted in the folders
 * of the trees at `roots` (relative to `outdir`), searched to any depth.
 */
export function treeOwnership(outdir: string, files: ReadonlyMap<string, string>, roots: readonly string[]): Ownership {
  const owned = new Set(readWrittenFiles(outdir));
  const unowned = [...files.keys()].filter((f) => !owned.has(f) && fs.existsSync(path.join(outdir, f)));
  const listed = listedFiles(files);
  const folders = new Set(roots.flatMap((root) => treeFolders(outdir, root)));
  const unlisted = [...folders]
    .flatMap((folder) => filesUnder(outdir, folder))
    .filter((f) => isYaml(f) && !files.has(f) && !owned.has(f) && !listed.has(f))
    .sort();
  return { unowned, unlisted };
}

/**
 * The refusal of a synth that would replace files it does not own: one issue per such file, and one per YAML file it
 * would leave unlisted, so the whole migration can be reviewed before it is asked for.
 */
export function adoptionIssues(ownership: Ownership): Issue[] {
  if (ownership.unowned.length === 0) return [];
  const adopt =
    'run `cdk8s-flux synth --adopt` (or set CDK8S_FLUX_ADOPT=1, or FluxApp adopt: true) to replace them and take them over';
  return [
    ...ownership.unowned.map((file) => ({
      file,
      field: 'file',
      message: `exists and was not written by cdk8s-flux (it is not in ${WRITTEN_FILES_LIST}), so synth would replace it`,
      fix: `move it out of the way, or ${adopt}`,
    })),
    ...ownership.unlisted.map((file) => ({
      file,
      field: 'file',
      message:
        'is a YAML file of the tree that no kustomization.yaml would list after this synth, so Flux would stop applying it',
      fix: 'declare its objects in the code and delete it, or keep it if nothing needs it (synth leaves it as it is)',
    })),
  ];
}
