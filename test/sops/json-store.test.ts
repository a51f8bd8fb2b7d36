import { goJsonString, readJsonDocument, writeJsonDocument } from '../../lib/sops/stores/json-store';
import { entry, list, map, str } from '../../lib/sops/core/tree';

describe('the JSON store', () => {
  test('keeps key order (numeric-looking keys too) and duplicates; every number is a float', () => {
    const doc = readJsonDocument('{"b": 1, "1": [true, null, 2.5], "b": "x"}');
    expect(doc).toEqual(
      map([
        entry('b', { type: 'float', value: 1 }),
        entry('1', list([{ type: 'bool', value: true }, { type: 'null' }, { type: 'float', value: 2.5 }])),
        entry('b', str('x')),
      ]),
    );
  });

  test('writes tab-indented JSON with a final newline, as sops does', () => {
    const doc = map([
      entry('a', { type: 'float', value: 7 }),
      entry('b', list([str('x'), map([])])),
      entry('c', map([entry('d', { type: 'null' })])),
      entry('e', list([])),
    ]);
    expect(writeJsonDocument(doc)).toBe(
      '{\n\t"a": 7,\n\t"b": [\n\t\t"x",\n\t\t{}\n\t],\n\t"c": {\n\t\t"d": null\n\t},\n\t"e": []\n}\n',
    );
  });

  test('escapes strings like Go encoding/json', () => {
    expect(goJsonString('<a href="x">&\u2028\u0001\b\f\n\t\\')).toBe(
      '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\u0001\\b\\f\\n\\t\\\\"',
    );
    expect(goJsonString('é😀')).toBe('"é😀"');
  });

  test.each([
    ['a top-level array', '[1]', /top-level object/],
    ['trailing text', '{} x', /unexpected text/],
    ['an unquoted key', '{a: 1}', /expected an object key/],
    ['a number out of range', '{"a": 1e400}', /out of the float64 range/],
    ['a raw newline in a string', '{"a": "x\ny"}', /malformed string/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => readJsonDocument(text, 'f.json')).toThrow(message);
  });
});
