import { OwnPackage } from './own-package';

/** The folder of the generated project the tree is written to (FluxApp's `outdir`): the project's own root. */
const TREE_OUTDIR = '.';
/** The repository's `path`: where the tree lies in the git repository, and what Flux is bootstrapped with. */
const TREE_PATH = 'cluster';
/** The cdk8s CLI's own output folder, which it empties before each synth: never the tree's folder. */
const CDK8S_OUTPUT = 'cdk8s.out';

/**
 * The development dependencies of a generated project, pinned to the ranges cdk8s-flux itself is tested with.
 * `typescript` above all: ts-jest (and ts-node) drive TypeScript's JavaScript compiler API, which TypeScript 7 no
 * longer has, so a project that takes the newest TypeScript cannot run its tests.
 */
const DEV_DEPENDENCIES = ['@types/jest', '@types/node', 'cdk8s-cli', 'jest', 'ts-jest', 'tsx', 'typescript'];
/** The dependencies of a generated project besides cdk8s-flux, at the ranges cdk8s-flux uses. */
const DEPENDENCIES = ['cdk8s', 'constructs'];

function pick(ranges: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const range = ranges[name];
      if (range === undefined) throw new Error(`cdk8s-flux's package.json does not name ${name}`);
      return [name, range];
    }),
  );
}

/** An npm package name made from a folder name: lowercase, URL-safe characters only. */
export function packageNameFor(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name === '' ? 'gitops' : name.slice(0, 214);
}

function packageJson(name: string, own: OwnPackage, extra: readonly string[]): string {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: 'cdk8s synth --no-check-upgrade',
      test: 'jest',
      check: 'cdk8s-flux check',
    },
    jest: { preset: 'ts-jest', testEnvironment: 'node', roots: ['<rootDir>/test'] },
    dependencies: { 'cdk8s-flux': `^${own.version}`, ...pick(own.dependencies, [...DEPENDENCIES, ...extra]) },
    devDependencies: pick(own.devDependencies, DEV_DEPENDENCIES),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const CDK8S_YAML = `language: typescript
app: node --import tsx main.ts
# The cdk8s CLI empties this folder before every synth, so it is never the folder the GitOps tree is written to.
output: ${CDK8S_OUTPUT}
`;

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      lib: ['ES2022'],
      types: ['node', 'jest'],
      strict: true,
      // openpgp's declarations name an optional package of its own
      skipLibCheck: true,
    },
    include: ['main.ts', 'test/**/*.ts'],
  },
  null,
  2,
)}\n`;

function mainTs(name: string): string {
  return `import { FluxApp, GitOpsRepository, HelmChartSource, HelmRelease, HelmRepository } from 'cdk8s-flux';

/** The cluster: every application of the GitOps repository, written under ${TREE_PATH}/. */
export function cluster(app: FluxApp): void {
  const repo = new GitOpsRepository(app, ${JSON.stringify(name)}, {
    url: 'ssh://git@github.com/me/${name}', // the git repository Flux syncs: this project's own
    branch: 'main',
    path: '${TREE_PATH}', // where the tree lies in that repository; bootstrap Flux with --path=${TREE_PATH}/flux
  });
  const podinfo = repo.service('podinfo', { namespace: 'default' });
  const charts = new HelmRepository(podinfo, 'podinfo', { url: 'https://stefanprodan.github.io/podinfo' });
  new HelmRelease(podinfo, 'podinfo', {
    chart: HelmChartSource.fromRepository(charts, 'podinfo', { version: '6.x' }),
    values: { replicaCount: 1 },
  });
}

if (require.main === module) {
  // The tree goes into this project, which is the git repository Flux syncs, so its Flux paths are right as committed.
  const app = new FluxApp({ outdir: '${TREE_OUTDIR}' });
  cluster(app);
  app.synth();
}
`;
}

const SNAPSHOT_TEST = `import { FluxApp, sopsSnapshotSerializer, synthSnapshot } from 'cdk8s-flux';
import { cluster } from '../main';

// SOPS ciphertext changes at every encryption: the serializer masks it, so re-encrypting a secret keeps the snapshot.
expect.addSnapshotSerializer(sopsSnapshotSerializer);

test('GIVEN the cluster WHEN it is synthesized THEN the tree is the one in the snapshot', () => {
  const app = new FluxApp();
  cluster(app);
  expect(synthSnapshot(app)).toMatchSnapshot();
});
`;

const GITIGNORE = `node_modules/
${CDK8S_OUTPUT}/
.cdk8s-flux-staging-*/
`;

function readme(name: string): string {
  return `# ${name}

A Flux CD GitOps repository written with cdk8s-flux: \`main.ts\` declares the cluster, and synth writes the YAML
tree that Flux applies into \`${TREE_PATH}/\`.

\`\`\`sh
npm install
npm run synth        # writes ${TREE_PATH}/; commit it
npm test             # the snapshot test of the tree (the first run writes the snapshot: commit it too)
npm run check        # fails, listing the files, when the committed tree is not what main.ts synthesizes
\`\`\`

Bootstrap Flux once with \`flux bootstrap ... --path=${TREE_PATH}/flux\`.

\`typescript\` is pinned to the version cdk8s-flux is tested with: ts-jest needs TypeScript's JavaScript compiler
API, which TypeScript 7 no longer has, so do not move to TypeScript 7 before ts-jest supports it.
`;
}

/** A program of a project made from something else than init's example (an imported repository). */
export interface ProjectProgram {
  /** `main.ts`: it exports `cluster(app)`, which the snapshot test synthesizes. */
  readonly main: string;
  /** `README.md`. */
  readonly readme: string;
  /** Packages `main.ts` imports besides cdk8s-flux, cdk8s and constructs (`cdk8s-plus-30`). */
  readonly dependencies: readonly string[];
}

/**
 * The files of a new consumer project, by path: a cdk8s app with a small working cluster, a jest snapshot test of
 * its tree, and the configuration both need, with dependency ranges taken from cdk8s-flux's own.
 *
 * @param name the npm package name of the project (see {@link packageNameFor})
 * @param own cdk8s-flux's own version and dependency ranges
 * @param program the program of the project
 * @default program init's example cluster
 */
export function initProjectFiles(name: string, own: OwnPackage, program?: ProjectProgram): ReadonlyMap<string, string> {
  return new Map([
    ['.gitignore', GITIGNORE],
    ['README.md', program?.readme ?? readme(name)],
    ['cdk8s.yaml', CDK8S_YAML],
    ['main.ts', program?.main ?? mainTs(name)],
    ['package.json', packageJson(name, own, program?.dependencies ?? [])],
    ['test/main.test.ts', SNAPSHOT_TEST],
    ['tsconfig.json', TSCONFIG],
  ]);
}
