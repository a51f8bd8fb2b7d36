import { Issue } from '../errors';
import { FolderContents, FolderEntry, fileNameOf, isWholeFile } from './folder-contents';
import { KUSTOMIZATION_FILE } from './kustomization-files';

/** The entries that cannot be written where they ask to be, and why. */
export interface FileClashes {
  /** One issue per entry that is not written. */
  readonly issues: readonly Issue[];
  /** The entries that are not written: the second and later of a file that is not shared, and any `kustomization.yaml`. */
  readonly rejected: ReadonlySet<FolderEntry>;
}

/** True when `a` and `b` may be written to one file: both are objects whose files allow it. */
function mayShare(a: FolderEntry, b: FolderEntry): boolean {
  return !isWholeFile(a) && !isWholeFile(b) && a.file.mayShareWith(b.file);
}

/**
 * Finds the entries of each folder that would overwrite its `kustomization.yaml` or another entry's file. A file
 * takes several entries only when every one of them is an object whose file allows the others
 * ({@link ObjectFile.mayShareWith}); the first entry of a file wins, the later ones are rejected.
 */
export function fileClashes(folders: readonly FolderContents[]): FileClashes {
  const issues: Issue[] = [];
  const rejected = new Set<FolderEntry>();
  for (const folder of folders) {
    const accepted = new Map<string, FolderEntry[]>();
    for (const entry of folder.entries) {
      const fileName = fileNameOf(entry);
      const earlier = accepted.get(fileName) ?? [];
      const clash = !earlier.every((e) => mayShare(e, entry));
      if (fileName === KUSTOMIZATION_FILE || clash) {
        issues.push({
          constructPath: entry.constructPath,
          file: `${folder.folderPath}/${fileName}`,
          field: 'metadata.name',
          value: fileName,
          message:
            fileName === KUSTOMIZATION_FILE
              ? "would overwrite the folder's kustomization.yaml"
              : `would be written to the same file as ${earlier.map((e) => e.constructPath).join(', ')}`,
          fix: 'give the object another name (or kind), choose another file for it with folder.file(...), or move it to another folder',
        });
        rejected.add(entry);
        continue;
      }
      accepted.set(fileName, [...earlier, entry]);
    }
  }
  return { issues, rejected };
}
