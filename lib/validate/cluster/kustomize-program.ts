import { execFile, execFileSync } from 'child_process';
import * as os from 'os';

/** How a folder is built: the `kustomize` program, or `kubectl kustomize`. */
export interface KustomizeProgram {
  /** The program to run. */
  readonly command: string;
  /** The arguments before the folder: `build` for kustomize, `kustomize` for kubectl. */
  readonly prefix: readonly string[];
}

/** The error when neither program is installed: what to install, and where it is explained. */
export class KustomizeMissingError extends Error {
  constructor() {
    super(
      'cannot build the folders Flux applies: neither `kustomize` nor `kubectl` is on the PATH; install kubectl ' +
        '(https://kubernetes.io/docs/tasks/tools/) or kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/)',
    );
    this.name = 'KustomizeMissingError';
  }
}

const works = (command: string, args: readonly string[]): boolean => {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
};

/**
 * The Kustomize program of this machine: `kustomize` when installed, else `kubectl kustomize`.
 *
 * @throws KustomizeMissingError when neither is installed
 */
export function findKustomize(): KustomizeProgram {
  if (works('kustomize', ['version'])) return { command: 'kustomize', prefix: ['build'] };
  if (works('kubectl', ['version', '--client'])) return { command: 'kubectl', prefix: ['kustomize'] };
  throw new KustomizeMissingError();
}

/** The outcome of one build: the YAML it printed, or the first line of what it said went wrong. */
export type BuildOutcome = { readonly yaml: string } | { readonly error: string };

/**
 * Builds one folder as kustomize-controller does: files may be loaded from anywhere in the repository
 * (`LoadRestrictionsNone`), and plugins stay off.
 */
export function build(program: KustomizeProgram, folder: string): Promise<BuildOutcome> {
  const args = [...program.prefix, '--load-restrictor=LoadRestrictionsNone', folder];
  return new Promise((resolve) => {
    execFile(program.command, args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve({ yaml: stdout });
      else resolve({ error: kustomizeMessage(stderr === '' ? error.message : stderr) });
    });
  });
}

/** Kustomize's own message on one line, without the log prefix kubectl adds (`E1201 ... "command failed" err=`). */
function kustomizeMessage(stderr: string): string {
  const text = stderr
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '>')
    .join(' ');
  const logged = /"command failed" err=<?"?(.*?)"?$/.exec(text);
  return (logged === null ? text.replace(/^Error: /, '') : logged[1].replace(/\\"/g, '"')).trim();
}

/**
 * Runs `task` over every item, at most one per processor core at a time, and returns the results in item order.
 */
export async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  const width = Math.max(1, Math.min(os.availableParallelism(), items.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
