import * as fs from 'fs';
import * as path from 'path';
import { readWrittenFiles } from '../render/write-tree';
import { lineDiff } from './line-diff';

/** One file whose committed state differs from what synth would write. */
export interface TreeDifference {
  /** Path relative to the output folder. */
  readonly file: string;
  /** `missing`: synth would write it; `changed`: its content differs; `stale`: synth wrote it before and would remove it. */
  readonly change: 'missing' | 'changed' | 'stale';
  /** A short diff (committed -> synthesized) for changed files. */
  readonly diff: readonly string[];
}

/**
 * Compares the tree synth would write with the one in `outdir`: files that are missing or different, and files of
 * an earlier synth that would be removed. Files synth never wrote are not looked at.
 */
export function compareTree(planned: ReadonlyMap<string, string>, outdir: string): TreeDifference[] {
  const differences: TreeDifference[] = [];
  for (const [file, content] of planned) {
    const onDisk = path.join(outdir, file);
    if (!fs.existsSync(onDisk)) {
      differences.push({ file, change: 'missing', diff: [] });
      continue;
    }
    const committed = fs.readFileSync(onDisk, 'utf8');
    if (committed !== content) differences.push({ file, change: 'changed', diff: lineDiff(committed, content) });
  }
  for (const file of readWrittenFiles(outdir)) {
    if (!planned.has(file) && fs.existsSync(path.join(outdir, file))) {
      differences.push({ file, change: 'stale', diff: [] });
    }
  }
  return differences.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}
