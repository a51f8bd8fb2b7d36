/** The last line a process timed by the bench prints (see `report-usage`). */
export interface UsageReport {
  /** Peak resident memory of the process, in kilobytes (`process.resourceUsage().maxRSS`). */
  readonly maxRssKb: number;
  /** CPU time of the process (user and system), in milliseconds: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
}

/** The prefix that tells the report from the rest of the output. */
export const USAGE_REPORT_PREFIX = 'bench-usage ';
