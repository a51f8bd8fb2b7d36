/**
 * Checks a semver constraint as Flux reads it (the Masterminds semver rules Flux uses for a HelmChart `version`, an
 * OCIRepository `ref.semver` and an ImagePolicy range).
 *
 * A constraint is one or more groups joined by `||`; a group is one or more comparisons separated by commas or
 * spaces, or a hyphen range `1.2 - 1.4.5`. A comparison is an optional operator (`=`, `!=`, `>`, `<`, `>=`, `<=`,
 * `=>`, `=<`, `~`, `~>`, `^`) and a version with up to three parts, each a number or a wildcard (`x`, `X`, `*`),
 * optionally prefixed by `v` and followed by a pre-release and build metadata.
 *
 * @param constraint the constraint as written, e.g. `">=1.0.0 <2.0.0"` or `"~1.2"`
 * @returns why the constraint is not valid, or `undefined` when Flux accepts it
 */
export function semverConstraintProblem(constraint: string): string | undefined {
  if (constraint.trim() === '') return 'is empty';
  for (const group of constraint.split('||')) {
    const problem = groupProblem(group.trim());
    if (problem !== undefined) return problem;
  }
  return undefined;
}

const OPERATOR = /^(!=|>=|=>|<=|=<|~>|[=><~^])?\s*/;
const VERSION =
  /^v?(0|[1-9][0-9]*|[xX*])(\.(0|[1-9][0-9]*|[xX*]))?(\.(0|[1-9][0-9]*|[xX*]))?(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

function groupProblem(group: string): string | undefined {
  if (group === '') return 'has an empty alternative around "||"';
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(group);
  if (hyphen) return versionProblem(hyphen[1]) ?? versionProblem(hyphen[2]);
  // Join an operator with the version after it ("> = 1.2" is not allowed, ">= 1.2" is), then split on commas/spaces.
  const comparisons = group
    .replace(/(!=|>=|=>|<=|=<|~>|[=><~^])\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((c) => c !== '');
  if (comparisons.length === 0) return `has an empty comparison in "${group}"`;
  for (const comparison of comparisons) {
    const operator = OPERATOR.exec(comparison);
    const version = comparison.slice(operator ? operator[0].length : 0);
    if (version === '') return `has the operator "${comparison}" without a version`;
    const problem = versionProblem(version);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function versionProblem(version: string): string | undefined {
  if (VERSION.test(version)) return undefined;
  return `has "${version}", which is not a version (use numbers such as 1.2.3, a wildcard such as 1.x, or *)`;
}
