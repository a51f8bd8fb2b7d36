import { withDefaults } from '../../lib/validate/schema-validator/defaults';
import { checkSchema } from '../../lib/validate/schema-validator/structural';
import type { JsonSchema } from '../../lib/validate/schema-validator/types';

/** Checks `{ v: value }` against `{ v: schema }` and returns the messages. */
function messagesFor(schema: JsonSchema, value: unknown): string[] {
  return checkSchema({ v: value }, { type: 'object', properties: { v: schema } }).map((i) => `${i.field} ${i.message}`);
}

describe('structural schema checks beyond what the Flux spec fields use', () => {
  test('x-kubernetes-int-or-string accepts integers and strings only', () => {
    const schema: JsonSchema = { 'x-kubernetes-int-or-string': true };
    expect(messagesFor(schema, 8080)).toEqual([]);
    expect(messagesFor(schema, 'http')).toEqual([]);
    expect(messagesFor(schema, 1.5)).toEqual(['v must be an integer or string, not a number']);
    expect(messagesFor(schema, true)).toEqual(['v must be an integer or string, not a boolean']);
  });

  test('nullable fields accept null, others do not', () => {
    expect(messagesFor({ type: 'string', nullable: true }, null)).toEqual([]);
    expect(messagesFor({ type: 'string' }, null)).toEqual(['v is null, but the field is not nullable']);
  });

  test('integer and number', () => {
    expect(messagesFor({ type: 'integer' }, 3)).toEqual([]);
    expect(messagesFor({ type: 'integer' }, 3.2)).toEqual(['v must be an integer, not a number']);
    expect(messagesFor({ type: 'number' }, 3)).toEqual([]);
    expect(messagesFor({ type: 'number' }, 3.2)).toEqual([]);
    expect(messagesFor({ type: 'number' }, '3.2')).toEqual(['v must be a number, not a string']);
  });

  test('minimum, maximum, exclusive bounds and multipleOf', () => {
    const schema: JsonSchema = { type: 'integer', minimum: 1, maximum: 10, multipleOf: 2 };
    expect(messagesFor(schema, 4)).toEqual([]);
    expect(messagesFor(schema, 0)).toEqual(['v is less than the minimum of 1']);
    expect(messagesFor(schema, 12)).toEqual(['v is more than the maximum of 10']);
    expect(messagesFor(schema, 3)).toEqual(['v is not a multiple of 2']);
    expect(messagesFor({ type: 'number', minimum: 0, exclusiveMinimum: true }, 0)).toEqual([
      'v must be greater than 0',
    ]);
    expect(messagesFor({ type: 'number', maximum: 1, exclusiveMaximum: true }, 1)).toEqual(['v must be less than 1']);
  });

  test('formats: date-time, date, int32 and int64', () => {
    expect(messagesFor({ type: 'string', format: 'date-time' }, '2025-02-28T10:00:00Z')).toEqual([]);
    expect(messagesFor({ type: 'string', format: 'date-time' }, '2025-02-28T10:00:00.5+02:00')).toEqual([]);
    expect(messagesFor({ type: 'string', format: 'date-time' }, '2025-02-30T10:00:00Z')).toEqual([
      'v is not an RFC 3339 date-time',
    ]);
    expect(messagesFor({ type: 'string', format: 'date-time' }, 'yesterday')).toEqual([
      'v is not an RFC 3339 date-time',
    ]);
    expect(messagesFor({ type: 'string', format: 'date' }, '2024-02-29')).toEqual([]);
    expect(messagesFor({ type: 'integer', format: 'int32' }, 2 ** 31)).toEqual(['v is out of the int32 range']);
    expect(messagesFor({ type: 'integer', format: 'int64' }, 2 ** 40)).toEqual([]);
    expect(messagesFor({ type: 'string', format: 'some-unknown-format' }, 'x')).toEqual([]);
  });

  test('string lengths count characters, not bytes', () => {
    expect(messagesFor({ type: 'string', maxLength: 3 }, 'äöü')).toEqual([]);
    expect(messagesFor({ type: 'string', maxLength: 3 }, 'äöüß')).toEqual([
      'v is 4 characters long, more than the maximum of 3',
    ]);
  });

  test('x-kubernetes-list-type set needs unique items', () => {
    const schema: JsonSchema = { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' };
    expect(messagesFor(schema, ['a', 'b'])).toEqual([]);
    expect(messagesFor(schema, ['a', 'b', 'a'])).toEqual(['v[2] repeats item 0 of a list whose items must be unique']);
  });

  test('additionalProperties schemas check every value; other maps reject unknown keys', () => {
    const labels: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
    expect(messagesFor(labels, { a: 'x', b: 'y' })).toEqual([]);
    expect(messagesFor(labels, { a: 1 })).toEqual(['v.a must be a string, not an integer']);
    expect(messagesFor({ type: 'object' }, { a: 1 })).toEqual(['v.a is an unknown field']);
    expect(messagesFor({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, { a: 1 })).toEqual([]);
  });

  test('keys that are not plain identifiers are quoted in paths', () => {
    const labels: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
    expect(messagesFor(labels, { 'app.kubernetes.io/name': 1 })).toEqual([
      'v["app.kubernetes.io/name"] must be a string, not an integer',
    ]);
  });

  test('defaults fill missing fields, nested ones too, replace non-nullable nulls and drop those without a default', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        update: {
          type: 'object',
          default: {},
          properties: { strategy: { type: 'string', default: 'Setters' } },
        },
        items: {
          type: 'array',
          items: { type: 'object', properties: { optional: { type: 'boolean', default: false } } },
        },
        timeout: { type: 'string', default: '60s' },
        note: { type: 'string', default: 'x', nullable: true },
        suspend: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    const value = { items: [{}, { optional: true }], timeout: null, note: null, suspend: null, tags: ['a', null] };
    expect(withDefaults(value, schema)).toEqual({
      update: { strategy: 'Setters' },
      items: [{ optional: false }, { optional: true }],
      timeout: '60s',
      note: null,
      tags: ['a', null],
    });
  });
});
