import * as fs from 'fs';
import * as path from 'path';
import { Issue } from '../errors';
import { isBootstrapFile } from './bootstrap';
import { didYouMean } from '../sops/base/did-you-mean';
import { isPlainObject } from '../sops/base/plain-object';

/** The names Kustomize looks for in a folder, in its order. */
export const KUSTOMIZE_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * True when a parsed YAML document is a Kustomize configuration (`kustomize.config.k8s.io`), not an object for the
 * cluster. A `kustomization.yaml` may leave apiVersion and kind out, as Kustomize allows.
 */
export function isKustomizeConfig(doc: Record<string, unknown>, fileName: string): boolean {
  if (typeof doc.apiVersion === 'string') return doc.apiVersion.startsWith('kustomize.config.k8s.io/');
  return KUSTOMIZE_FILE_NAMES.includes(fileName);
}

/** What a Kustomize configuration says about the files around it. */
export interface KustomizeConfigInfo {
  /** Problems: entries that point to nothing. */
  readonly issues: Issue[];
  /**
   * Files (relative to the tree root) the configuration uses other than as resources: patches (partial objects),
   * generator and transformer configurations, generator inputs. They are never objects to apply.
   */
  readonly usedFiles: string[];
  /** Files listed in `resources` whose objects Kustomize moves to the configuration's `namespace`. */
  readonly namespaced: Map<string, string>;
  /** Files (not folders) listed in `resources`/`bases`: the only files of its folder that Kustomize applies. */
  readonly resourceFiles: string[];
}

/** A remote resource (`https://...`, `github.com/org/repo//path?ref=v1`), which cannot be checked offline. */
function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('git@') || /^[\w.-]+\.[a-z]{2,}\//i.test(entry);
}

/**
 * Checks one Kustomize configuration of a tree: every local `resources`/`bases`/`components` entry exists (a folder
 * must hold a Kustomize file), and every patch file (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`) exists. `gotk-components.yaml` and `gotk-sync.yaml` of a `flux-system` folder may be
 * missing: `flux bootstrap` writes them.
 *
 * @param root the tree's folder on disk
 * @param file the configuration's path relative to `root`, `/`-separated
 */
export function checkKustomizeConfig(root: string, file: string, config: Record<string, unknown>): KustomizeConfigInfo {
  const info: KustomizeConfigInfo = { issues: [], usedFiles: [], namespaced: new Map(), resourceFiles: [] };
  const dir = path.posix.dirname(file);
  const resolve = (entry: string) => path.posix.normalize(dir === '.' ? entry : `${dir}/${entry}`);
  const stat = (rel: string) => {
    try {
      return fs.statSync(path.join(root, ...rel.split('/')));
    } catch {
      return undefined;
    }
  };
  const problem = (field: string, value: string, message: string, fix: string) =>
    info.issues.push({ file, field, value, message, fix });
  /** ` (did you mean "x"?)` when a file or folder beside the missing one has a close name. */
  const nearby = (target: string) => {
    const folder = path.posix.dirname(target);
    let names: string[];
    try {
      names = fs.readdirSync(path.join(root, ...folder.split('/')));
    } catch {
      return '';
    }
    const close = didYouMean(path.posix.basename(target), names);
    return close === undefined ? '' : ` (did you mean "${close}"?)`;
  };
  const strings = (key: string): [string, string][] => {
    const list = config[key];
    if (!Array.isArray(list)) return [];
    return list.flatMap((v: unknown, i) => (typeof v === 'string' ? [[`${key}[${i}]`, v] as [string, string]] : []));
  };

  const namespace = typeof config.namespace === 'string' && config.namespace !== '' ? config.namespace : undefined;
  for (const [field, entry] of [...strings('resources'), ...strings('bases'), ...strings('components')]) {
    if (isRemote(entry)) continue;
    const target = resolve(entry);
    const found = stat(target);
    if (found === undefined) {
      if (isBootstrapFile(target)) continue;
      problem(
        field,
        entry,
        'points to a file or folder that does not exist',
        `create ${target}, fix the entry${nearby(target)}, or remove it`,
      );
    } else if (found.isDirectory()) {
      if (!KUSTOMIZE_FILE_NAMES.some((n) => stat(`${target}/${n}`)?.isFile() === true)) {
        problem(
          field,
          entry,
          'is a folder without a kustomization.yaml',
          `add ${target}/kustomization.yaml listing its files`,
        );
      }
    } else if (!field.startsWith('components')) {
      info.resourceFiles.push(target);
      if (namespace !== undefined) info.namespaced.set(target, namespace);
    }
  }

  const patchPaths: [string, string][] = [...strings('patchesStrategicMerge').filter(([, v]) => !v.includes('\n'))];
  for (const key of ['patches', 'patchesJson6902']) {
    const list = config[key];
    if (!Array.isArray(list)) continue;
    list.forEach((p: unknown, i) => {
      if (isPlainObject(p) && typeof p.path === 'string') patchPaths.push([`${key}[${i}].path`, p.path]);
    });
  }
  for (const [field, entry] of patchPaths) {
    const target = resolve(entry);
    if (stat(target)?.isFile() === true) info.usedFiles.push(target);
    else
      problem(
        field,
        entry,
        'points to a patch file that does not exist',
        `create ${target}, or fix the path${nearby(target)}`,
      );
  }
  // Plugin configurations and generator inputs may look like objects; they are not applied.
  const plugins = ['generators', 'transformers', 'validators', 'configurations', 'crds'].flatMap(strings);
  const inputs = ['configMapGenerator', 'secretGenerator', 'replacements', 'helmCharts'].flatMap((key) => {
    const list = config[key];
    if (!Array.isArray(list)) return [];
    return list.flatMap((g: unknown) => {
      if (!isPlainObject(g)) return [];
      const asList = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
      return [...asList(g.files), ...asList(g.envs), g.path, g.valuesFile]
        .filter((f): f is string => typeof f === 'string')
        .map((f) => ['', f.slice(f.indexOf('=') + 1)] as [string, string]);
    });
  });
  for (const [, entry] of [...plugins, ...inputs]) {
    if (!entry.includes('\n') && !isRemote(entry)) info.usedFiles.push(resolve(entry));
  }
  return info;
}
