import * as fs from 'fs';
import { SopsError } from '../errors';

/**
 * Reads a UTF-8 file, failing with the file name and the reason (`ENOENT`, `EACCES`...).
 *
 * @param what names the file's role in the error (`age key file`)
 * @param code `key` for a key file, `config` for a `.sops.yaml`
 * @param fix what the user should do when it cannot be read
 */
export function readText(file: string, what: string, code: 'key' | 'config', fix = 'check the path'): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SopsError({
      code,
      file,
      field: what,
      problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      fix,
    });
  }
}
