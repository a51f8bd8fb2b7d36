import { celRuleEnforcement, compileCelRule, fieldPathSuffix } from '../../lib/validate/schema-validator/cel';
import { checkSchema } from '../../lib/validate/schema-validator/structural';
import type { JsonSchema, ValidationRule } from '../../lib/validate/schema-validator/types';
import { FLUX_KIND_SCHEMAS } from '../../lib/validate/crd-schemas';

function objectWithRule(rule: ValidationRule, properties: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties,
        'x-kubernetes-validations': [rule],
        'x-kubernetes-preserve-unknown-fields': true,
      },
    },
  };
}

describe('CEL evaluation', () => {
  test('cel-js parses every rule of the Flux CRDs', () => {
    const rules: string[] = [];
    const visit = (s: JsonSchema | undefined): void => {
      if (!s) return;
      rules.push(...(s['x-kubernetes-validations'] ?? []).map((r) => r.rule));
      Object.values(s.properties ?? {}).forEach(visit);
      visit(s.items);
    };
    FLUX_KIND_SCHEMAS.forEach((k) => visit(k.schema));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(() => compileCelRule(rule)).not.toThrow();
  });

  test('transition rules (oldSelf) are skipped: there is no old object at synth time', () => {
    const rule = { rule: 'self.name == oldSelf.name', message: 'name is immutable' };
    expect(celRuleEnforcement(rule)).toBe('transition');
    expect(checkSchema({ spec: { name: 'a' } }, objectWithRule(rule))).toEqual([]);
  });

  test('a rule is evaluated only when its node is present', () => {
    const schema = objectWithRule({ rule: 'false', message: 'never valid' });
    expect(checkSchema({}, schema)).toEqual([]);
    expect(checkSchema({ spec: {} }, schema)).toEqual([
      { field: 'spec', message: 'never valid', fix: 'change spec so that the CRD rule `false` holds' },
    ]);
  });

  test('messageExpression gives the message when it yields a string', () => {
    const schema = objectWithRule({
      rule: 'size(self.name) <= 3',
      message: 'name too long',
      messageExpression: "'name ' + self.name + ' is longer than 3 characters'",
    });
    expect(checkSchema({ spec: { name: 'abcd' } }, schema)[0].message).toBe('name abcd is longer than 3 characters');
  });

  test('fieldPath points the issue at the field the rule names', () => {
    const schema = objectWithRule({ rule: "self.mode != 'x'", message: 'mode x is retired', fieldPath: '.mode' });
    expect(checkSchema({ spec: { mode: 'x' } }, schema)[0].field).toBe('spec.mode');
    expect(fieldPathSuffix("['app.kubernetes.io/name']")).toBe('["app.kubernetes.io/name"]');
    expect(fieldPathSuffix('.a.b')).toBe('.a.b');
  });

  test('integers are CEL ints and numbers CEL doubles', () => {
    const schema = objectWithRule(
      { rule: 'self.replicas > 1 && self.ratio < 0.5', message: 'out of bounds' },
      { replicas: { type: 'integer' }, ratio: { type: 'number' } },
    );
    expect(checkSchema({ spec: { replicas: 2, ratio: 0.25 } }, schema)).toEqual([]);
    expect(checkSchema({ spec: { replicas: 1, ratio: 0.25 } }, schema)).toHaveLength(1);
  });

  test('a rule that cannot be evaluated is reported, unless another issue explains it', () => {
    const rule = { rule: "self.provider == 'aws'", message: 'aws only' };
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['provider'],
          properties: { provider: { type: 'string' } },
          'x-kubernetes-validations': [rule],
        },
      },
    };
    // The required-field issue explains why the rule cannot run: only that is reported.
    expect(checkSchema({ spec: {} }, schema)).toEqual([
      { field: 'spec.provider', message: 'is required', fix: 'set spec.provider to a string value' },
    ]);
    // Without a schema issue, the evaluation error itself is reported.
    const loose: JsonSchema = { ...schema, properties: { spec: { ...schema.properties!.spec, required: [] } } };
    expect(checkSchema({ spec: {} }, loose)).toEqual([
      expect.objectContaining({
        field: 'spec',
        message: expect.stringMatching(/^cannot be checked against the CRD rule/),
      }),
    ]);
  });
});
