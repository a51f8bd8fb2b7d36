import { IConstruct } from 'constructs';
import { Issue } from '../errors';
import { renderTree } from '../render/render-tree';
import { ManifestRecord } from '../validate/record';
import { collectFolders } from './collect-folders';
import { externalDeclarationFiles } from './external-declaration-files';
import { resolveImageSetters } from './image-setters';
import { PlainFolder } from './plain-folder';

/** Everything a synth would write, before it is validated and written. */
export interface TreePlan {
  /** File contents by path relative to the output root, sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Every object of the app (and every external declaration), for validation. */
  readonly records: readonly ManifestRecord[];
  /** The YAML text of each object written to the tree, by its record's manifest. */
  readonly objectTexts: ReadonlyMap<Readonly<Record<string, unknown>>, string>;
  /** Problems found while laying out the tree (objects outside folders, two objects in one file...). */
  readonly issues: readonly Issue[];
}

/**
 * Lays out every folder, object and file of an app as the files of a GitOps tree: collects what each folder holds,
 * then renders it, with the `.cdk8s-flux.yaml` of each tree root that declares objects made outside it. Objects that cannot be written (two in one file) are reported once, and left out of the records.
 *
 * @param root the app (or any construct) whose tree is planned
 * @param exists whether a file (relative to the output root) exists on disk, for files synth does not write itself
 * @param read the text of a file (relative to the output root) of the previous tree, where image automation may have
 *   committed new values to the fields of image setters
 */
export function planTree(
  root: IConstruct,
  exists: (path: string) => boolean,
  read: (path: string) => string | undefined,
): TreePlan {
  const collected = collectFolders(root, exists);
  const setters = resolveImageSetters(collected.folders, collected.records, read);
  const rendered = renderTree(setters.folders);
  const rejected = new Set([...rendered.rejected].map((e) => e.constructPath));
  const records = setters.records.filter((r) => r.constructPath === undefined || !rejected.has(r.constructPath));
  const handApplied = root.node.findAll().filter((c) => PlainFolder.isPlainFolder(c));
  const files = [...rendered.files, ...externalDeclarationFiles(records, handApplied)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return {
    files: new Map(files),
    records,
    issues: [...collected.issues, ...setters.issues, ...rendered.issues],
    objectTexts: rendered.objectTexts,
  };
}
