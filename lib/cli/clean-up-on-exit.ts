/** The signals that end a command run from a terminal or a CI job. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `body` and then `cleanUp`, also when `body` throws and when the process is stopped by a signal meanwhile: on
 * SIGINT, SIGTERM or SIGHUP, `signal` is aborted (so `body` can stop what it started), `cleanUp` runs, and the
 * process ends by the same signal. `cleanUp` must be synchronous and must not throw.
 */
export async function withCleanUp<T>(cleanUp: () => void, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    controller.abort();
    detach();
    cleanUp();
    process.kill(process.pid, signal);
  };
  const detach = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', cleanUp);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', cleanUp);
  try {
    return await body(controller.signal);
  } finally {
    detach();
    cleanUp();
  }
}
