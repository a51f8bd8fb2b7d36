import { execFileSync } from 'child_process';
import { ProgramModule } from './expression';
import { ClusterFunction } from './cluster-program';
import { importsOf, printStatement } from './print-expression';

/** The name of the function of the program that declares every cluster (the one `cdk8s-flux init`'s test uses). */
export const PROGRAM_ENTRY = 'cluster';

/** The prettier options of the generated program: those of cdk8s-flux itself. */
const PRETTIER = ['--no-config', '--parser=typescript', '--single-quote', '--print-width=120', '--trailing-comma=all'];

/**
 * `text` formatted by prettier's own command line: prettier's API loads its parsers with dynamic `import()`, which
 * CommonJS sandboxes (jest's) refuse.
 */
function format(text: string): string {
  const bin = require.resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [bin, ...PRETTIER], { input: text, encoding: 'utf8', stdio: 'pipe' });
}

/**
 * `main.ts` of the imported repository, formatted: one function per cluster, `cluster(app)` calling them all, and
 * the synth of the tree into the project's own folder when run as a program.
 *
 * @param source what the program was imported from, for its opening comment (a repository name, not a path)
 */
export function programText(functions: readonly ClusterFunction[], source: string): string {
  const imports = importsOf([
    ...functions.flatMap((f) => f.statements.map((s) => s.expression)),
    { form: 'symbol', module: ProgramModule.CDK8S_FLUX, path: ['FluxApp'] },
    { form: 'symbol', module: ProgramModule.CDK8S_FLUX, path: ['GitOpsRepository'] },
  ]);
  const importLines = [...imports].map(([module, names]) => `import { ${names.join(', ')} } from '${module}';`);
  const bodies = functions.map(
    (f) => `/** The cluster synced from ${f.folder}/. */
export function ${f.name}(app: FluxApp): GitOpsRepository {
${f.statements.map(printStatement).join('\n')}
return ${f.repository};
}`,
  );
  const text = `/**
 * The Flux repository ${source}, imported by \`cdk8s-flux import\`: each cluster is a GitOpsRepository, each Flux
 * Kustomization an application holding the objects it applies.
 *
 *   npm run synth      # writes the tree
 */
${importLines.join('\n')}

${bodies.join('\n\n')}

/** Every cluster of the repository. */
export function ${PROGRAM_ENTRY}(app: FluxApp): void {
${functions.map((f) => `${f.name}(app);`).join('\n')}
}

if (require.main === module) {
  const app = new FluxApp({ outdir: '.' });
  ${PROGRAM_ENTRY}(app);
  app.synth();
}
`;
  return format(text);
}
