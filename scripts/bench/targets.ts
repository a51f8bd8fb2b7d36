/** A target of the performance issue: a measured value that must stay at or under a limit. */
export interface Target {
  /** What is measured, e.g. "1,000 apps + secrets: cdk8s-flux / raw cdk8s". */
  readonly name: string;
  /** The largest value that meets the target. */
  readonly limit: number;
  /** The unit both are printed in. */
  readonly unit: 'x' | 's';
}

/** A target with what this run measured. */
export interface Verdict extends Target {
  /** The measured value. */
  readonly measured: number;
}

/** The targets of the issue, by what they measure. */
export const TARGETS = {
  fluxVsRaw: { name: '1,000 apps + secrets: cdk8s-flux / raw cdk8s time', limit: 1.3, unit: 'x' },
  fluxVsFloor: { name: '1,000 apps + secrets: cdk8s-flux / floor time', limit: 2.5, unit: 'x' },
  scale: { name: 'cdk8s-flux: 5,000 apps time / 1,000 apps time', limit: 5.5, unit: 'x' },
  memory: { name: 'peak memory, cdk8s-flux / raw cdk8s', limit: 1.5, unit: 'x' },
  validateScale: { name: 'validate: 5,000-app tree / 1,000-app tree', limit: 5.5, unit: 'x' },
  exampleSynth: { name: "the example's `npm run synth`", limit: 1.0, unit: 's' },
  validateVsLoop: {
    name: 'validate onedr0p-home-ops / its builds in a kubectl kustomize loop (wall)',
    limit: 1.0,
    unit: 'x',
  },
} as const satisfies Record<string, Target>;

/** One line per verdict: what, measured, limit, met or not. */
export function formatVerdicts(verdicts: readonly Verdict[]): string[] {
  const width = Math.max(...verdicts.map((v) => v.name.length));
  return verdicts.map((v) => {
    const value = (x: number) => `${x.toFixed(2)}${v.unit}`;
    const met = v.measured <= v.limit ? 'met' : 'NOT MET';
    return `  ${v.name.padEnd(width)}  ${value(v.measured).padStart(7)}  target <= ${value(v.limit).padEnd(6)}  ${met}`;
  });
}
