import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The plan-file protocol between `cdk8s-flux check` and an app: when this environment variable names a file,
 * `FluxApp.synth()` writes the validated tree there as JSON ({@link PlanFile}) and touches nothing else.
 */
export const PLAN_FILE_ENV = 'CDK8S_FLUX_PLAN_FILE';

/** What an app writes to the plan file. */
export interface PlanFile {
  /** The absolute output folder the tree would be written to. */
  readonly outdir: string;
  /** The files, by path relative to `outdir`; empty when the app failed its checks (it then exits non-zero). */
  readonly files: Readonly<Record<string, string>>;
  /**
   * The `.sops.yaml` for the app's SopsSecret files (`generateSopsConfig`), for `cdk8s-flux sops init`. Written even
   * when the checks fail, since the secret files do not exist yet when it is needed.
   * @default none: the app holds no SopsSecret
   */
  readonly sopsConfig?: string;
}

/**
 * The app side of the protocol: hands over the tree that would be written to `outdir` (none when the checks failed)
 * and the app's `.sops.yaml`.
 */
export function writePlanFile(
  file: string,
  outdir: string,
  files: ReadonlyMap<string, string>,
  sopsConfig: string | undefined,
): void {
  const plan: PlanFile = {
    outdir: path.resolve(outdir),
    files: Object.fromEntries(files),
    ...(sopsConfig === undefined ? {} : { sopsConfig }),
  };
  fs.writeFileSync(file, JSON.stringify(plan));
}

/** Why an app run for its plan gave none. */
export enum PlanFailureKind {
  /** The command could not be started. */
  NOT_STARTED = 'not-started',
  /** The app exited with an error (its checks failed, or it crashed). */
  FAILED = 'failed',
  /** The app ran but no FluxApp synthesized. */
  NO_PLAN = 'no-plan',
}

/** An app run that gave no plan. */
export interface PlanFailure {
  readonly kind: PlanFailureKind;
  /** The start error, or the app's exit code or signal. */
  readonly reason: string;
  /** What the app printed (standard output, then standard error). */
  readonly output: string;
  /** What the app wrote to the plan file before it failed (its `.sops.yaml`), when it wrote one. */
  readonly partial?: PlanFile;
}

/** How an app run ended, as both ways of running it see it. */
interface AppRun {
  readonly error?: Error;
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** The plan an app run wrote to `planFile`, or why it gave none. */
function planOutcome(planFile: string, run: AppRun): PlanFile | PlanFailure {
  if (run.error !== undefined) return { kind: PlanFailureKind.NOT_STARTED, reason: run.error.message, output: '' };
  const output = run.output.trimEnd();
  const plan = fs.existsSync(planFile) ? (JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlanFile) : undefined;
  if (run.status !== 0) {
    const reason = String(run.status ?? run.signal);
    return { kind: PlanFailureKind.FAILED, reason, output, ...(plan === undefined ? {} : { partial: plan }) };
  }
  return plan ?? { kind: PlanFailureKind.NO_PLAN, reason: '', output };
}

/**
 * The check side of the protocol: runs `app` (a shell command line) with {@link PLAN_FILE_ENV} set and returns the
 * tree it would write, without anything written to the tree.
 */
export function synthesizePlan(app: string): PlanFile | PlanFailure {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-plan-'));
  try {
    const planFile = path.join(dir, 'plan.json');
    const run = spawnSync(app, {
      shell: true,
      encoding: 'utf8',
      env: { ...process.env, [PLAN_FILE_ENV]: planFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    return planOutcome(planFile, { ...run, output: `${run.stdout}${run.stderr}` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Options of {@link synthesizePlanAsync}. */
export interface PlanRunOptions {
  /**
   * The folder to run the app in.
   * @default the working folder
   */
  readonly cwd?: string;
  /**
   * Stops the app, with every process it started, when aborted (its plan folder is removed at once); the promise
   * then never settles.
   * @default the app runs to its end
   */
  readonly signal?: AbortSignal;
}

/**
 * {@link synthesizePlan} without blocking: several apps can run at once (two states of a repository), and the
 * caller can stop them.
 */
export async function synthesizePlanAsync(app: string, options: PlanRunOptions = {}): Promise<PlanFile | PlanFailure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-plan-'));
  const planFile = path.join(dir, 'plan.json');
  try {
    const run = await new Promise<AppRun>((resolve) => {
      // its own process group, so stopping it stops what the shell started
      const child = spawn(app, {
        shell: true,
        cwd: options.cwd,
        detached: true,
        env: { ...process.env, [PLAN_FILE_ENV]: planFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const stop = () => {
        if (child.pid !== undefined && child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        fs.rmSync(dir, { recursive: true, force: true });
      };
      options.signal?.addEventListener('abort', stop, { once: true });
      child.on('error', (error) => resolve({ error, status: null, signal: null, output }));
      child.on('close', (status, signal) => {
        options.signal?.removeEventListener('abort', stop);
        if (options.signal?.aborted !== true) resolve({ status, signal, output });
      });
    });
    return planOutcome(planFile, run);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** True when `result` is a failure rather than a plan. */
export function isPlanFailure(result: PlanFile | PlanFailure): result is PlanFailure {
  return 'kind' in result;
}
