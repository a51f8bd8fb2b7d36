import { SopsError } from '../../lib/sops/errors';
import { SopsMap, comment, entry, list, map, str } from '../../lib/sops/core/tree';
import { readYamlDocuments } from '../../lib/sops/stores/yaml-reader';
import { writeYamlDocuments } from '../../lib/sops/stores/yaml-writer';

const read = (text: string): SopsMap[] => readYamlDocuments(text);
const write = (doc: SopsMap): string => writeYamlDocuments([doc]);
const roundTrip = (text: string): string => writeYamlDocuments(readYamlDocuments(text));

describe('reading YAML as sops does', () => {
  test('keeps key order and types scalars with yaml.v3 rules', () => {
    const [doc] = read('b: 010\na: "010"\nc: yes\nd: 2024-01-01\ne: ~\nf: !!str 5\ng: !!float 1\nh: !!binary aGk=\n');
    expect(doc.items).toEqual([
      entry('b', { type: 'int', value: 8n }),
      entry('a', str('010')),
      entry('c', str('yes')),
      entry('d', { type: 'time', value: '2024-01-01T00:00:00Z' }),
      entry('e', { type: 'null' }),
      entry('f', str('5')),
      entry('g', { type: 'float', value: 1 }),
      entry('h', str('hi')),
    ]);
  });

  test('expands aliases and keeps a merge key as a literal "<<" key', () => {
    const [doc] = read('base: &b\n  host: x\nderived:\n  <<: *b\n  port: 1\ncopy: *b\n');
    expect(doc.items[1]).toEqual(
      entry('derived', map([entry('<<', map([entry('host', str('x'))])), entry('port', { type: 'int', value: 1n })])),
    );
    expect(doc.items[2]).toEqual(entry('copy', map([entry('host', str('x'))])));
  });

  test('reads each document of a stream; an empty document is an empty mapping', () => {
    expect(read('a: 1\n---\n---\nb: 2\n').map((d) => d.items.length)).toEqual([1, 0, 1]);
    expect(read('')).toEqual([]);
  });

  test.each([
    ['a list at the top', '- a\n', /the document is a list/],
    ['a scalar at the top', 'hello\n', /the document is a single value/],
    ['a non-string key', '1: x\n', /a mapping key is not a string \(line 1, column 1\)/],
    ['a boolean key', 'ok: 1\ntrue: x\n', /a mapping key is not a string \(line 2/],
    ['a duplicate key', 'a: 1\na: 2\n', /a mapping key appears twice \(line 2/],
    ['an integer beyond int64', 'n: 18446744073709551615\n', /larger than int64/],
    ['a bad explicit tag', 'n: !!int abc\n', /tagged !!int is not a valid int/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => readYamlDocuments(text, 'f.yaml')).toThrow(SopsError);
    expect(() => readYamlDocuments(text, 'f.yaml')).toThrow(message);
  });

  test('errors point at the line without quoting the text', () => {
    expect(() => readYamlDocuments('a: 1\nsecret: [unclosed\n', 'f.yaml')).toThrow(/^f\.yaml: invalid YAML at line \d/);
    try {
      readYamlDocuments('password: hunter2\n1: hunter3\n');
    } catch (e) {
      expect((e as Error).message).not.toMatch(/hunter/);
    }
  });
});

describe('comments, where sops puts them', () => {
  test('a comment before a key belongs to its mapping, before the key', () => {
    const [doc] = read('# top\na: 1\nb:\n    # first\n    c: 2\n');
    expect(doc.items[0]).toEqual(comment(' top'));
    expect(doc.items[2]).toEqual(entry('b', map([comment(' first'), entry('c', { type: 'int', value: 2n })])));
  });

  test('an inline comment goes before its key and is marked inline', () => {
    const [doc] = read('a:\n    k: v # note\n');
    expect(doc.items[0]).toEqual(entry('a', map([comment(' note', true), entry('k', str('v'))])));
  });

  test('a trailing comment indented into a mapping stays in it; one at the parent indent moves out', () => {
    const [doc] = read('a:\n    x: 1\n    # inside\n# outside\nb: 2\n');
    expect(doc.items).toEqual([
      entry('a', map([entry('x', { type: 'int', value: 1n }), comment(' inside')])),
      comment(' outside'),
      entry('b', { type: 'int', value: 2n }),
    ]);
  });

  test('comments between list items belong to the list; a list at its key indent yields trailing comments', () => {
    const [doc] = read('l:\n- a\n# mid\n- b\n# after\nk: v\n');
    expect(doc.items).toEqual([
      entry('l', list([str('a'), comment(' mid'), str('b')])),
      comment(' after'),
      entry('k', str('v')),
    ]);
  });

  test.each([
    ['a merge key as sops writes it', '!!merge <<: x', '<<'],
    ['an explicit key', '? k\n    : x', 'k'],
    ['an anchored key', '&anchor k: x', 'k'],
  ])('a comment above %s stays in its mapping', (_what, line, key) => {
    const [doc] = read(`a:\n    # c\n    ${line}\nb: y\n`);
    expect(doc.items).toEqual([entry('a', map([comment(' c'), entry(key, str('x'))])), entry('b', str('y'))]);
  });

  test('a comment on a key with a nested value stays before the key, not inline', () => {
    const [doc] = read('a: # about a\n    x: 1\n');
    expect(doc.items[0]).toEqual(comment(' about a'));
  });
});

describe('writing YAML as sops 3.13 does', () => {
  test.each([
    ['plain', 'hello world', 'hello world'],
    ['a number-like string', '42', '"42"'],
    ['a YAML 1.1 boolean', 'yes', '"yes"'],
    ['a one-letter YAML 1.1 boolean', 'n', '"n"'],
    ['the empty string', '', '""'],
    ['a timestamp-like string', '2024-01-01', '"2024-01-01"'],
    ['a null-like string', 'null', '"null"'],
    ['a sexagesimal-like string', '1:20', '"1:20"'],
    ['an indicator', 'a: b', "'a: b'"],
    ['a leading space', ' x', "' x'"],
    ['a comment-like start', '# no', "'# no'"],
    ['a tab', 'a\tb', '"a\\tb"'],
    ['an emoji (yaml.v3 escapes it)', 'ok 😀', '"ok \\U0001F600"'],
    ['a control character', 'a\u0007', '"a\\a"'],
    ['the merge key text', '<<', '!!merge <<'],
    ['a quote', "it's", "it's"],
    [
      'an ENC value',
      'ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]',
      'ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]',
    ],
  ])('writes %s as %s', (_what, value, written) => {
    expect(write(map([entry('k', str(value))]))).toBe(`k: ${written}\n`);
    expect(read(`k: ${written}\n`)[0].items[0]).toEqual(entry('k', str(value)));
  });

  test('writes multi-line strings as literal blocks with the right chomping and indentation', () => {
    const doc = map([
      entry('clip', str('a\nb\n')),
      entry('strip', str('a\nb')),
      entry('keep', str('a\n\n')),
      entry('indented', str('  a\nb\n')),
      entry('trailing space', str('a \nb')),
      entry('l', list([str('x\ny\n'), str(' x\ny')])),
      entry('m', list([map([entry('k', str(' x\ny'))])])),
    ]);
    const text = write(doc);
    expect(text).toBe(
      [
        'clip: |',
        '    a',
        '    b',
        'strip: |-',
        '    a',
        '    b',
        'keep: |+',
        '    a',
        '',
        'indented: |4',
        '      a',
        '    b',
        'trailing space: "a \\nb"',
        'l:',
        '    - |',
        '      x',
        '      y',
        '    - |2-',
        '       x',
        '      y',
        'm:',
        '    - k: |2-',
        '         x',
        '        y',
        '',
      ].join('\n'),
    );
    expect(read(text)[0]).toEqual(doc);
  });

  test('indents like yaml.v3: lists under their key, mapping items on the dash line, empty collections in flow style', () => {
    const text = 'a:\n    - x: 1\n      z:\n        - - p\n          - q\n    - {}\n    - []\nb: {}\n';
    expect(roundTrip(text)).toBe(text);
  });

  test('long keys use the explicit "?" form', () => {
    const key = 'k'.repeat(129);
    const text = write(map([entry(key, str('v'))]));
    expect(text).toBe(`? ${key}\n: v\n`);
    expect(read(text)[0]).toEqual(map([entry(key, str('v'))]));
  });

  test('places comments as sops does: head, inline on scalars, trailing as foot comments', () => {
    const text =
      '# top\na: 1 # one\nb:\n    # first\n    c: 2\n    # trailing\nl:\n    # before\n    - x\n    - w # why\n    # end\n';
    expect(roundTrip(text)).toBe(text);
  });

  test('prints decrypted inline comments on their own line, as sops decrypt does', () => {
    expect(write(map([comment(' note'), entry('k', str('v'))]))).toBe('# note\nk: v\n');
  });

  test('separates documents with ---', () => {
    expect(writeYamlDocuments([map([entry('a', str('1'))]), map([])])).toBe('a: "1"\n---\n{}\n');
  });

  test('reads tab-free CRLF files', () => {
    expect(read('a: 1\r\n# c\r\nb: 2\r\n')[0].items).toEqual([
      entry('a', { type: 'int', value: 1n }),
      comment(' c'),
      entry('b', { type: 'int', value: 2n }),
    ]);
  });
});
