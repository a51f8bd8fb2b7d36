import { FluxValidationError, Issue } from '../errors';

/** Helm values: plain JSON data, keyed by the chart's value names. */
export type HelmValues = Readonly<Record<string, unknown>>;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Why `value` is not JSON data, or undefined when it is. */
function notJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : 'is not a finite number, which JSON cannot hold';
    case 'object':
      if (value === null || Array.isArray(value) || isPlainObject(value)) return undefined;
      return `is a ${value.constructor?.name ?? 'non-plain'} object, not plain data`;
    case 'undefined':
      return 'is undefined, which a list of values cannot hold';
    default:
      return `is a ${typeof value}, not plain data`;
  }
}

function copy(value: unknown, field: string, issues: Issue[]): unknown {
  const problem = notJson(value);
  if (problem !== undefined) {
    issues.push({
      field,
      message: problem,
      fix: 'use strings, numbers, booleans, null, arrays and plain objects only',
    });
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => copy(v, `${field}[${i}]`, issues));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copy(v, childPath(field, k), issues);
    return out;
  }
  return value;
}

function merge(base: unknown, overlay: unknown, field: string, issues: Issue[]): unknown {
  if (overlay === undefined) return base;
  if (isPlainObject(base) && isPlainObject(overlay)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(overlay)) {
      if (v === undefined) continue;
      out[k] = k in out ? merge(out[k], v, childPath(field, k), issues) : copy(v, childPath(field, k), issues);
    }
    return out;
  }
  return copy(overlay, field, issues);
}

/**
 * Merges Helm values the way a values overlay is meant: `overlays` are applied in order over `base`; maps are merged
 * key by key, at any depth; anything else (a string, a number, a list) replaces what was there. A key set to
 * `undefined` (or left out) keeps the value below it; a key set to `null` is kept as `null`, which makes Helm drop
 * the chart's default for it.
 *
 * This is what the Kustomize overlays of a Flux repository do to a HelmRelease's `spec.values` with a patch, written
 * as code: a reusable component takes its defaults as `base` and the values of one cluster as an overlay. Neither
 * input is modified.
 *
 * @example
 *   mergeHelmValues({ redis: { enabled: true, tag: '7' }, replicaCount: 1 }, { redis: { tag: '8' } })
 *   // { redis: { enabled: true, tag: '8' }, replicaCount: 1 }
 * @throws FluxValidationError naming every value that is not JSON data (a function, a class instance, NaN...)
 */
export function mergeHelmValues(base: HelmValues, ...overlays: readonly (HelmValues | undefined)[]): HelmValues {
  const issues: Issue[] = [];
  const maps = [base, ...overlays].map((values, i) => {
    if (values === undefined && i > 0) return undefined;
    if (isPlainObject(values)) return values;
    issues.push({
      field: i === 0 ? 'base' : `overlays[${i - 1}]`,
      value: typeof values === 'string' ? values : (JSON.stringify(values) ?? String(values)),
      message: 'is not a map of values',
      fix: i === 0 ? 'pass a plain object' : 'pass a plain object, or undefined for no overlay',
    });
    return undefined;
  });
  let out: unknown = {};
  for (const values of maps) if (values !== undefined) out = merge(out, values, 'values', issues);
  if (issues.length > 0) throw new FluxValidationError(issues);
  return out as HelmValues;
}
