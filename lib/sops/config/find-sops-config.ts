import * as fs from 'fs';
import * as path from 'path';

/** The only name sops looks for (`.sops.yml` is ignored, with a warning, by sops). */
export const SOPS_CONFIG_NAME = '.sops.yaml';

/** How many parent folders sops climbs at most. */
const MAX_DEPTH = 100;

/**
 * Finds the `.sops.yaml` sops would use: the first one in `startDir` or its parent folders (at most 100 levels up).
 *
 * sops starts from the working directory, not from the folder of the file being encrypted; pass that folder to do
 * the same. `--config` and `SOPS_CONFIG` overrides are the caller's business (see `loadCreationRule`).
 *
 * @param startDir where to start
 * @default startDir process.cwd()
 * @returns the absolute path of the file, or `undefined` when there is none
 */
export function findSopsConfig(startDir: string = process.cwd()): string | undefined {
  let dir = path.resolve(startDir);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const candidate = path.join(dir, SOPS_CONFIG_NAME);
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile() === true) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
  return undefined;
}
