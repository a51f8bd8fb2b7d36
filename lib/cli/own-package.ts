import * as fs from 'fs';
import * as path from 'path';

/** What the CLI reads from cdk8s-flux's own package.json. */
export interface OwnPackage {
  /** The version of cdk8s-flux. */
  readonly version: string;
  /** Its dependencies, by name: the version ranges it is built and tested with. */
  readonly dependencies: Readonly<Record<string, string>>;
  /** Its development dependencies, by name. */
  readonly devDependencies: Readonly<Record<string, string>>;
}

let cached: OwnPackage | undefined;

/**
 * cdk8s-flux's own package.json, found from this file's folder upwards: the same from the TypeScript sources and
 * from the compiled package.
 *
 * @throws Error when there is none (a broken installation)
 */
export function ownPackage(): OwnPackage {
  if (cached !== undefined) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<OwnPackage> & { name?: string };
      if (pkg.name === 'cdk8s-flux' && typeof pkg.version === 'string') {
        cached = {
          version: pkg.version,
          dependencies: pkg.dependencies ?? {},
          devDependencies: pkg.devDependencies ?? {},
        };
        return cached;
      }
    }
    if (path.dirname(dir) === dir) throw new Error('the package.json of cdk8s-flux cannot be found');
  }
}
