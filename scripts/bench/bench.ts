/**
 * `npm run bench`: cdk8s-flux against raw cdk8s and a floor (the `yaml` library alone) on fleets of applications,
 * as whole compiled processes, alternated, with medians, ratios, peak memory and the targets of the issue; then the
 * example's synth, `validate`, `check` and `diff` on the 1,000- and 5,000-application trees, and `validate` on
 * onedr0p-home-ops against the same Kustomize builds run one after another in a shell loop.
 *
 *   npm run bench                      # 100, 1,000, 5,000 and 10,000 applications (several minutes)
 *   npm run bench -- --quick           # 100 and 1,000 (under a minute on an idle machine)
 *   npm run bench -- --apps 1000,5000  # the sizes given
 *   npm run bench -- --trees 100       # validate, check and diff on these tree sizes (default 1,000 and 5,000)
 *   npm run bench -- --repeat 7        # runs per program and size (default 5 up to 1,000, then 3)
 *   npm run bench -- --profile         # also where cdk8s-flux spends its time, by phase (a CPU profile)
 *
 * Everything runs in one temporary folder, removed on every exit: the compiled programs, the fleet's secrets
 * (encrypted once, for an age key made for the run and kept in memory) and the trees written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileProject } from './compile';
import { applicationFiles, applicationFolder, fleetApplications } from './fleet';
import { sealFleetSecrets } from './fleet-secrets';
import { Run, median, runProcess } from './measure';
import { summarizeProfile } from './profile-summary';
import { programArgs } from './run-program';
import { TARGETS, Verdict, formatVerdicts } from './targets';
import { walkClusters } from '../../lib/validate/cluster/cluster-walk';

const ROOT = path.resolve(__dirname, '..', '..');
const ALL_SIZES = [100, 1000, 5000, 10000];
const QUICK_SIZES = [100, 1000];
/** The tree sizes `validate`, `check` and `diff` are timed on (of those benched), and their scale target compares. */
const TREE_SIZES = [1000, 5000];
const PROGRAMS = [
  { name: 'cdk8s-flux', file: 'flux-program.js' },
  { name: 'raw cdk8s', file: 'raw-program.js' },
  { name: 'floor', file: 'floor-program.js' },
] as const;

interface Options {
  readonly sizes: readonly number[];
  readonly repeat?: number;
  readonly profile: boolean;
  /** The tree sizes `validate`, `check` and `diff` run on. */
  readonly trees: readonly number[];
}

function parseOptions(argv: readonly string[]): Options {
  let sizes: readonly number[] = ALL_SIZES;
  let repeat: number | undefined;
  let profile = false;
  let trees: readonly number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') sizes = QUICK_SIZES;
    else if (arg === '--profile') profile = true;
    else if (arg === '--apps') sizes = (argv[++i] ?? '').split(',').map(Number);
    else if (arg === '--repeat') repeat = Number(argv[++i]);
    else if (arg === '--trees') trees = (argv[++i] ?? '').split(',').map(Number);
    else throw new Error(`unknown option ${arg}; see the comment at the top of scripts/bench/bench.ts`);
  }
  if (
    [...sizes, ...(trees ?? [])].some((n) => !Number.isInteger(n) || n < 1) ||
    (repeat !== undefined && !(repeat >= 1))
  ) {
    throw new Error('--apps and --trees take sizes like 100,1000 and --repeat a count of at least 1');
  }
  const sorted = [...sizes].sort((a, b) => a - b);
  return {
    sizes: sorted,
    repeat,
    profile,
    trees: [...(trees ?? TREE_SIZES.filter((n) => sorted.includes(n)))].sort((a, b) => a - b),
  };
}

/** Medians of the runs of one command; CPU time and memory of node processes only (NaN for others). */
interface Medians {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssMb: number;
}

/** A command the bench times. */
interface Command {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The working directory.
   * @default the bench's temporary folder
   */
  readonly cwd?: string;
  /**
   * The exit codes that count as a normal end.
   * @default [0]
   */
  readonly exitCodes?: readonly number[];
}

/** The medians of the three programs on one fleet. */
interface FleetResult {
  readonly apps: number;
  readonly secrets: boolean;
  readonly byProgram: ReadonlyMap<string, Medians>;
}

