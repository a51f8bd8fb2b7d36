import { isPlainObject } from '../../sops/base/plain-object';
import { didYouMean } from '../../sops/base/did-you-mean';
import type { Issue } from '../../errors';
import { celRuleFix } from './cel-fixes';
import { evaluateCelRule, fieldPathSuffix, toCelValue } from './cel';
import { childPath, describeType, itemPath, jsonEqual, renderValue } from './paths';
import { compilePattern, patternHint } from './patterns';
import type { JsonSchema } from './types';

/** Options of one schema walk. */
export interface WalkOptions {
  /** Top-level fields left to other checks (`metadata` is ObjectMeta, `status` belongs to the controller). */
  readonly ignoredRootFields?: readonly string[];
}

/**
 * Checks `value` against a structural schema the way the API server does for a custom resource (after defaulting):
 * types, `nullable`, enums, patterns, lengths, bounds, item counts, list uniqueness, formats, required fields and
 * unknown fields (rejected unless `x-kubernetes-preserve-unknown-fields`), then the node's CEL rules.
 *
 * Returns every problem found; paths are relative to `path`.
 */
export function checkSchema(value: unknown, schema: JsonSchema, path = '', options: WalkOptions = {}): Issue[] {
  const issues: Issue[] = [];
  visit(value, schema, path, issues, new Set(options.ignoredRootFields ?? []));
  return issues;
}

function visit(value: unknown, schema: JsonSchema, path: string, issues: Issue[], ignored?: Set<string>): void {
  if (value === null) {
    if (schema.nullable !== true) {
      issues.push({
        field: path,
        value: 'null',
        message: 'is null, but the field is not nullable',
        fix: `remove ${path} or give it ${schema.type ? `${expectedType(schema)} ` : 'a '}value`,
      });
    }
    return;
  }
  if (!checkType(value, schema, path, issues)) return;
  const before = issues.length;
  checkEnum(value, schema, path, issues);
  if (typeof value === 'string') checkString(value, schema, path, issues);
  if (typeof value === 'number') checkNumber(value, schema, path, issues);
  if (Array.isArray(value)) checkArray(value, schema, path, issues);
  if (isPlainObject(value)) checkObject(value, schema, path, issues, ignored);
  checkRules(value, schema, path, issues, issues.length > before);
}

function expectedType(schema: JsonSchema): string {
  if (schema['x-kubernetes-int-or-string']) return 'an integer or string';
  switch (schema.type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'a list';
    case 'object':
      return 'a map';
    default:
      return 'any';
  }
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
    case 'number':
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return true;
  }
}

function checkType(value: unknown, schema: JsonSchema, path: string, issues: Issue[]): boolean {
  const ok = schema['x-kubernetes-int-or-string']
    ? matchesType(value, 'integer') || matchesType(value, 'string')
    : schema.type === undefined || matchesType(value, schema.type);
  if (ok) return true;
  issues.push({
    field: path,
    value: renderValue(value),
    message: `must be ${expectedType(schema)}, not ${describeType(value)}`,
    fix: typeFix(value, schema),
  });
  return false;
}

function typeFix(value: unknown, schema: JsonSchema): string {
  const scalar = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string';
  switch (schema['x-kubernetes-int-or-string'] ? 'int-or-string' : schema.type) {
    case 'string':
      if (schema.enum) return enumFix(schema.enum);
      if (schema.pattern) return patternHint(schema.pattern).fix;
      return scalar ? `quote it: "${String(value)}"` : 'use a single string value';
    case 'integer':
    case 'int-or-string':
      if (typeof value === 'string' && /^-?[0-9]+$/.test(value.trim())) return `drop the quotes: ${value.trim()}`;
      return 'use a whole number without quotes, like 5';
    case 'number':
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
        return `drop the quotes: ${value.trim()}`;
      }
      return 'use a number without quotes, like 1.5';
    case 'boolean':
      if (value === 'true' || value === 'false') return `drop the quotes: ${value}`;
      return 'use true or false, without quotes';
    case 'array':
      return 'use a list ("- item" entries in YAML)';
    case 'object': {
      const fields = Object.keys(schema.properties ?? {});
      return fields.length > 0
        ? `use a map with fields such as ${listNames(fields, 6)}`
        : 'use a map of keys to values';
    }
    default:
      return `use ${expectedType(schema)} value`;
  }
}

