import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import type { JsonSchema, ValidationRule } from './types';

/**
 * How a CRD validation rule is enforced here.
 *
 * - `cel`: evaluated with cel-js. Every rule of the Flux v2.9.4 CRDs is (see lib/validate/crd-schemas/cel-rules.md):
 *   they use `has()`, `size()`, `==`/`!=`, `&&`/`||`/`!`, `.all()` and `.matches()`, all supported by cel-js.
 * - `transition`: the rule reads `oldSelf`, so the API server checks it only when an object is updated; a
 *   synthesized tree has no previous object, so the rule is skipped.
 */
export type CelRuleEnforcement = 'cel' | 'transition';

export function celRuleEnforcement(rule: ValidationRule): CelRuleEnforcement {
  return /\boldSelf\b/.test(rule.rule) ? 'transition' : 'cel';
}

let environment: Environment | undefined;
const compiled = new Map<string, ParseResult>();

/** Parses a CEL expression once (cached by its text). Throws when cel-js cannot parse it. */
export function compileCelRule(expression: string): ParseResult {
  let program = compiled.get(expression);
  if (!program) {
    environment ??= new Environment().registerVariable('self', 'dyn');
    program = environment.parse(expression);
    compiled.set(expression, program);
  }
  return program;
}

/** The outcome of one rule on one value. */
export type CelOutcome =
  | { readonly status: 'passed' | 'skipped' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'error'; readonly error: string };

/**
 * Evaluates `rule` with `self` bound to `value` (already converted with {@link toCelValue}).
 *
 * A failed rule's message is its `messageExpression` when that yields a non-empty string, else its `message`, else
 * the API server's default (`failed rule: <rule>`).
 */
export function evaluateCelRule(rule: ValidationRule, value: unknown): CelOutcome {
  if (celRuleEnforcement(rule) === 'transition') return { status: 'skipped' };
  let result: unknown;
  try {
    result = compileCelRule(rule.rule)({ self: value });
  } catch (e) {
    return { status: 'error', error: errorSummary(e) };
  }
  if (result === true) return { status: 'passed' };
  if (result !== false) return { status: 'error', error: `the rule returned ${typeof result}, not a boolean` };
  return { status: 'failed', message: failureMessage(rule, value) };
}

function failureMessage(rule: ValidationRule, value: unknown): string {
  if (rule.messageExpression) {
    try {
      const message: unknown = compileCelRule(rule.messageExpression)({ self: value });
      if (typeof message === 'string' && message.trim() !== '') return message;
    } catch {
      // The API server falls back to `message` when messageExpression fails; so do we.
    }
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}

function errorSummary(e: unknown): string {
  if (e instanceof Error) {
    const summary = (e as Error & { summary?: unknown }).summary;
    return typeof summary === 'string' ? summary : (e.message.split('\n')[0] ?? e.message);
  }
  return String(e);
}

/**
 * Converts a JSON value to what CEL sees for it under `schema`, as the API server does: integers become CEL `int`
 * (bigint), other numbers `double`; values without a schema (preserved unknown fields) are converted by their shape.
 */
export function toCelValue(value: unknown, schema: JsonSchema | undefined): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && schema?.type !== 'number' ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((item) => toCelValue(item, schema?.items));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const additional = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      out[key] = toCelValue(child, schema?.properties?.[key] ?? additional);
    }
    return out;
  }
  return value;
}

/**
 * Turns a rule's `fieldPath` (`.spec.foo`, `.foo['bar.baz']`, `.items[0]`) into a suffix for our dotted paths.
 */
export function fieldPathSuffix(fieldPath: string | undefined): string {
  if (!fieldPath) return '';
  const normalized = fieldPath.replace(/\[['"]([^'"]*)['"]\]/g, (_m, key: string) =>
    /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`,
  );
  return normalized.startsWith('.') || normalized.startsWith('[') ? normalized : `.${normalized}`;
}
