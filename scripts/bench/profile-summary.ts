import * as fs from 'fs';
import * as path from 'path';

/** The parts of a V8 CPU profile (`node --cpu-prof`) the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A share of a profile's time. */
export interface Share {
  /** What the time was spent on: a phase (a folder of lib/) or a function of ours. */
  readonly name: string;
  /** The fraction of the sampled time, 0 to 1. */
  readonly share: number;
}

/** Where a profile's time went: by phase, and the functions of ours that spent the most. */
export interface ProfileSummary {
  /** By folder of lib/ (`lib/render`, `lib/validate`...), module loading, garbage collection, the program itself. */
  readonly phases: readonly Share[];
  /** Our functions, each with the time of the library code it called. */
  readonly functions: readonly Share[];
}

const SPECIAL: ReadonlyMap<string, string> = new Map([
  ['(garbage collector)', 'garbage collection'],
  ['(program)', 'runtime (native, idle)'],
  ['(idle)', 'runtime (native, idle)'],
]);

function shares(totals: ReadonlyMap<string, number>, total: number, top: number): Share[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => ({ name, share: time / total }));
}

/**
 * Summarizes a CPU profile of a program compiled into `compiledRoot`: every sample is charged to the nearest frame of
 * ours above it (library calls count for the code of ours that made them), or to module loading when the module
 * loader comes first.
 */
export function summarizeProfile(file: string, compiledRoot: string): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const libRoot = `${path.join(compiledRoot, 'lib')}${path.sep}`;

  const charge = (id: number): { phase: string; fn?: string } => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      const special = SPECIAL.get(functionName);
      if (special !== undefined) return { phase: special };
      if (url.startsWith('node:internal/modules')) return { phase: 'module loading' };
      const file = url.replace(/^file:\/\//, '');
      if (file.startsWith(libRoot)) {
        const rel = file.slice(libRoot.length).replace(/\.js$/, '');
        const folder = rel.includes(path.sep) ? rel.slice(0, rel.indexOf(path.sep)) : rel;
        return { phase: `lib/${folder}`, fn: `${functionName || '(anonymous)'} (lib/${rel})` };
      }
    }
    return { phase: 'the program and its libraries' };
  };

  const phases = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const time = profile.timeDeltas[i] ?? 0;
    const { phase, fn } = charge(id);
    total += time;
    phases.set(phase, (phases.get(phase) ?? 0) + time);
    if (fn !== undefined) functions.set(fn, (functions.get(fn) ?? 0) + time);
  });
  return { phases: shares(phases, total, 12), functions: shares(functions, total, 10) };
}