function checkEnum(value: unknown, schema: JsonSchema, path: string, issues: Issue[]): void {
  if (!schema.enum || schema.enum.some((allowed) => jsonEqual(allowed, value))) return;
  const sameButCase =
    typeof value === 'string'
      ? schema.enum.find((allowed) => typeof allowed === 'string' && allowed.toLowerCase() === value.toLowerCase())
      : undefined;
  issues.push({
    field: path,
    value: renderValue(value),
    message: 'is not one of the allowed values',
    fix: typeof sameButCase === 'string' ? `use "${sameButCase}" (values are case-sensitive)` : enumFix(schema.enum),
  });
}

function enumFix(values: readonly unknown[]): string {
  return `use one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

function checkString(value: string, schema: JsonSchema, path: string, issues: Issue[]): void {
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    issues.push({
      field: path,
      value,
      message: length === 0 ? 'is empty' : `is ${length} characters long, less than the minimum of ${schema.minLength}`,
      fix: `use at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}, or remove ${path}`,
    });
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    issues.push({
      field: path,
      value: renderValue(value),
      message: `is ${length} characters long, more than the maximum of ${schema.maxLength}`,
      fix: `shorten it to at most ${schema.maxLength} characters`,
    });
  }
  if (schema.pattern !== undefined && !compilePattern(schema.pattern).test(value)) {
    const hint = patternHint(schema.pattern);
    issues.push({
      field: path,
      value: renderValue(value),
      message: `does not match ${hint.name} ${schema.pattern}`,
      fix: hint.fix,
    });
  }
  const formatProblem = schema.format ? stringFormatProblem(value, schema.format) : undefined;
  if (formatProblem) issues.push({ field: path, value: renderValue(value), ...formatProblem });
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The string formats Kubernetes checks that the Flux CRDs use (others are accepted, as the API server does). */
function stringFormatProblem(value: string, format: string): { message: string; fix: string } | undefined {
  switch (format) {
    case 'date-time': {
      const m = RFC3339.exec(value);
      const valid = m !== null && validDate(m[1], m[2], m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 61;
      return valid
        ? undefined
        : { message: 'is not an RFC 3339 date-time', fix: 'use a value like "2025-01-31T12:00:00Z"' };
    }
    case 'date': {
      const m = DATE.exec(value);
      return m && validDate(m[1], m[2], m[3])
        ? undefined
        : { message: 'is not an RFC 3339 full date', fix: 'use a value like "2025-01-31"' };
    }
    default:
      return undefined;
  }
}

function validDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(+year, +month - 1, +day));
  return date.getUTCFullYear() === +year && date.getUTCMonth() === +month - 1 && date.getUTCDate() === +day;
}

const INTEGER_FORMATS: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 63), 2 ** 63 - 1],
};

function checkNumber(value: number, schema: JsonSchema, path: string, issues: Issue[]): void {
  const push = (message: string, fix: string): number =>
    issues.push({ field: path, value: String(value), message, fix });
  const { minimum, maximum } = schema;
  if (minimum !== undefined && (schema.exclusiveMinimum ? value <= minimum : value < minimum)) {
    push(
      schema.exclusiveMinimum ? `must be greater than ${minimum}` : `is less than the minimum of ${minimum}`,
      `use a value ${schema.exclusiveMinimum ? 'above' : 'of at least'} ${minimum}`,
    );
  }
  if (maximum !== undefined && (schema.exclusiveMaximum ? value >= maximum : value > maximum)) {
    push(
      schema.exclusiveMaximum ? `must be less than ${maximum}` : `is more than the maximum of ${maximum}`,
      `use a value ${schema.exclusiveMaximum ? 'below' : 'of at most'} ${maximum}`,
    );
  }
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const quotient = value / schema.multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) {
      push(`is not a multiple of ${schema.multipleOf}`, `use a multiple of ${schema.multipleOf}`);
    }
  }
  const range = schema.format ? INTEGER_FORMATS[schema.format] : undefined;
  if (range && (value < range[0] || value > range[1])) {
    push(`is out of the ${schema.format} range`, `use a value between ${range[0]} and ${range[1]}`);
  }
}

function checkArray(value: unknown[], schema: JsonSchema, path: string, issues: Issue[]): void {
  const count = value.length;
  const items = (n: number): string => `${n} item${n === 1 ? '' : 's'}`;
  if (schema.minItems !== undefined && count < schema.minItems) {
    issues.push({
      field: path,
      value: renderValue(value),
      message: `has ${items(count)}, fewer than the minimum of ${schema.minItems}`,
      fix: `give it at least ${items(schema.minItems)}`,
    });
  }
  if (schema.maxItems !== undefined && count > schema.maxItems) {
    issues.push({
      field: path,
      message: `has ${items(count)}, more than the maximum of ${schema.maxItems}`,
      fix: `keep at most ${items(schema.maxItems)}`,
    });
  }
  checkListType(value, schema, path, issues);
  if (schema.items) value.forEach((item, i) => visit(item, schema.items as JsonSchema, itemPath(path, i), issues));
}

/** `x-kubernetes-list-type: set` items and `map` keys must be unique. */
function checkListType(value: unknown[], schema: JsonSchema, path: string, issues: Issue[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') {
    value.forEach((item, i) => {
      const first = value.findIndex((other) => jsonEqual(other, item));
      if (first < i) {
        issues.push({
          field: itemPath(path, i),
          value: renderValue(item),
          message: `repeats item ${first} of a list whose items must be unique`,
          fix: 'remove the duplicate',
        });
      }
    });
  }
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  if (listType === 'map' && keys.length > 0) {
    const keyOf = (item: unknown): unknown[] => keys.map((k) => (isPlainObject(item) ? item[k] : undefined));
    value.forEach((item, i) => {
      const first = value.findIndex((other) => jsonEqual(keyOf(other), keyOf(item)));
      if (first < i) {
        issues.push({
          field: itemPath(path, i),
          value: renderValue(keyOf(item).length === 1 ? keyOf(item)[0] : keyOf(item)),
          message: `has the same ${keys.join(', ')} as item ${first}`,
          fix: `give each item a different ${keys.join(', ')}, or merge the two items`,
        });
      }
    });
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: JsonSchema,
  path: string,
  issues: Issue[],
  ignored?: Set<string>,
): void {
  for (const name of schema.required ?? []) {
    if (!(name in value) && !ignored?.has(name)) {
      const field = childPath(path, name);
      issues.push({ field, message: 'is required', fix: requiredFix(field, schema.properties?.[name]) });
    }
  }
  const count = Object.keys(value).length;
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    issues.push({
      field: path,
      message: `has ${count} entries, fewer than the minimum of ${schema.minProperties}`,
      fix: `give it at least ${schema.minProperties} entries`,
    });
  }
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    issues.push({
      field: path,
      message: `has ${count} entries, more than the maximum of ${schema.maxProperties}`,
      fix: `keep at most ${schema.maxProperties} entries`,
    });
  }
  const additional = schema.additionalProperties;
  const preserveUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true || additional === true;
  const known = Object.keys(schema.properties ?? {});
  for (const [key, child] of Object.entries(value)) {
    if (ignored?.has(key)) continue;
    const field = childPath(path, key);
    const property = schema.properties?.[key];
    if (property) visit(child, property, field, issues);
    else if (typeof additional === 'object') visit(child, additional, field, issues);
    else if (!preserveUnknown) issues.push({ field, message: 'is an unknown field', fix: unknownFieldFix(key, known) });
  }
}

function requiredFix(field: string, property: JsonSchema | undefined): string {
  if (!property) return `set ${field}`;
  if (property.enum) return `set ${field} to one of ${property.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (property.pattern) return `set ${field}: ${patternHint(property.pattern).fix}`;
  if (property.type === 'object' && property.required?.length) {
    return `set ${field} with its required fields ${property.required.join(', ')}`;
  }
  return `set ${field} to ${expectedType(property)} value`;
}

