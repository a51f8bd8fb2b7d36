import { FolderContents } from './folder-contents';
import { toYaml } from './yaml';

/** The name of the Kustomize file every folder of the tree gets. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function kustomizationYaml(resources: readonly string[], fields: Readonly<Record<string, unknown>>): string {
  const own = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] };
  return toYaml([{ ...own, ...fields, ...own }]);
}

/**
 * The `kustomization.yaml` files of a tree, by path relative to the output root: every folder that holds a file
 * (`fileNames`, the files written into each folder, by folder path, or an external file) lists them, a folder
 * written when empty lists nothing, and every
 * folder between it and its tree root lists its sub-folder. Resources are sorted by name.
 *
 * @param fileNames the names of the files written into each folder, by folder path
 */
export function kustomizationFiles(
  folders: readonly FolderContents[],
  fileNames: ReadonlyMap<string, readonly string[]>,
): Map<string, string> {
  const resources = new Map<string, Set<string>>();
  const addResource = (dir: string, item: string) => {
    let set = resources.get(dir);
    if (set === undefined) resources.set(dir, (set = new Set()));
    set.add(item);
  };
  const kustomizeFields = new Map<string, Readonly<Record<string, unknown>>>();
  for (const folder of folders) {
    kustomizeFields.set(folder.folderPath, folder.kustomizeFields);
    for (const name of [...(fileNames.get(folder.folderPath) ?? []), ...folder.externalFiles]) {
      addResource(folder.folderPath, name);
    }
    if (folder.writtenWhenEmpty && !resources.has(folder.folderPath)) resources.set(folder.folderPath, new Set());
    if (!resources.has(folder.folderPath)) continue;
    let dir = folder.folderPath;
    while (dir !== folder.treeRoot && parentDir(dir) !== folder.treeRoot && dir !== '') {
      const parent = parentDir(dir);
      addResource(parent, dir.slice(parent === '' ? 0 : parent.length + 1));
      dir = parent;
    }
  }
  const files = new Map<string, string>();
  for (const [dir, items] of resources) {
    const file = dir === '' ? KUSTOMIZATION_FILE : `${dir}/${KUSTOMIZATION_FILE}`;
    files.set(file, kustomizationYaml([...items].sort(), kustomizeFields.get(dir) ?? {}));
  }
  return files;
}
