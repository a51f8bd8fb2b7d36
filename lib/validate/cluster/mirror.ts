import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { Issue } from '../../errors';
import { BOOTSTRAP_FILES, BOOTSTRAP_FOLDER } from '../bootstrap';
import { KUSTOMIZE_FILE_NAMES } from '../kustomize-config';
import { isPlainObject } from '../../sops/base/plain-object';

/** The generator inputs of a Kustomize configuration: `[field, file]` for each `files`/`envs` entry. */
function generatorInputs(config: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    const list = config[key];
    if (!Array.isArray(list)) continue;
    list.forEach((generator: unknown, i) => {
      if (!isPlainObject(generator)) return;
      for (const part of ['files', 'envs']) {
        const entries = generator[part];
        if (!Array.isArray(entries)) continue;
        entries.forEach((entry: unknown, j) => {
          if (typeof entry === 'string') out.push([`${key}[${i}].${part}[${j}]`, entry.slice(entry.indexOf('=') + 1)]);
        });
      }
    });
  }
  return out;
}

/**
 * Copies a tree (without dot files and folders) into `into`, where Kustomize builds it, with stand-ins for files a
 * build needs that the tree does not hold: the `gotk-components.yaml` and `gotk-sync.yaml` that `flux bootstrap`
 * writes (left out of many repositories), and generator inputs that are not there (an empty file, reported).
 *
 * @returns one warning per missing generator input, at the kustomization.yaml that names it
 */
export function mirrorTree(root: string, into: string): Issue[] {
  fs.cpSync(root, into, {
    recursive: true,
    filter: (source) => source === root || !path.basename(source).startsWith('.'),
  });
  const warnings: Issue[] = [];
  for (const entry of fs.readdirSync(into, { recursive: true, withFileTypes: true })) {
    const dir = entry.parentPath;
    if (entry.isDirectory() && entry.name === BOOTSTRAP_FOLDER) {
      for (const file of BOOTSTRAP_FILES) {
        const target = path.join(dir, entry.name, file);
        if (!fs.existsSync(target)) fs.writeFileSync(target, '');
      }
    }
    if (!entry.isFile() || !KUSTOMIZE_FILE_NAMES.includes(entry.name)) continue;
    let config: unknown;
    try {
      config = parse(fs.readFileSync(path.join(dir, entry.name), 'utf8'));
    } catch {
      continue;
    }
    if (!isPlainObject(config)) continue;
    const file = path.relative(into, path.join(dir, entry.name)).split(path.sep).join('/');
    for (const [field, input] of generatorInputs(config)) {
      const target = path.resolve(dir, input);
      if (fs.existsSync(target) || path.relative(into, target).startsWith('..')) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, '');
      warnings.push({
        file,
        field,
        value: input,
        message: 'names a file that is not in the tree (checked here as an empty file)',
        fix: 'add the file; Flux fails to build this folder if the repository does not hold it',
      });
    }
  }
  return warnings;
}
