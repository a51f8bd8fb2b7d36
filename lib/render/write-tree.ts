import * as fs from 'fs';
import * as path from 'path';
import { writeNewFileSynced } from './atomic-write';

/** The file at the output root that lists the files synth wrote, so that the next synth can remove stale ones. */
export const WRITTEN_FILES_LIST = '.cdk8s-flux.json';

interface WrittenFilesList {
  readonly generator: 'cdk8s-flux';
  readonly files: readonly string[];
}

/** What a write changed. */
export interface WriteResult {
  /** Files created or whose content changed. */
  readonly written: readonly string[];
  /** Files of the previous synth that are gone from this one. */
  readonly removed: readonly string[];
}

/** The files the previous synth wrote into `outdir` (empty when there was none). */
export function readWrittenFiles(outdir: string): string[] {
  try {
    const parsed = JSON.parse(
      fs.readFileSync(path.join(outdir, WRITTEN_FILES_LIST), 'utf8'),
    ) as Partial<WrittenFilesList>;
    return Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/** The text of `file`, or undefined when there is no such file. */
function currentContent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

function removeEmptyParents(outdir: string, file: string): void {
  let dir = path.dirname(path.join(outdir, file));
  const root = path.resolve(outdir);
  while (path.resolve(dir) !== root && path.resolve(dir).startsWith(root)) {
    if (fs.readdirSync(dir).length > 0) return;
    fs.rmdirSync(dir);
    dir = path.dirname(dir);
  }
}

/**
 * Writes `files` (paths relative to `outdir`, `/`-separated) into `outdir`.
 *
 * Every file is first written to a staging folder inside `outdir` and flushed to disk, then moved into place, so a failure while writing
 * leaves the previous tree as it was. Files that the previous synth wrote and this one does not are removed (and
 * folders they leave empty); files synth never wrote (`gotk-components.yaml`, a README) are not touched. Files whose
 * content did not change are left alone.
 */
export function writeTree(outdir: string, files: ReadonlyMap<string, string>): WriteResult {
  fs.mkdirSync(outdir, { recursive: true });
  const previous = readWrittenFiles(outdir);
  const staging = fs.mkdtempSync(path.join(outdir, '.cdk8s-flux-staging-'));
  const written: string[] = [];
  try {
    const staged: [string, string][] = [];
    for (const [rel, content] of files) {
      if (currentContent(path.join(outdir, rel)) === content) continue;
      const tmp = path.join(staging, String(staged.length));
      writeNewFileSynced(tmp, content);
      staged.push([tmp, rel]);
    }
    const made = new Set<string>();
    for (const [tmp, rel] of staged) {
      const dest = path.join(outdir, rel);
      const dir = path.dirname(dest);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.renameSync(tmp, dest);
      written.push(rel);
    }
    const removed = previous.filter((rel) => !files.has(rel) && fs.existsSync(path.join(outdir, rel)));
    for (const rel of removed) {
      fs.rmSync(path.join(outdir, rel));
      removeEmptyParents(outdir, rel);
    }
    const list: WrittenFilesList = { generator: 'cdk8s-flux', files: [...files.keys()].sort() };
    const tmpList = path.join(staging, 'written-files');
    writeNewFileSynced(tmpList, `${JSON.stringify(list, null, 2)}\n`);
    fs.renameSync(tmpList, path.join(outdir, WRITTEN_FILES_LIST));
    return { written, removed };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
