import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** The environment of the npm commands the package tests run: quiet. */
export const NPM_ENV = { ...process.env, npm_config_loglevel: 'error' };

/**
 * Packs this package with `npm pack` (which builds it first) into `dest`.
 *
 * @returns the tarball's path
 */
export function packPackage(dest: string): string {
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], {
    cwd: root,
    encoding: 'utf8',
    env: NPM_ENV,
  });
  return path.join(dest, packed.trim().split('\n').pop()!.trim());
}