const log = (line = '') => void process.stdout.write(`${line}\n`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** The reference repository `validate` is timed on against a loop of its Kustomize builds. */
const REFERENCE = 'onedr0p-home-ops';

class Bench {
  private readonly js: string;
  private readonly secretsDir: string;
  private ageRecipient = '';

  constructor(
    private readonly work: string,
    private readonly options: Options,
  ) {
    this.js = path.join(work, 'js');
    this.secretsDir = path.join(work, 'secrets');
  }

  public async prepare(): Promise<void> {
    log(`compiling to CommonJS...`);
    compileProject(ROOT, this.js);
    const most = Math.max(...this.options.sizes, ...this.options.trees);
    log(`encrypting ${most} SOPS secrets once, for an age key made for this run...`);
    this.ageRecipient = await sealFleetSecrets(this.secretsDir, fleetApplications(most));
  }

  private repeats(apps: number): number {
    return this.options.repeat ?? (apps <= 1000 ? 5 : 3);
  }

  private program(file: string): string {
    return path.join(this.js, 'scripts', 'bench', file);
  }

  private argsOf(apps: number, outdir: string, secrets: boolean): string[] {
    return programArgs({
      apps,
      outdir,
      ...(secrets ? { secretsDir: this.secretsDir, ageRecipient: this.ageRecipient } : {}),
    });
  }

  /** A node process running `args`, which reports its CPU time and peak memory. */
  private node(name: string, args: readonly string[], env?: Record<string, string>): Command {
    return { name, command: 'node', args: ['--require', this.program('report-usage.js'), ...args], env };
  }

  /** The three programs on one fleet, alternated. */
  public fleet(apps: number, secrets: boolean): FleetResult {
    const outdir = path.join(this.work, 'out');
    const commands = PROGRAMS.map((p) =>
      this.node(p.name, [this.program(p.file), ...this.argsOf(apps, outdir, secrets)]),
    );
    const byProgram = this.alternate(commands, this.repeats(apps), () =>
      fs.rmSync(outdir, { recursive: true, force: true }),
    );
    fs.rmSync(outdir, { recursive: true, force: true });
    return { apps, secrets, byProgram };
  }

  /** Medians of whole-process commands, alternated: round r starts with command r mod their count. */
  public alternate(commands: readonly Command[], repeats: number, beforeEach = () => {}): Map<string, Medians> {
    const runs = new Map<string, Run[]>(commands.map((c) => [c.name, []]));
    for (let r = 0; r < repeats; r++) {
      for (let k = 0; k < commands.length; k++) {
        const c = commands[(r + k) % commands.length];
        beforeEach();
        runs
          .get(c.name)!
          .push(runProcess(c.command, c.args, { cwd: c.cwd ?? this.work, env: c.env, exitCodes: c.exitCodes }));
      }
    }
    const of = (list: readonly Run[], value: (r: Run) => number | undefined) =>
      median(list.map((r) => value(r) ?? NaN));
    return new Map(
      [...runs].map(([name, list]) => [
        name,
        {
          seconds: of(list, (r) => r.seconds),
          cpuSeconds: of(list, (r) => r.report && r.report.cpuMs / 1000),
          rssMb: of(list, (r) => r.report && r.report.maxRssKb / 1024),
        },
      ]),
    );
  }

  /** The example's synth: the compiled program, under tsx, and `npm run synth` (tsx and the cdk8s CLI). */
  public example(): Map<string, Medians> {
    const env = { CDK8S_FLUX_OUTDIR: path.join(this.work, 'example') };
    const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
    return this.alternate(
      [
        { ...this.node('compiled main.js', [path.join(this.js, 'main.js')], env), cwd: ROOT },
        { name: 'tsx main.ts', command: bin('tsx'), args: [path.join(ROOT, 'main.ts')], env, cwd: ROOT },
        {
          name: 'npm run synth',
          command: 'npm',
          args: ['run', '--silent', 'synth', '--', '--output', path.join(this.work, 'cdk8s.out')],
          env,
          cwd: ROOT,
        },
      ],
      3,
    );
  }

  /**
   * `cdk8s-flux validate`, `check` and `diff` on a synthesized tree of `apps` applications with secrets; `diff`
   * compares a change of one application's values with the commit before it.
   */
  public tree(apps: number): Map<string, Medians> {
    const tree = path.join(this.work, `tree-${apps}`);
    const flux = ['node', this.program('flux-program.js'), ...this.argsOf(apps, tree, true)];
    runProcess(flux[0], flux.slice(1), { cwd: this.work });
    // diff runs on a copy, committed to a git repository of its own, where one application's values then change
    const changed = path.join(this.work, `tree-${apps}-changed`);
    fs.cpSync(tree, changed, { recursive: true });
    const git = (...args: string[]) =>
      runProcess('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: changed });
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'the fleet');
    const [first] = fleetApplications(1);
    const release = path.join(changed, applicationFolder(first), applicationFiles(first).helmRelease);
    const text = fs.readFileSync(release, 'utf8');
    if (!text.includes('replicaCount: 1\n')) throw new Error(`${release} has no replicaCount: 1 to change`);
    fs.writeFileSync(release, text.replace('replicaCount: 1\n', 'replicaCount: 2\n'));
    const cli = this.program('cli-program.js');
    const app = flux.map(quote).join(' ');
    const result = this.alternate(
      [
        this.node('validate', [cli, 'validate', tree, '--external', 'Secret/flux-system/sops-age']),
        this.node('check', [cli, 'check', '--app', app]),
        { ...this.node('diff', [cli, 'diff', changed, '--base', 'HEAD']), cwd: changed },
      ],
      3,
    );
    for (const dir of [tree, changed]) fs.rmSync(dir, { recursive: true, force: true });
    return result;
  }

  /**
   * `cdk8s-flux validate` on onedr0p-home-ops (about 370 objects, 100+ Flux Kustomizations), against building the
   * same folders one after another with `kubectl kustomize` in a shell loop; undefined when the shared reference
   * repositories are not beside the project.
   */
  public async reference(): Promise<Map<string, Medians> | undefined> {
    const root = path.join(
      process.env.CDK8S_FLUX_SHARED_DIR ?? path.join(ROOT, '..', 'shared'),
      'reference',
      REFERENCE,
    );
    if (!fs.existsSync(root)) return undefined;
    const folders = [...(await walkClusters(root)).built].sort();
    const loop = path.join(this.work, 'kustomize-loop.sh');
    // a build that fails fails in the loop too: the loop goes on, as validate does
    fs.writeFileSync(
      loop,
      folders.map((f) => `kubectl kustomize ${quote(f === '' ? '.' : f)} > /dev/null 2>&1 || true\n`).join(''),
    );
    return this.alternate(
      [
        { ...this.node('validate', [this.program('cli-program.js'), 'validate', root]), exitCodes: [0, 1] },
        { name: `${folders.length} builds, a shell loop`, command: 'sh', args: [loop], cwd: root },
      ],
      3,
    );
  }

  /** A CPU profile of `node args`, summarized. */
  public profile(label: string, args: readonly string[]): void {
    const dir = path.join(this.work, 'profile');
    fs.rmSync(dir, { recursive: true, force: true });
    runProcess('node', ['--cpu-prof', '--cpu-prof-dir', dir, ...args], { cwd: this.work });
    const summary = summarizeProfile(path.join(dir, fs.readdirSync(dir)[0]), this.js);
    const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
    log(`\nprofile of ${label}, by phase:`);
    for (const s of summary.phases) log(`  ${pct(s.share)}  ${s.name}`);
    log('  functions of ours (with the library code they call):');
    for (const s of summary.functions) log(`  ${pct(s.share)}  ${s.name}`);
  }

  public profiles(): void {
    const sizes = this.options.trees;
    for (const apps of sizes.length > 0 ? sizes : [this.options.sizes[0]]) {
      const out = path.join(this.work, 'out');
      this.profile(`cdk8s-flux, ${apps} apps + secrets`, [
        this.program('flux-program.js'),
        ...this.argsOf(apps, out, true),
      ]);
      this.profile(`validate, ${apps}-app tree`, [
        this.program('cli-program.js'),
        'validate',
        out,
        '--external',
        'Secret/flux-system/sops-age',
      ]);
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
}

function printFleets(results: readonly FleetResult[]): void {
  log('\nfleets (medians; time is wall clock of the whole process, cpu is its user + system time):');
  log('  apps    secrets  flux s   raw s  floor s  flux/raw (cpu)   flux/floor (cpu)  peak MB flux vs raw');
  for (const r of results) {
    const [flux, raw, floor] = PROGRAMS.map((p) => r.byProgram.get(p.name)!);
    log(
      `  ${String(r.apps).padEnd(7)} ${(r.secrets ? 'yes' : 'no').padEnd(8)} ${flux.seconds.toFixed(2).padStart(6)} ` +
        `${raw.seconds.toFixed(2).padStart(7)} ${floor.seconds.toFixed(2).padStart(8)}  ` +
        `${ratio(flux.seconds, raw.seconds)} (${ratio(flux.cpuSeconds, raw.cpuSeconds)})`.padEnd(17) +
        `${ratio(flux.seconds, floor.seconds)} (${ratio(flux.cpuSeconds, floor.cpuSeconds)})`.padEnd(18) +
        `${flux.rssMb.toFixed(0)} vs ${raw.rssMb.toFixed(0)} (${ratio(flux.rssMb, raw.rssMb)})`,
    );
  }
}

/**
 * The targets against this run. Time ratios are of CPU time (user + system of the whole process): on a busy machine
 * wall time also counts the other work, while CPU time stays what the program costs. The example's synth, a tree of
 * processes, is wall time.
 */
function verdicts(
  fleets: readonly FleetResult[],
  trees: ReadonlyMap<number, ReadonlyMap<string, Medians>>,
  example: ReadonlyMap<string, Medians>,
  reference: ReadonlyMap<string, Medians> | undefined,
): Verdict[] {
  const fleetOf = (apps: number, secrets: boolean) =>
    fleets.find((f) => f.apps === apps && f.secrets === secrets)?.byProgram;
  const out: Verdict[] = [];
  const at1000 = fleetOf(1000, true);
  if (at1000 !== undefined) {
    const [flux, raw, floor] = PROGRAMS.map((p) => at1000.get(p.name)!.cpuSeconds);
    out.push({ ...TARGETS.fluxVsRaw, measured: flux / raw }, { ...TARGETS.fluxVsFloor, measured: flux / floor });
  }
  for (const secrets of [false, true]) {
    const [small, large] = [fleetOf(1000, secrets), fleetOf(5000, secrets)];
    if (small !== undefined && large !== undefined) {
      const measured = large.get('cdk8s-flux')!.cpuSeconds / small.get('cdk8s-flux')!.cpuSeconds;
      out.push({ ...TARGETS.scale, name: `${TARGETS.scale.name}${secrets ? ' (+ secrets)' : ''}`, measured });
    }
  }
  for (const f of fleets) {
    const measured = f.byProgram.get('cdk8s-flux')!.rssMb / f.byProgram.get('raw cdk8s')!.rssMb;
    out.push({
      ...TARGETS.memory,
      name: `${TARGETS.memory.name}, ${f.apps}${f.secrets ? ' + secrets' : ''}`,
      measured,
    });
  }
  const [small, large] = TREE_SIZES.map((n) => trees.get(n)?.get('validate')?.cpuSeconds);
  if (small !== undefined && large !== undefined) out.push({ ...TARGETS.validateScale, measured: large / small });
  out.push({ ...TARGETS.exampleSynth, measured: example.get('npm run synth')!.seconds });
  if (reference !== undefined) {
    const [validate, loop] = [...reference.values()];
    out.push({ ...TARGETS.validateVsLoop, measured: validate.seconds / loop.seconds });
  }
  return out;
}

/** `name 1.23 s (cpu 0.98 s)` for each command. */
function formatTimes(medians: ReadonlyMap<string, Medians>): string[] {
  return [...medians].map(
    ([name, m]) =>
      `  ${name.padEnd(18)} ${m.seconds.toFixed(2)} s${isNaN(m.cpuSeconds) ? '' : ` (cpu ${m.cpuSeconds.toFixed(2)} s)`}`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-bench-'));
  const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  const load = () => os.loadavg()[0].toFixed(1);
  log(`cdk8s-flux bench on ${os.cpus().length} cores, node ${process.version}, load average ${load()}`);
  const bench = new Bench(work, options);
  await bench.prepare();

  const fleets: FleetResult[] = [];
  for (const apps of options.sizes) {
    for (const secrets of [false, true]) {
      log(`fleet of ${apps} apps${secrets ? ' + secrets' : ''}...`);
      fleets.push(bench.fleet(apps, secrets));
    }
  }
  printFleets(fleets);

  log('\nthe example (medians of 3):');
  const example = bench.example();
  for (const line of formatTimes(example)) log(line);

  const trees = new Map<number, Map<string, Medians>>();
  for (const apps of options.trees) {
    trees.set(apps, bench.tree(apps));
    log(
      `cdk8s-flux on the ${apps}-app tree (medians of 3; check's cpu is its own, not the app's; diff changes one app):`,
    );
    for (const line of formatTimes(trees.get(apps)!)) log(line);
  }

  const reference = await bench.reference();
  if (reference === undefined) log(`\n${REFERENCE} is not in the shared reference folder: validate on it is not timed`);
  else {
    log(`\nvalidate on ${REFERENCE} (medians of 3):`);
    for (const line of formatTimes(reference)) log(line);
  }

  log('\ntargets (time ratios of CPU time; the example and the reference repository of wall time):');
  for (const line of formatVerdicts(verdicts(fleets, trees, example, reference))) log(line);
  if (options.profile) bench.profiles();
  else log('\nwhere a target is not met, `npm run bench -- --profile` shows where the time goes');
  const cores = os.cpus().length;
  const end = Number(load());
  log(
    `\nload average at the end: ${end.toFixed(1)}${end > cores ? ` (above ${cores} cores: other work competed)` : ''}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
