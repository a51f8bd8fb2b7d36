import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The sources the benchmark runs: the library, the Flux bindings, the example and the bench programs. */
const SOURCES = ['lib', 'imports', path.join('scripts', 'bench'), 'main.ts'];

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
};

function sourceFiles(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() || /\.(ts|json)$/.test(e.name) ? sourceFiles(root, path.join(entry, e.name)) : []))
    .filter((f) => !f.endsWith('.d.ts'));
}

/**
 * Compiles the project's TypeScript to CommonJS in `outdir` (one module per source file, as `npm run build` lays them
 * out) so that the benchmark measures compiled programs. Type checking is left to `npm run typecheck`: each file is
 * transpiled alone, which the project's `isolatedModules` makes safe. `outdir/node_modules` links to the project's.
 */
export function compileProject(root: string, outdir: string): void {
  for (const file of SOURCES.flatMap((entry) => sourceFiles(root, entry))) {
    const target = path.join(outdir, file.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const output = file.endsWith('.ts') ? ts.transpileModule(text, { compilerOptions: OPTIONS }).outputText : text;
    fs.writeFileSync(target, output);
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
}
