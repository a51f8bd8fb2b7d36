import * as fs from 'fs';
import * as path from 'path';
import { BuildInputs, readsFile } from './build-inputs';
import { BuiltObject, FluxBuildResult } from './flux-build';

/** One build kept: its result with origins relative to the tree, and what it read. */
interface CachedBuild {
  readonly root: string;
  readonly inputs: BuildInputs;
  readonly result: { readonly objects: readonly BuiltObject[] } | { readonly error: string };
}

/** The files of a tree as walks see them (dot files and folders left out), relative, with their contents. */
function treeFiles(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), child);
      else if (entry.isFile()) out.set(child, fs.readFileSync(path.join(dir, entry.name)));
    }
  };
  walk(root, '');
  return out;
}

/**
 * Builds shared between walks of two trees that differ in a few files (two states of one repository): a build of the
 * second walk is taken from the first when the Flux Kustomization, its folder and its variables are the same and no
 * file it may read differs between the trees. `cdk8s-flux diff` walks both states with one cache, so the second walk
 * builds only what the change touches.
 */
export class BuildCache {
  private readonly builds = new Map<string, CachedBuild>();
  private readonly differences = new Map<string, ReadonlySet<string>>();

  /** The files that differ between two trees (in one, not the other, or with other contents). */
  private changedFiles(a: string, b: string): ReadonlySet<string> {
    const pair = JSON.stringify([a, b].sort());
    const known = this.differences.get(pair);
    if (known !== undefined) return known;
    const left = treeFiles(a);
    const right = treeFiles(b);
    const changed = new Set<string>();
    for (const [file, content] of left) if (!right.get(file)?.equals(content)) changed.add(file);
    for (const file of right.keys()) if (!left.has(file)) changed.add(file);
    this.differences.set(pair, changed);
    return changed;
  }

  /**
   * The build `key` made for the tree at `root`, or undefined when none was or when a file it reads differs between
   * that tree and this one.
   *
   * @param key what decides the build besides the files: the folder, the Flux Kustomization, its variables
   * @param mirror the folder the tree is copied to for this walk: origins are given back inside it
   */
  lookup(root: string, key: string, mirror: string): FluxBuildResult | undefined {
    const cached = this.builds.get(key);
    if (cached === undefined) return undefined;
    if (cached.root !== root) {
      for (const file of this.changedFiles(cached.root, root)) if (readsFile(cached.inputs, file)) return undefined;
    }
    if ('error' in cached.result) return cached.result;
    return {
      objects: cached.result.objects.map((o) => ({
        ...o,
        origin: o.origin === undefined ? undefined : path.join(mirror, ...o.origin.split('/')),
      })),
    };
  }

  /** Keeps a build of the tree at `root`, whose copy for the walk is `mirror`. */
  store(root: string, key: string, mirror: string, inputs: BuildInputs, result: FluxBuildResult): void {
    if (this.builds.has(key)) return;
    const stored =
      'error' in result
        ? result
        : {
            objects: result.objects.map((o) => ({
              ...o,
              origin: o.origin === undefined ? undefined : path.relative(mirror, o.origin).split(path.sep).join('/'),
            })),
          };
    this.builds.set(key, { root: path.resolve(root), inputs, result: stored });
  }
}
