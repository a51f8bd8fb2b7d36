import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { KUSTOMIZE_FILE_NAMES } from '../kustomize-config';
import { isPlainObject } from '../../sops/base/plain-object';

/**
 * Every file a build of one folder may read, as paths relative to the tree root, over-approximated: a build reads
 * nothing outside them, but may read less.
 */
export interface BuildInputs {
  /** Single files named by a Kustomize configuration (patches, generator inputs, resources). */
  readonly files: ReadonlySet<string>;
  /** Folders whose own files (not their sub-folders) may all be read: those with a kustomization.yaml. */
  readonly folders: ReadonlySet<string>;
  /**
   * Folders read at any depth (a folder without a kustomization.yaml, whose YAML files kustomize-controller lists),
   * and paths named but not there (a file or folder there would be read).
   */
  readonly trees: ReadonlySet<string>;
}

const MAX_PATH = 4096;

/** Every string of a parsed Kustomize configuration that could name a path (one line, not a URL). */
function pathLikeStrings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.length < MAX_PATH && !value.includes('\n') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      // a generator entry may be `key=file`
      out.push(value, ...(value.includes('=') ? [value.slice(value.indexOf('=') + 1)] : []));
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => pathLikeStrings(v, out));
  } else if (isPlainObject(value)) {
    Object.values(value).forEach((v) => pathLikeStrings(v, out));
  }
  return out;
}

/**
 * The inputs of building `folder` (an absolute folder under `root`) for a Flux Kustomization with the given
 * `spec.components`: the folder, and everything its Kustomize configurations name, transitively. Any string of a
 * configuration that resolves to a path inside the tree counts, so a field Kustomize adds later is covered too.
 */
export function buildInputs(root: string, folder: string, components: readonly string[]): BuildInputs {
  const files = new Set<string>();
  const folders = new Set<string>();
  const trees = new Set<string>();
  const seen = new Set<string>();
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const inside = (abs: string) => abs === root || !path.relative(root, abs).startsWith('..');

  const visitPath = (abs: string) => {
    if (!inside(abs)) return;
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (stat === undefined) trees.add(rel(abs));
    else if (stat.isDirectory()) visitFolder(abs);
    else files.add(rel(abs));
  };
  const visitConfigs = (dir: string): boolean => {
    let found = false;
    for (const name of KUSTOMIZE_FILE_NAMES) {
      const file = path.join(dir, name);
      if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      found = true;
      let config: unknown;
      try {
        config = parse(fs.readFileSync(file, 'utf8'));
      } catch {
        continue; // the build fails on it, and fails the same way while the file is the same
      }
      for (const entry of pathLikeStrings(config, [])) visitPath(path.resolve(dir, entry));
    }
    return found;
  };
  const visitFolder = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    if (visitConfigs(dir)) {
      folders.add(rel(dir));
      return;
    }
    trees.add(rel(dir));
    // the sub-folders with a configuration of their own are built as they are, and may name paths elsewhere
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) {
        const sub = path.join(entry.parentPath, entry.name);
        if (!seen.has(sub)) visitConfigs(sub);
      }
    }
  };
  visitFolder(folder);
  components.forEach((c) => visitPath(path.resolve(folder, c)));
  return { files, folders, trees };
}

/** True when the file `file` (relative to the tree root) is among the inputs. */
export function readsFile(inputs: BuildInputs, file: string): boolean {
  if (inputs.files.has(file)) return true;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  if (inputs.folders.has(dir)) return true;
  for (const tree of inputs.trees) if (tree === '' || file === tree || file.startsWith(`${tree}/`)) return true;
  return false;
}
