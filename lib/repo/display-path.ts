import * as path from 'path';

/** A folder as a message shows it: relative to the working folder when inside it, else absolute. */
export function displayPath(folder: string): string {
  const rel = path.relative(process.cwd(), folder);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(folder) : rel;
}