function unknownFieldFix(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known, { ignoreCase: true });
  if (suggestion) return `did you mean "${suggestion}"? rename it, or remove it`;
  if (known.length === 0) return 'remove it: this map takes no fields';
  return `remove it; the fields here are ${listNames(known, 12)}`;
}

function listNames(names: readonly string[], max: number): string {
  const sorted = [...names].sort();
  return sorted.length > max ? `${sorted.slice(0, max).join(', ')}, ...` : sorted.join(', ');
}

/**
 * Evaluates the node's CEL rules (the node is present, or we would not be here). A rule that cannot be evaluated is
 * reported only when the subtree had no other problem: a missing or mistyped field explains it already.
 */
function checkRules(
  value: unknown,
  schema: JsonSchema,
  path: string,
  issues: Issue[],
  subtreeHasIssues: boolean,
): void {
  const rules = schema['x-kubernetes-validations'];
  if (!rules || rules.length === 0) return;
  const self = toCelValue(value, schema);
  for (const rule of rules) {
    const outcome = evaluateCelRule(rule, self);
    const field = `${path}${fieldPathSuffix(rule.fieldPath)}`;
    if (outcome.status === 'failed') {
      issues.push({ field, message: outcome.message, fix: celRuleFix(rule, path) });
    } else if (outcome.status === 'error' && !subtreeHasIssues) {
      issues.push({
        field,
        message: `cannot be checked against the CRD rule \`${rule.rule}\`: ${outcome.error}`,
        fix: celRuleFix(rule, path),
      });
    }
  }
}
