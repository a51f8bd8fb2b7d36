import { isPlainObject } from '../../sops/base/plain-object';
import type { JsonSchema } from './types';

/**
 * Returns a copy of `value` with the schema's defaults filled in, as the API server does before it validates a custom
 * resource: a missing field with a `default` gets it (inside objects that exist; a defaulted object gets its own
 * defaults too), and a `null` in a non-nullable field is replaced by its default, or dropped when it has none (the API
 * server's pruning of non-nullable nulls, so `suspend: null` means the field is unset, not an error). A `null` list
 * item is kept, as the API server keeps it, and reported by the schema check.
 *
 * CEL rules see the defaulted object (for example Bucket rules read `self.provider`, which defaults to `generic`).
 */
export function withDefaults(value: unknown, schema: JsonSchema | undefined): unknown {
  if (schema === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => withDefaults(item, schema.items));
  if (!isPlainObject(value)) return value;
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties?.[key] ?? additional;
    const nonNullableNull = child === null && childSchema !== undefined && childSchema.nullable !== true;
    if (nonNullableNull && childSchema.default === undefined) continue;
    out[key] = withDefaults(nonNullableNull ? copyJson(childSchema.default) : child, childSchema);
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (!(key in value) && property.default !== undefined) {
      out[key] = withDefaults(copyJson(property.default), property);
    }
  }
  return out;
}

function copyJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}
