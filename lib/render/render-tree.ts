import { Issue } from '../errors';
import { fileClashes } from './file-clashes';
import { FolderContents, FolderEntry, ObjectEntry, fileNameOf, isWholeFile } from './folder-contents';
import { kustomizationFiles } from './kustomization-files';
import { documentYaml, joinDocuments } from './yaml';

/** The files of a tree, rendered from the contents of its folders. */
export interface RenderedTree {
  /** File contents by path relative to the output root, sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Entries that could not be written (two in one file...), one issue each. */
  readonly issues: readonly Issue[];
  /** The entries those issues are about: they are in no file. */
  readonly rejected: ReadonlySet<FolderEntry>;
  /** The YAML text of each object written, by its manifest, so that nothing is rendered twice. */
  readonly objectTexts: ReadonlyMap<Readonly<Record<string, unknown>>, string>;
}

/**
 * The text of one file from the entries written to it (never a whole file beside others): as it is, or as YAML, each
 * object's text kept in `objectTexts`.
 */
function renderFile(entries: readonly FolderEntry[], objectTexts: Map<ObjectEntry['manifest'], string>): string {
  const whole = entries.find(isWholeFile);
  if (whole !== undefined) return whole.content;
  const texts = entries
    .filter((e): e is ObjectEntry => !isWholeFile(e))
    .map((e) => {
      const text = documentYaml(e.manifest, e.fieldComments);
      objectTexts.set(e.manifest, text);
      return text;
    });
  return joinDocuments(texts);
}

/**
 * Renders the folders of a tree as files: each entry in the file it asks for, and a `kustomization.yaml` per folder.
 * Entries that clash are reported and left out; the rest is rendered anyway, so every problem shows at once.
 */
export function renderTree(folders: readonly FolderContents[]): RenderedTree {
  const { issues, rejected } = fileClashes(folders);
  const files = new Map<string, string>();
  const fileNames = new Map<string, string[]>();
  const objectTexts = new Map<ObjectEntry['manifest'], string>();
  for (const folder of folders) {
    const byFile = new Map<string, FolderEntry[]>();
    for (const entry of folder.entries) {
      if (rejected.has(entry)) continue;
      const name = fileNameOf(entry);
      byFile.set(name, [...(byFile.get(name) ?? []), entry]);
    }
    for (const [name, entries] of byFile) files.set(`${folder.folderPath}/${name}`, renderFile(entries, objectTexts));
    fileNames.set(folder.folderPath, [...byFile.keys()]);
  }
  for (const [file, content] of kustomizationFiles(folders, fileNames)) files.set(file, content);
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { files: sorted, issues, rejected, objectTexts };
}
