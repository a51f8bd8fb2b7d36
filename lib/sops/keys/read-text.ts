import * as fs from 'fs';
import { fail } from '../../errors';

/**
 * Reads a UTF-8 file, failing with the file name and the reason (`ENOENT`, `EACCES`...).
 *
 * @param what names the file's role in the error (`age key file`)
 * @param fix what the user should do when it cannot be read
 */
export function readText(file: string, what: string, fix = 'check the path'): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail({ file, field: what, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, fix });
  }
}
