/**
 * Loaded with `node --require` into every node process the bench times: at exit, prints the process's peak memory
 * and CPU time as the last line of its standard output ({@link UsageReport}).
 */
import { USAGE_REPORT_PREFIX, UsageReport } from './usage-report';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report: UsageReport = { maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  process.stdout.write(`\n${USAGE_REPORT_PREFIX}${JSON.stringify(report)}\n`);
});
