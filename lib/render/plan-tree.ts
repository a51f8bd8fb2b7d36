import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Issue } from '../errors';
import { ExternalObject } from '../flux/external-object';
import { FluxSystemFolder } from '../repo/flux-system-folder';
import { TreeFolder } from '../repo/tree-folder';
import { ManifestRecord } from '../validate/record';
import { plaintextSecretReason } from '../validate/secret-guard';
import { isTreeFile } from './tree-file';
import { canonicalObject, toYaml } from './yaml';

/** The name of the Kustomize file every folder of the tree gets. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Everything a synth would write, before it is validated and written. */
export interface TreePlan {
  /** File contents by path relative to the output root, sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Every object of the app (and every external declaration), for validation. */
  readonly records: readonly ManifestRecord[];
  /** Problems found while laying out the tree (objects outside folders, two objects in one file...). */
  readonly issues: readonly Issue[];
}

interface FolderContent {
  readonly folder: TreeFolder;
  /** file name -> documents (API objects) or whole content (tree files) */
  readonly files: Map<string, { docs: Record<string, unknown>[]; paths: string[]; content?: string }>;
}

/** The tree root of the repository `c` belongs to: its folder's, or its repository's (duck-typed `rootPath`). */
function clusterOf(c: IConstruct): string | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (TreeFolder.isTreeFolder(s)) return s.treeRoot;
    const root = (s as { rootPath?: unknown }).rootPath;
    if (typeof root === 'string') return root;
  }
  return undefined;
}

function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function kustomizationYaml(resources: readonly string[], fields: Readonly<Record<string, unknown>> = {}): string {
  const own = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] };
  return toYaml([{ ...own, ...fields, ...own }]);
}

/**
 * Lays out every folder, object and file of an app as the files of a GitOps tree.
 *
 * @param root the app (or any construct) whose tree is planned
 * @param exists whether a file (relative to the output root) exists on disk, for files synth does not write itself
 */
export function planTree(root: IConstruct, exists: (path: string) => boolean): TreePlan {
  const issues: Issue[] = [];
  const records: ManifestRecord[] = [];
  const folders = new Map<string, FolderContent>();
  const contentOf = (folder: TreeFolder): FolderContent => {
    let c = folders.get(folder.folderPath);
    if (c === undefined) {
      c = { folder, files: new Map() };
      folders.set(folder.folderPath, c);
    } else if (c.folder !== folder) {
      issues.push({
        constructPath: folder.node.path,
        field: 'folder',
        value: folder.folderPath,
        message: `is also the folder of ${c.folder.node.path}`,
        fix: 'give one of them another name or path',
      });
    }
    return c;
  };

  for (const c of root.node.findAll()) {
    if (TreeFolder.isTreeFolder(c)) contentOf(c);
    if (c instanceof ExternalObject) {
      records.push({
        manifest: {
          apiVersion: c.ref.apiVersion,
          kind: c.ref.kind,
          metadata: { name: c.ref.name, namespace: c.ref.namespace },
        },
        constructPath: c.node.path,
        external: true,
        ...(clusterOf(c) === undefined ? {} : { cluster: clusterOf(c) }),
      });
      continue;
    }
    const isObject = c instanceof ApiObject;
    if (!isObject && !isTreeFile(c)) continue;
    const folder = TreeFolder.enclosing(c);
    if (folder === undefined) {
      issues.push({
        constructPath: c.node.path,
        field: 'scope',
        message: 'is not inside a folder of the GitOps tree, so it would not be written anywhere',
        fix: 'create it inside an application, e.g. `new X(repo.service("name"), ...)`',
      });
      continue;
    }
    const content = contentOf(folder);
    const fileName = isObject ? folder.fileNameFor(c) : c.fileName;
    const filePath = `${folder.folderPath}/${fileName}`;
    const entry = content.files.get(fileName) ?? { docs: [], paths: [] };
    const clash =
      entry.paths.length > 0 && !(isObject && folder instanceof FluxSystemFolder && entry.content === undefined);
    if (fileName === KUSTOMIZATION_FILE || clash) {
      issues.push({
        constructPath: c.node.path,
        file: filePath,
        field: 'metadata.name',
        value: fileName,
        message:
          fileName === KUSTOMIZATION_FILE
            ? "would overwrite the folder's kustomization.yaml"
            : `would be written to the same file as ${entry.paths.join(', ')}`,
        fix: 'give the object another name (or kind), or move it to another application',
      });
      continue;
    }
    if (isObject) {
      const manifest = canonicalObject(c.toJson() as Record<string, unknown>);
      entry.docs.push(manifest);
      const reason = plaintextSecretReason(c);
      records.push({
        manifest,
        file: filePath,
        constructPath: c.node.path,
        cluster: folder.treeRoot,
        ...(reason ? { plaintextSecretReason: reason } : {}),
      });
    } else {
      entry.content = c.renderContent();
      records.push(
        ...c.records(filePath).map((r) => ({
          ...r,
          constructPath: r.constructPath ?? c.node.path,
          cluster: folder.treeRoot,
        })),
      );
    }
    entry.paths.push(c.node.path);
    content.files.set(fileName, entry);
  }

  // Folders that hold something, and every folder between them and their tree root, get a kustomization.yaml.
  const resources = new Map<string, Set<string>>();
  const addResource = (dir: string, item: string) => {
    let set = resources.get(dir);
    if (set === undefined) resources.set(dir, (set = new Set()));
    set.add(item);
  };
  const files = new Map<string, string>();
  const kustomizeFields = new Map<string, Readonly<Record<string, unknown>>>();
  for (const { folder, files: folderFiles } of folders.values()) {
    kustomizeFields.set(folder.folderPath, folder.kustomizeFields());
    for (const [name, entry] of folderFiles) {
      files.set(`${folder.folderPath}/${name}`, entry.content ?? toYaml(entry.docs));
      addResource(folder.folderPath, name);
    }
    for (const name of folder.externalFiles(exists)) addResource(folder.folderPath, name);
    if (!resources.has(folder.folderPath)) continue;
    let dir = folder.folderPath;
    while (dir !== folder.treeRoot && parentDir(dir) !== folder.treeRoot && dir !== '') {
      const parent = parentDir(dir);
      addResource(parent, dir.slice(parent === '' ? 0 : parent.length + 1));
      dir = parent;
    }
  }
  for (const [dir, items] of resources) {
    const file = dir === '' ? KUSTOMIZATION_FILE : `${dir}/${KUSTOMIZATION_FILE}`;
    files.set(file, kustomizationYaml([...items].sort(), kustomizeFields.get(dir)));
  }
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { files: sorted, records, issues };
}
