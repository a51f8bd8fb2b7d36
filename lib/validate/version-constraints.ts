import { Issue } from '../errors';
import { semverConstraintProblem } from '../semver-constraint';
import { apiGroup, stringField, whereOf } from './manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';

/** A field of a Flux kind that holds a semver constraint. */
interface ConstraintField {
  readonly group: string;
  readonly kind: string;
  /** The path to the field, from the object's root. */
  readonly path: readonly string[];
}

const CONSTRAINT_FIELDS: readonly ConstraintField[] = [
  { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', path: ['spec', 'chart', 'spec', 'version'] },
  { group: 'source.toolkit.fluxcd.io', kind: 'HelmChart', path: ['spec', 'version'] },
  { group: 'source.toolkit.fluxcd.io', kind: 'OCIRepository', path: ['spec', 'ref', 'semver'] },
  { group: 'image.toolkit.fluxcd.io', kind: 'ImagePolicy', path: ['spec', 'policy', 'semver', 'range'] },
];

function valueAt(manifest: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((obj, key) => (isPlainObject(obj) ? obj[key] : undefined), manifest);
}

/**
 * Every chart version, OCI `ref.semver` and ImagePolicy range that Flux cannot read as a semver constraint
 * (`latest`, `six`, `>=1.2 <<3`): the source controller rejects the object and nothing is pulled. A value that
 * still holds a `${var}` is left for the postBuild substitution to fill.
 */
export function checkVersionConstraints(records: readonly ManifestRecord[]): Issue[] {
  const issues: Issue[] = [];
  for (const record of records) {
    if (record.external) continue;
    const m = record.manifest;
    const group = apiGroup(stringField(m, 'apiVersion') ?? '');
    const field = CONSTRAINT_FIELDS.find((f) => f.kind === m.kind && f.group === group);
    if (field === undefined) continue;
    const value = valueAt(m, field.path);
    if (typeof value !== 'string' || value.includes('${')) continue;
    const problem = semverConstraintProblem(value);
    if (problem === undefined) continue;
    issues.push({
      ...whereOf(record),
      field: field.path.join('.'),
      value,
      message: `is not a semver constraint: it ${problem}`,
      fix: 'write a version or range such as "1.2.3", "1.x", "~1.2", "^1.2.3" or ">=1.0.0 <2.0.0" ("*" for the newest)',
    });
  }
  return issues;
}
