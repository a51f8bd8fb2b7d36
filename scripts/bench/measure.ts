import { spawnSync } from 'child_process';
import { USAGE_REPORT_PREFIX, UsageReport } from './usage-report';

/** One run of a whole process. */
export interface Run {
  /** Wall time, in seconds. */
  readonly seconds: number;
  /** What a node process run with `--require` of `report-usage` reported about itself. */
  readonly report?: UsageReport;
}

/** Where and how to run a process. */
export interface RunOptions {
  /** The working directory. */
  readonly cwd: string;
  /**
   * Variables added to the environment.
   * @default none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The exit codes that count as a normal end (`validate` exits 1 on a tree with findings).
   * @default [0]
   */
  readonly exitCodes?: readonly number[];
}

/**
 * Runs `command args` to its end and times it. Throws when it fails, with its output (the bench programs never
 * print a secret).
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error !== undefined) throw result.error;
  if (result.status === null || !(options.exitCodes ?? [0]).includes(result.status)) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  const last = result.stdout.trim().split('\n').pop() ?? '';
  const report = last.startsWith(USAGE_REPORT_PREFIX)
    ? (JSON.parse(last.slice(USAGE_REPORT_PREFIX.length)) as UsageReport)
    : undefined;
  return { seconds, report };
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
