import * as fc from 'fast-check';
import { SopsError } from '../../lib/sops/errors';
import { readYamlDocuments } from '../../lib/sops/stores/yaml-reader';

const SECRET = 'Hunter2-S3cr3t!x';
const OTHER = 'c0rrect-h0rse-battery';

/** Every 6-character piece of the secret values: a message quoting part of a value leaks it too. */
const PIECES = [SECRET, OTHER].flatMap((value) =>
  Array.from({ length: value.length - 5 }, (_, i) => value.slice(i, i + 6)),
);

function failureOf(text: string): Error | undefined {
  try {
    readYamlDocuments(text, 'secret.yaml');
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

function expectNoSecretIn(error: Error | undefined): void {
  const text = `${error?.message ?? ''}\n${error?.stack ?? ''}`;
  for (const piece of PIECES) expect(text).not.toContain(piece);
}

describe('reading YAML: no error quotes the text', () => {
  test.each([
    ['an alias without anchor', `password: *${SECRET}\n`],
    ['a block scalar header with text after it', `password: |${SECRET}\n  x\n`],
    ['a directive indicator in a value', `a: b\n%${SECRET} c\n`],
    ['a tab as indentation', `stringData:\n\t${SECRET}: x\n`],
    ['an unclosed quote', `password: "${SECRET}\n`],
    ['a flow collection not closed', `password: [${SECRET}\n`],
    ['a tag the library cannot read', `password: !<${SECRET}\n`],
  ])('GIVEN %s WHEN read THEN the error gives the position, never the text', (_, text) => {
    const error = failureOf(text);
    expect(error).toBeInstanceOf(SopsError);
    expect(error?.message).toMatch(/line \d+, column \d+/);
    expectNoSecretIn(error);
  });

  test('GIVEN edited secret files (seeded fuzz) WHEN read THEN no error quotes a value', () => {
    const base = `apiVersion: v1\nkind: Secret\nstringData:\n  password: ${SECRET}\n  token: "${OTHER}"\n  ref: &a ${SECRET}\n  copy: *a\n`;
    const edit = fc.record({
      at: fc.nat({ max: base.length }),
      cut: fc.nat({ max: 3 }),
      insert: fc.string({ unit: fc.constantFrom(...'|>&*!%@`"\'[]{}:#-?,\t\n '.split('')), maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = edits.reduce((t, e) => t.slice(0, e.at) + e.insert + t.slice(e.at + e.cut), base);
        expectNoSecretIn(failureOf(text));
      }),
      { seed: 15, numRuns: 500 },
    );
  });
});

describe('reading YAML: hostile sizes fail cleanly or finish', () => {
  // yaml.v3 (sops' YAML library) refuses a document where more than 99% of about 400,000 decoded values come from
  // aliases; 9 levels of 9 aliases each would expand to 9^9 values.
  test('GIVEN an alias bomb WHEN read THEN it is refused as excessive aliasing', () => {
    const names = 'abcdefghij';
    let text = `a: &a [${Array(9).fill('"x"').join(',')}]\n`;
    for (let i = 1; i < names.length; i++) {
      text += `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]\n`;
    }
    expect(() => readYamlDocuments(text, 'bomb.yaml')).toThrow(/excessive aliasing/);
  });

  test('GIVEN a few aliases WHEN read THEN they are expanded', () => {
    const [doc] = readYamlDocuments('a: &a [1, 2]\nb: [*a, *a, *a]\n');
    expect(doc.items[1]).toMatchObject({ key: 'b', value: { type: 'list', items: [{}, {}, {}] } });
  });

  test.each([
    ['flow lists', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['block mappings', Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ])('GIVEN 10,000 levels of %s WHEN read THEN a SopsError says it nests too deep', (_, text) => {
    expect(() => readYamlDocuments(text, 'deep.yaml')).toThrow(SopsError);
    expect(() => readYamlDocuments(text, 'deep.yaml')).toThrow(/nests deeper than/);
  });

  // The time is measured by scripts/bench-yaml-limits.ts; here the result: each key read once, duplicates still found.
  test('GIVEN a flat mapping of 40,000 keys WHEN read THEN every key is there', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join('\n');
    expect(readYamlDocuments(text)[0].items).toHaveLength(40_000);
  });

  test('GIVEN a key written twice WHEN read THEN the error names the line, not the key', () => {
    expect(() => readYamlDocuments(`a: 1\n${SECRET}: 1\n${SECRET}: 2\n`, 'dup.yaml')).toThrow(
      /^dup\.yaml: a mapping key appears twice \(line 3, column 1\)/,
    );
  });
});
