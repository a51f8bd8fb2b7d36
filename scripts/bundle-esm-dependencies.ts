/**
 * The second step of `npm run build`: makes the compiled package loadable by any CommonJS runtime, jest's included,
 * without configuration.
 *
 * A few dependencies ship only as ES modules. Node can `require()` them, but jest's CommonJS runtime cannot, so a
 * consumer's plain jest test of a cdk8s-flux app would fail with "Must use import to load ES Module" unless it set up
 * transforms for our dependencies. Instead, this bundles each of them (with the packages they use) into one CommonJS
 * file under `dist-lib/vendor/`, points the compiled `require()` calls at those files, and writes the licence of every
 * bundled package next to its bundle. Nothing else changes: the rest of the dependencies stay ordinary requires.
 *
 * Run after `tsc -p tsconfig.build.json`; fails when a compiled file still requires one of these packages.
 */
import { buildSync } from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

/** The dependencies that ship only as ES modules; the packages they import are bundled with them. */
const ESM_ONLY_DEPENDENCIES = ['age-encryption', '@marcbachmann/cel-js'] as const;

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist-lib');
const vendor = path.join(out, 'vendor');

/** The bundle of `name` in `dist-lib/vendor/`: `@marcbachmann/cel-js` -> `marcbachmann-cel-js.js`. */
function bundleFile(name: string): string {
  return path.join(vendor, `${name.replace(/^@/, '').replace(/\//g, '-')}.js`);
}

/** The `node_modules/<package>` folder an input of esbuild's metafile belongs to. */
function packageFolderOf(input: string): string | undefined {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/** Name, version and licence text of every package a bundle holds, sorted, for the `.LICENSES.txt` beside it. */
function licenceNotice(inputs: readonly string[]): string {
  const folders = [...new Set(inputs.map(packageFolderOf).filter((f): f is string => f !== undefined))].sort();
  return folders
    .map((folder) => {
      const full = path.join(root, folder);
      const pkg = JSON.parse(fs.readFileSync(path.join(full, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        license?: string;
      };
      const licenceFile = fs.readdirSync(full).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
      if (licenceFile === undefined) throw new Error(`${pkg.name} has no licence file to ship with its bundle`);
      const text = fs.readFileSync(path.join(full, licenceFile), 'utf8').trimEnd();
      return `${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${text}\n`;
    })
    .join('\n----------------------------------------------------------------\n\n');
}

function bundle(name: string): void {
  const outfile = bundleFile(name);
  const result = buildSync({
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  fs.writeFileSync(outfile.replace(/\.js$/, '.LICENSES.txt'), licenceNotice(Object.keys(result.metafile.inputs)));
}

/** Every compiled `.js` file under `dir`. */
function compiledFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === vendor ? [] : compiledFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

/** Points `require("<name>")` in one compiled file at the bundles; returns how many it changed. */
function pointAtBundles(file: string): number {
  let changed = 0;
  const text = fs.readFileSync(file, 'utf8');
  let updated = text;
  for (const name of ESM_ONLY_DEPENDENCIES) {
    const relative = path.relative(path.dirname(file), bundleFile(name)).split(path.sep).join('/');
    updated = updated.replaceAll(`require(${JSON.stringify(name)})`, () => {
      changed++;
      return `require(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)})`;
    });
    if (new RegExp(`["'\`]${name.replace(/[/.]/g, '\\$&')}(/[^"'\`]*)?["'\`]`).test(updated)) {
      throw new Error(`${path.relative(root, file)} still loads ${name} in a way this build step does not rewrite`);
    }
  }
  if (updated !== text) fs.writeFileSync(file, updated);
  return changed;
}

if (!fs.existsSync(out)) throw new Error('dist-lib does not exist; run tsc -p tsconfig.build.json first');
fs.rmSync(vendor, { recursive: true, force: true });
fs.mkdirSync(vendor, { recursive: true });
for (const name of ESM_ONLY_DEPENDENCIES) bundle(name);
const rewritten = compiledFiles(out).reduce((sum, file) => sum + pointAtBundles(file), 0);
if (rewritten === 0) throw new Error('no compiled file requires the bundled dependencies; is this step still needed?');
