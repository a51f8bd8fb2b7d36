import { ObjectFile } from './object-file';

/** A comment written after one scalar field of an object, on its line: `key: value # comment`. */
export interface FieldComment {
  /** The keys (and list indexes) from the object's top to the field. */
  readonly path: readonly (string | number)[];
  /** The comment's text after the `#`. */
  readonly comment: string;
}

/** An API object to be written, as rendered data. */
export interface ObjectEntry {
  /** The construct path of the object, for messages. */
  readonly constructPath: string;
  /** Where in its folder the object is written. */
  readonly file: ObjectFile;
  /** The object, with its fields in canonical order. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /**
   * Comments on fields of the object (the markers Flux image automation looks for).
   * @default none
   */
  readonly fieldComments?: readonly FieldComment[];
}

/** A file written whole, as it is (an encrypted SOPS file). */
export interface WholeFileEntry {
  /** The construct path of the file's construct, for messages. */
  readonly constructPath: string;
  /** The file name inside the folder. */
  readonly fileName: string;
  /** The file's exact content. */
  readonly content: string;
}

/** One thing a folder holds: an object or a whole file. */
export type FolderEntry = ObjectEntry | WholeFileEntry;

/** True when `entry` is a file written whole. */
export function isWholeFile(entry: FolderEntry): entry is WholeFileEntry {
  return 'content' in entry;
}

/** The name of the file `entry` is written to. */
export function fileNameOf(entry: FolderEntry): string {
  return isWholeFile(entry) ? entry.fileName : entry.file.fileName;
}

/** What one folder of the tree holds, as plain data: the input of rendering. */
export interface FolderContents {
  /** Where the folder is written, relative to the output root, `/`-separated, no trailing slash. */
  readonly folderPath: string;
  /** The root of the tree the folder belongs to (`""` for the output root); it gets no `kustomization.yaml`. */
  readonly treeRoot: string;
  /** The objects and whole files of the folder, in the order they were made. */
  readonly entries: readonly FolderEntry[];
  /** Files synth does not write that the folder's `kustomization.yaml` lists (`gotk-components.yaml`). */
  readonly externalFiles: readonly string[];
  /** Written with an empty `kustomization.yaml` when it holds nothing, because a Flux Kustomization builds it. */
  readonly writtenWhenEmpty: boolean;
  /** Fields of the folder's `kustomization.yaml` after `resources` (labels, patches). */
  readonly kustomizeFields: Readonly<Record<string, unknown>>;
}
