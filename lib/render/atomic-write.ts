import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /**
   * Replace the file when it exists. Without it, an existing file is an `EEXIST` error and is left alone, even when
   * it appears while this call runs.
   * @default false
   */
  readonly overwrite?: boolean;
  /**
   * The mode of a new file (narrowed by the umask); a replaced file keeps its own mode.
   * @default 0o644
   */
  readonly mode?: number;
}

/**
 * Writes a file so that readers see either the old content or the whole new one, never a part: the text goes to a
 * temporary file in the same folder, is flushed to disk, then takes the file's name (renamed over it, or linked when
 * an existing file must not be replaced). The temporary file is removed whatever happens. The folder is created when
 * missing.
 *
 * @throws the file system error (`EEXIST` when the file exists and `overwrite` is not set)
 */
export function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): void {
  const existing = fs.statSync(file, { throwIfNoEntry: false });
  if (existing !== undefined && !options.overwrite) {
    throw existsError(file);
  }
  // through a symbolic link, the file it points to is replaced, not the link
  const target = existing !== undefined ? fs.realpathSync(file) : path.resolve(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const mode = existing !== undefined ? existing.mode & 0o777 : (options.mode ?? 0o644);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeNewFileSynced(temp, text, mode);
    if (existing !== undefined) {
      fs.chmodSync(temp, mode); // the umask may have narrowed it
    }
    if (options.overwrite) {
      fs.renameSync(temp, target);
    } else {
      linkOrRename(temp, target);
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Creates `file` (an `EEXIST` error when it exists) with `text` and flushes it to disk before returning, so that a
 * rename of it after a crash never leaves an empty or partial file: the temporary files of {@link writeFileAtomic} and
 * of the tree's staging folder are written with it.
 */
export function writeNewFileSynced(file: string, text: string, mode = 0o644): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Gives `temp` the name `target` without replacing a file: a hard link, or a rename where links are not supported. */
function linkOrRename(temp: string, target: string): void {
  try {
    // link() fails with EEXIST instead of replacing a file that appeared meanwhile
    fs.linkSync(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    if (fs.existsSync(target)) throw existsError(target);
    fs.renameSync(temp, target);
  }
}

function existsError(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EEXIST: file already exists, ${file}`), { code: 'EEXIST', path: file });
}
