import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './temp';

/** How one file of a copied tree changes: an edit of its text, its whole new content, or `null` to delete it. */
export type FileEdit = ((text: string) => string) | string | null;

/**
 * A copy of the tree `from` in a fresh temporary folder with `edits` made, by file path relative to the tree. An
 * edit that leaves its file as it was fails, so a test cannot pass on a change it never made.
 */
export function copyWithEdits(from: string, edits: Readonly<Record<string, FileEdit>> = {}): string {
  const dir = tempDir('cdk8s-flux-tree-');
  fs.cpSync(from, dir, { recursive: true });
  editTree(dir, edits);
  return dir;
}

/** Makes `edits` in the tree `dir` in place (see {@link copyWithEdits}). */
export function editTree(dir: string, edits: Readonly<Record<string, FileEdit>>): void {
  for (const [file, edit] of Object.entries(edits)) {
    const p = path.join(dir, file);
    const before = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
    if (edit === null) {
      if (before === undefined) throw new Error(`cannot delete ${file}: the tree has no such file`);
      fs.rmSync(p);
      continue;
    }
    if (typeof edit === 'function' && before === undefined) throw new Error(`cannot edit ${file}: no such file`);
    const after = typeof edit === 'function' ? edit(before as string) : edit;
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, after);
  }
}
