/** The file formats the sops engine reads and writes. */
export type SopsFormat = 'yaml' | 'json';

/**
 * Picks the sops store for a file name the way this library uses them: `.json` is JSON, everything else is YAML.
 *
 * @example detectFormat('secrets/db.enc.json') // 'json'
 */
export function detectFormat(path: string): SopsFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}
