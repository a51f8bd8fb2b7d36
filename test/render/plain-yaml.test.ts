import fc from 'fast-check';
import { parse } from 'yaml';
import { plainYaml } from '../../lib/render/plain-yaml';
import { documentYaml, libraryYaml } from '../../lib/render/yaml';

/** Strings near every rule of plain style: indicators, `: `, ` #`, typed scalars, document markers, quotes. */
const tricky = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom('a', '1', '.', '-', ':', ' ', '#', '?', '"', "'", '\\', 'e', '0x', 'n', '%', '\n'),
  }),
  fc.constantFrom(
    'true',
    'False',
    'null',
    '~',
    'NULL',
    '0o17',
    '0x1F',
    '1e3',
    '.inf',
    '-.Inf',
    '.nan',
    '1.',
    '-1',
    '+2',
  ),
  fc.constantFrom('---', '... x', '%x', '- a', '-a', '?', '? a', 'a:', 'a: b', 'a #b', 'a#b', '>=1.0 <2.0', '*', '@x'),
  fc.constantFrom('./kustomize', 'https://a.example.com/x', '1m0s', '6.x', 'app.kubernetes.io/name', 'ünï'),
);

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.constant(undefined),
    tie('list'),
    tie('map'),
  ),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(tricky, tie('value'), { maxKeys: 5 }),
}));

/** Data of the kind the plain path takes, its strings made of the characters its quoting rules turn on. */
const ruleString = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', '1', '.', '-', ':', ' ', '#', '?', 'e', 'x', '0', '%', '~', '*', '>', "'"),
    minLength: 1,
  }),
  fc.constantFrom('true', 'null', '~', '0o17', '0x1F', '1e3', '.inf', '.nan', '1.', '-1', '... x', '-a', '? a', 'a:'),
  fc.constantFrom('yes', 'On', 'n', 'NO', '2024-04-01', '1:20', '0777', '0b101', '<<'),
);
const plainData = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, ruleString, fc.boolean(), fc.integer(), tie('list'), tie('map')),
  list: fc.array(fc.oneof(ruleString, fc.integer(), tie('map')), { maxLength: 4 }),
  map: fc.dictionary(ruleString, tie('value'), { maxKeys: 5 }),
}));

describe('documentYaml', () => {
  test.each(['yes', 'on', 'Off', 'y', 'N', '2024-04-01', '0777', '1:20', '~', '0o17', '<<'])(
    'quotes %s, which a YAML 1.1 or 1.2 reader would take for another type',
    (value) => {
      const doc = { [value]: [value], data: { key: value } };
      for (const text of [documentYaml(doc), libraryYaml(doc, [{ path: ['data', 'key'], comment: ' note' }])]) {
        expect(text).toContain(`"${value}"`);
        expect(parse(text, { version: '1.1' })).toEqual(doc);
        expect(parse(text, { version: '1.2' })).toEqual(doc);
      }
    },
  );

  test('reads back as the same data under YAML 1.1 and 1.2, whichever path writes it', () => {
    fc.assert(
      fc.property(plainData.map, (doc) => {
        for (const text of [documentYaml(doc), libraryYaml(doc)]) {
          expect(parse(text, { version: '1.1' })).toEqual(doc);
          expect(parse(text, { version: '1.2' })).toEqual(doc);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('plainYaml', () => {
  test('writes what the yaml library writes on data of the kind it takes, and takes much of it', () => {
    let taken = 0;
    fc.assert(
      fc.property(plainData.map, (doc) => {
        const text = plainYaml(doc);
        if (text !== undefined) {
          taken++;
          expect(text).toBe(libraryYaml(doc));
        }
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(500);
  });

  test('writes what the yaml library writes, whenever it takes the data', () => {
    fc.assert(
      fc.property(json.map, (doc) => {
        const text = plainYaml(doc);
        if (text !== undefined) expect(text).toBe(libraryYaml(doc));
      }),
      { numRuns: 3000 },
    );
  });

  test('takes nested maps and sequences of strings, numbers and booleans', () => {
    const doc = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' } },
      spec: {
        chart: { spec: { chart: 'podinfo', version: '>=6.0.0 <7.0.0' } },
        interval: '5m',
        values: { replicas: 2, enabled: true, off: 'false', list: [{ a: 1, b: [] }, 'x', {}], empty: {} },
      },
    };
    const text = plainYaml(doc);
    expect(text).toBe(libraryYaml(doc));
    expect(text).toContain('version: ">=6.0.0 <7.0.0"\n');
    expect(text).toContain('"off": "false"\n');
    expect(text).toContain('    list:\n      - a: 1\n        b: []\n      - x\n      - {}\n');
  });

  test.each([
    ['null', { a: null }],
    ['a float', { a: 0.5 }],
    ['a multi-line string', { a: 'x\ny' }],
    ['a string with a double quote', { a: 'say "hi"' }],
    ['an empty string', { a: '' }],
    ['a sequence in a sequence', { a: [['x']] }],
    ['a class instance', { a: new Date(0) }],
  ])('leaves %s to the library', (_, doc) => {
    expect(plainYaml(doc)).toBeUndefined();
  });

  test('leaves an object met twice to the library, which writes an alias', () => {
    const shared = { x: 'y' };
    expect(plainYaml({ a: shared, b: shared })).toBeUndefined();
    expect(libraryYaml({ a: shared, b: shared })).toContain('*');
  });
});
