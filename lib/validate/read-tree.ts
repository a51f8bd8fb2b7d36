import * as fs from 'fs';
import * as path from 'path';
import { Document, parseAllDocuments } from 'yaml';
import { Issue } from '../errors';
import { describeYamlError } from '../sops/stores/yaml-error-text';
import { BOOTSTRAP_FILES, BOOTSTRAP_FOLDER, bootstrapObjects } from './bootstrap';
import { KUSTOMIZE_FILE_NAMES, checkKustomizeConfig, isKustomizeConfig } from './kustomize-config';
import { isClusterScoped } from './kinds';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';

/** A folder of hand-written Flux manifests read into records. */
export interface TreeRead {
  /**
   * Every object of the tree (documents of patch files left out), then the objects `flux bootstrap` makes there as
   * external records (see {@link bootstrapObjects}).
   */
  readonly records: readonly ManifestRecord[];
  /** Problems found while reading: YAML syntax, Kustomize entries that point to nothing. */
  readonly issues: readonly Issue[];
  /**
   * Objects of files that a folder's kustomization.yaml does not list: never applied (each file gives an issue), but
   * still committed, so the clear-text Secret guard looks at them.
   */
  readonly unlisted: readonly ManifestRecord[];
  /** The files that hold at least one object, sorted. */
  readonly files: readonly string[];
  /**
   * The cluster folders: those holding a `flux-system` bootstrap folder (`""` when the tree root is one). Each cluster
   * sees its own objects and every object outside all cluster folders.
   */
  readonly clusters: readonly string[];
}

/**
 * Every `.yaml`/`.yml` file and Kustomize file under `root`, relative and sorted. Dot files and folders (`.git`,
 * `.sops.yaml`, `.fluxschema.yml`: tool settings, never applied), `node_modules`, and Helm chart folders (a
 * `Chart.yaml` beside templates that are not YAML until rendered) are skipped.
 */
export function yamlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = fs.readdirSync(rel === '' ? root : path.join(root, rel), { withFileTypes: true });
    if (rel !== '' && entries.some((e) => e.isFile() && e.name === 'Chart.yaml')) return;
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && (/\.ya?ml$/.test(entry.name) || KUSTOMIZE_FILE_NAMES.includes(entry.name))) {
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

/**
 * A document's value, or what is wrong with it: the line and the kind of error only, since the `yaml` package's
 * messages quote the source text, which in a Secret is a secret value.
 */
export function readDocument(
  document: Document.Parsed,
  text: string,
): { readonly value: unknown } | { readonly line: number; readonly problem: string } {
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const error = document.errors[0];
  if (error !== undefined) {
    return { line: lineAt(error.pos[0]), problem: describeYamlError(error.code) };
  }
  try {
    return { value: document.toJS() };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    // toJS refuses an alias without anchor and aliases that expand too much (a resource-exhaustion guard)
    const problem = e.message.startsWith('Unresolved alias')
      ? 'an alias has no anchor before it'
      : 'aliases expand too much';
    return { line: lineAt(document.range[0]), problem };
  }
}

/**
 * Reads a folder of Flux manifests (a hand-written GitOps repository) into records, with `file` relative to `root`.
 *
 * Documents with `apiVersion` and `kind` are objects, as Flux applies them: in a folder with a kustomization.yaml,
 * the files it lists in `resources` (a file of objects it does not list is reported: Flux would never apply it); in a
 * folder without one, every file. Kustomize configurations are checked (see {@link checkKustomizeConfig}) and their
 * `namespace` is applied to the files they list; patches and generator inputs are never objects; documents with a
 * top-level `sops` block are recorded as encrypted.
 */
export function readTree(root: string): TreeRead {
  const issues: Issue[] = [];
  const objects: { file: string; doc: Record<string, unknown> }[] = [];
  const configs: { file: string; doc: Record<string, unknown> }[] = [];
  const bootstrapFolders = new Set<string>();
  for (const file of yamlFiles(root)) {
    const base = path.posix.basename(file);
    const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
    if (BOOTSTRAP_FILES.includes(base) && path.posix.basename(dir) === BOOTSTRAP_FOLDER) bootstrapFolders.add(dir);
    const text = fs.readFileSync(path.join(root, ...file.split('/')), 'utf8');
    for (const document of parseAllDocuments(text)) {
      const read = readDocument(document, text);
      if ('problem' in read) {
        issues.push({
          file,
          field: 'yaml',
          value: `line ${read.line}`,
          message: `is not valid YAML (${read.problem})`,
          fix: 'fix the syntax; `yamllint` shows where',
        });
        continue;
      }
      const doc = read.value;
      if (!isPlainObject(doc)) continue;
      if (isKustomizeConfig(doc, base)) configs.push({ file, doc });
      else if (typeof doc.apiVersion === 'string' && typeof doc.kind === 'string') objects.push({ file, doc });
    }
  }

  const usedFiles = new Set<string>();
  const listed = new Set<string>();
  const kustomizeFolders = new Set(configs.map((c) => path.posix.dirname(c.file)));
  const namespaces = new Map<string, string>();
  for (const { file, doc } of configs) {
    const info = checkKustomizeConfig(root, file, doc);
    issues.push(...info.issues);
    info.usedFiles.forEach((f) => usedFiles.add(f));
    info.resourceFiles.forEach((f) => listed.add(f));
    for (const [f, ns] of info.namespaced) if (!namespaces.has(f)) namespaces.set(f, ns);
    const dir = path.posix.dirname(file);
    const listsBootstrapFile =
      Array.isArray(doc.resources) && doc.resources.some((r) => BOOTSTRAP_FILES.includes(r as string));
    if (path.posix.basename(dir) === BOOTSTRAP_FOLDER && listsBootstrapFile)
      bootstrapFolders.add(dir === '.' ? '' : dir);
  }

  const records: ManifestRecord[] = [];
  const unlisted: ManifestRecord[] = [];
  for (const { file, doc } of objects) {
    if (usedFiles.has(file)) continue;
    const namespace = namespaces.get(file);
    const manifest =
      namespace !== undefined && !isClusterScoped(doc.kind as string)
        ? { ...doc, metadata: { ...(isPlainObject(doc.metadata) ? doc.metadata : {}), namespace } }
        : doc;
    const record = { manifest, file, ...(isPlainObject(doc.sops) ? { encrypted: true } : {}) };
    // Kustomize applies only what a folder's kustomization.yaml lists; in a folder without one, Flux applies all.
    const dir = path.posix.dirname(file);
    if (!kustomizeFolders.has(dir) || listed.has(file)) {
      records.push(record);
      continue;
    }
    if (!unlisted.some((r) => r.file === file)) {
      const config = configs.find((c) => path.posix.dirname(c.file) === dir)?.file ?? `${dir}/kustomization.yaml`;
      issues.push({
        file,
        field: 'resources',
        message: `holds objects that ${config} does not list, so Flux never applies them`,
        fix: `add ${path.posix.basename(file)} to resources in ${config}, or remove the file`,
      });
    }
    unlisted.push(record);
  }
  const folders = [...bootstrapFolders].sort();
  const clusters = folders.map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : ''));
  return {
    records: [...records, ...bootstrapObjects(folders, records)],
    issues,
    unlisted,
    files: [...new Set(records.map((r) => r.file as string))].sort(),
    clusters: [...new Set(clusters)],
  };
}
