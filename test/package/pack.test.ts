import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NPM_ENV, packPackage } from '../support/pack';
import { tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

/** A consumer's program: a reusable component, two clusters, and the package's own test helpers. */
const CONSUMER_APP = `import { Construct } from 'constructs';
import { FluxApp, GitOpsRepository, HelmChartSource, HelmRelease, HelmRepository, synthSnapshot } from 'cdk8s-flux';
import { COMMANDS } from 'cdk8s-flux/cli';
import { kustomize } from 'cdk8s-flux/imports';
import { AgeRecipient, SopsError } from 'cdk8s-flux/sops';

interface PodinfoProps {
  readonly replicas: number;
}

class Podinfo extends Construct {
  constructor(scope: Construct, id: string, props: PodinfoProps) {
    super(scope, id);
    const charts = new HelmRepository(this, 'charts', { name: 'podinfo', url: 'https://stefanprodan.github.io/podinfo' });
    new HelmRelease(this, 'podinfo', {
      chart: HelmChartSource.fromRepository(charts, 'podinfo', { version: '6.x' }),
      values: { replicaCount: props.replicas },
    });
  }
}

const app = new FluxApp({ outdir: process.argv[2] });
for (const [cluster, replicas] of [['staging', 1], ['production', 3]] as const) {
  const repo = new GitOpsRepository(app, cluster, { url: 'ssh://git@github.com/acme/fleet', path: 'clusters/' + cluster });
  new Podinfo(repo.service('podinfo', { namespace: 'default' }), 'podinfo', { replicas });
}
const files = Object.keys(synthSnapshot(app));
app.synth();
console.log(files.length + ' files');
const entryPoints: [boolean, string, string, boolean] = [
  'validate' in COMMANDS,
  kustomize.Kustomization.GVK.kind,
  typeof AgeRecipient.fromString,
  new SopsError({ code: 'parse', problem: 'x' }) instanceof Error,
];
console.error(JSON.stringify(entryPoints));
`;

describe('the npm package', () => {
  test('packs, installs into a fresh project, and a consumer program synthesizes and checks a tree with it', () => {
    const work = tempDir();
    const tarball = packPackage(work);
    expect(fs.existsSync(tarball)).toBe(true);

    const consumer = path.join(work, 'consumer');
    fs.mkdirSync(consumer);
    fs.writeFileSync(
      path.join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2),
    );
    // As in any cdk8s TypeScript project: the package, plus Node's type definitions.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', tarball, '@types/node@20'], {
      cwd: consumer,
      env: NPM_ENV,
      stdio: 'pipe',
    });
    const installed = path.join(consumer, 'node_modules', 'cdk8s-flux');
    // Only the build is published: no TypeScript sources, no tests.
    expect(fs.existsSync(path.join(installed, 'lib'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'dist-lib', 'lib', 'index.d.ts'))).toBe(true);
    // The three entry points load with plain require(), and the declarations carry no @internal member.
    const loaded = execFileSync(
      'node',
      [
        '-e',
        "const e = ['cdk8s-flux', 'cdk8s-flux/sops', 'cdk8s-flux/cli', 'cdk8s-flux/imports'].map((m) => Object.keys(require(m)).length); console.log(JSON.stringify(e))",
      ],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect((JSON.parse(loaded) as number[]).every((n) => n > 5)).toBe(true);
    const declarations = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? declarations(path.join(dir, e.name))
            : e.name.endsWith('.d.ts')
              ? [path.join(dir, e.name)]
              : [],
        );
    const internal = declarations(path.join(installed, 'dist-lib')).filter((f) =>
      fs.readFileSync(f, 'utf8').includes('@internal'),
    );
    expect(internal.map((f) => path.relative(installed, f))).toEqual([]);

    fs.writeFileSync(path.join(consumer, 'app.ts'), CONSUMER_APP);
    fs.writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          types: ['node'],
          // openpgp's declarations name an optional package of its own; cdk8s projects skip library checks too.
          skipLibCheck: true,
          outDir: 'out',
        },
        files: ['app.ts'],
      }),
    );
    // Type-checks against the published declarations: a missing export or type fails here.
    const compiled = spawnSync(tsc, ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    const outdir = path.join(consumer, 'gitops');
    const run = spawnSync('node', [path.join('out', 'app.js'), outdir], { cwd: consumer, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+ files$/);
    // the cdk8s-flux/cli, /imports and /sops entry points, as the program used them
    expect(run.stderr).toContain(JSON.stringify([true, 'Kustomization', 'function', true]));
    const releases = ['staging', 'production'].map((c) =>
      fs.readFileSync(path.join(outdir, 'clusters', c, 'services', 'podinfo', 'helmrelease-podinfo.yaml'), 'utf8'),
    );
    expect(releases[0]).toContain('replicaCount: 1');
    expect(releases[1]).toContain('replicaCount: 3');

    // The bin works from the installed package (compiled code, no tsx): validate and check the tree just written.
    const bin = path.join(consumer, 'node_modules', '.bin', 'cdk8s-flux');
    const validate = spawnSync(bin, ['validate', outdir], { cwd: consumer, encoding: 'utf8' });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/^ok: \d+ objects in \d+ files$/m);
    expect(validate.status).toBe(0);
    const check = spawnSync(bin, ['check', '--app', `node out/app.js ${outdir}`], { cwd: consumer, encoding: 'utf8' });
    expect(check.stdout).toMatch(/^ok: the \d+ files of the tree in gitops are up to date$/m);
    expect(check.status).toBe(0);
  }, 600_000);
});
