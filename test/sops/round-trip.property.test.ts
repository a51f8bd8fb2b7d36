import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import * as fc from 'fast-check';
import { isEncryptedValue } from '../../lib/sops/core/cipher';
import { decryptSopsFile, encryptSopsFile, EncryptSopsFileOptions } from '../../lib/sops/encrypt-decrypt';
import { formatYamlFloat } from '../../lib/sops/go/float';
import { canonicalRfc3339Nano } from '../../lib/sops/go/time';
import { readSopsMetadata } from '../../lib/sops/read-sops-metadata';
import { readJsonDocument, writeJsonDocument } from '../../lib/sops/stores/json-store';
import { SopsComment, SopsEntry, SopsMap, SopsScalar, SopsValue } from '../../lib/sops/core/tree';
import { mapLeaves } from '../../lib/sops/core/tree-walk';
import { readYamlDocuments } from '../../lib/sops/stores/yaml-reader';
import { writeYamlDocuments } from '../../lib/sops/stores/yaml-writer';
import { FakeAgeRecipient, FakeUnwrapper } from './fake-keys';

type Gen = fc.GeneratorValue;

const alice = new FakeAgeRecipient('alice');
const unwrappers = [new FakeUnwrapper([alice])];
/**
 * Run counts are modest so the file stays fast in CI (a few seconds). A failure is shrunk for at most
 * SHRINK_BUDGET_MS: shrinking these nested generated documents can otherwise take minutes and a lot of memory.
 * For a deeper local soak, set FC_NUM_RUNS to run every property that many times; failures are then reported
 * unshrunk, with the seed and path fast-check prints to replay them.
 */
const SOAK_RUNS = Number(process.env.FC_NUM_RUNS) || undefined;
const SHRINK_BUDGET_MS = 15_000;
function runs(numRuns: number): fc.Parameters<unknown> {
  return SOAK_RUNS
    ? { numRuns: SOAK_RUNS, endOnFailure: true }
    : { numRuns, plugins: [fc.interruptAfterTimeLimit(SHRINK_BUDGET_MS)] };
}

const singleLine = (s: string): boolean => !/[\r\n\u0085\u2028\u2029\ufeff]/.test(s);
const text = fc.string({ unit: 'grapheme', maxLength: 10 });

const keyArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a',
      'password',
      'data',
      'stringData',
      'metadata',
      'kind',
      'x_unencrypted',
      'token_enc',
      'list',
      '0',
      '42',
      '007',
      '2024-01-01',
      'true',
      'yes',
      'n',
      'null',
      '<<',
      'é',
      'キー',
      'with space',
      'a: b',
      '#x',
      '-',
      '?',
      '"q"',
      "'s'",
      '',
      ' lead',
    ),
  },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,6}$/) },
);

const trickyStrings = fc.constantFrom(
  '',
  '42',
  '0x1F',
  '010',
  '1e3',
  '.5',
  'yes',
  'no',
  'on',
  'y',
  'True',
  'null',
  '~',
  '2024-01-01',
  '1:20',
  '2006-01-02T15:04:05Z',
  'a: b',
  '- x',
  '#x',
  ' lead',
  'trail ',
  "it's",
  '"dq"',
  '<<',
  '---',
  '...',
  '@at',
  '%p',
  'tab\there',
  'emoji 😀',
  'bell\u0007',
  'ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]',
);
const multiLine = fc
  .tuple(fc.array(text.filter(singleLine), { minLength: 2, maxLength: 4 }), fc.constantFrom('', '\n', '\n\n'))
  .map(([lines, end]) => lines.join('\n') + end);
const timestamp = fc
  .tuple(
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '+05:30', '-08:00'),
  )
  .map(([d, zone]) => canonicalRfc3339Nano(d.toISOString().replace('Z', zone))!);

const scalarArb: fc.Arbitrary<SopsScalar> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(text, trickyStrings, multiLine).map((value) => ({ type: 'str' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'int' as const, value })),
  },
  {
    weight: 1,
    // Integral floats print like integers (`1`) and read back as ints, as with sops; keep the ones that stay floats.
    arbitrary: fc
      .double()
      .filter((v) => /[.e]|inf|nan/.test(formatYamlFloat(v)))
      .map((value) => ({ type: 'float' as const, value })),
  },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ type: 'bool' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ type: 'null' as const }) },
  { weight: 1, arbitrary: timestamp.map((value) => ({ type: 'time' as const, value })) },
);

const commentText = fc.oneof(
  { weight: 4, arbitrary: text.filter(singleLine).map((t) => ` ${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' sops:enc', ' sops:plain', '#', ' ENC[x]') },
);

function comments(g: Gen, max = 2): SopsComment[] {
  return g(() => fc.array(commentText, { maxLength: max })).map((value) => ({ type: 'comment', value, inline: false }));
}

/**
 * Keys yaml.v3 writes in the explicit `? key` / `: value` form (multi-line ones; ours never reach its 128-byte limit).
 * A comment before the first item of such a key's collection value is written on the `:` line, where it reads back
 * as a comment of the entry itself, like `k: # c` does.
 */
const EXPLICIT_KEY = /[\n\r\u0085\u2028\u2029]/;

function maybeInline(g: Gen, value: SopsValue): SopsComment[] {
  const isScalar = value.type !== 'map' && value.type !== 'list';
  return isScalar && g(() => fc.boolean()) ? [{ type: 'comment', value: g(() => commentText), inline: true }] : [];
}

/**
 * The comments before an item of a collection. `leading` says whether the collection may start with comments: not
 * when it is a list item (yaml.v3 prints them before the dash, where they read back as comments of the outer list;
 * when that list starts with comments too, yaml.v3 even drops the outer ones) nor the value of an explicit key.
 * `inlineStays` is false for documents that go through decryption: sops prints a decrypted inline comment as a head
 * comment of its item, so an inline comment on a first item is then subject to the same limit.
 */
function commentsBefore(
  g: Gen,
  index: number,
  leading: boolean,
  value: SopsValue,
  inlineStays: boolean,
): SopsComment[] {
  const allowed = index > 0 || leading;
  return [...(allowed ? comments(g) : []), ...(allowed || inlineStays ? maybeInline(g, value) : [])];
}

/**
 * A random value with comments only where sops (and yaml.v3) keeps them in place: see {@link commentsBefore}; never
 * in an empty collection, inline only before a scalar. Comments after the last item only close a document: after a
 * nested block, YAML cannot tell the nested collection's foot comment from the comment before its parent's next key.
 */
function genValue(g: Gen, depth: number, leading: boolean, inlineStays: boolean): SopsValue {
  const kind = depth >= 3 ? 'scalar' : g(() => fc.constantFrom('scalar', 'scalar', 'map', 'list'));
  if (kind === 'scalar') {
    return g(() => scalarArb);
  }
  if (kind === 'map') {
    return genMap(g, depth, leading, inlineStays, []);
  }
  const n = g(() => fc.integer({ min: 0, max: 4 }));
  const items: (SopsValue | SopsComment)[] = [];
  for (let i = 0; i < n; i++) {
    const value = genValue(g, depth + 1, false, inlineStays);
    items.push(...commentsBefore(g, i, leading, value, inlineStays), value);
  }
  return { type: 'list', items };
}

function genMap(g: Gen, depth: number, leading: boolean, inlineStays: boolean, reserved: string[]): SopsMap {
  const keys = [...new Set(g(() => fc.array(keyArb, { maxLength: 4 })))].filter((k) => !reserved.includes(k));
  const items: (SopsEntry | SopsComment)[] = [];
  keys.forEach((key, i) => {
    const value = genValue(g, depth + 1, !EXPLICIT_KEY.test(key), inlineStays);
    items.push(...commentsBefore(g, i, leading, value, inlineStays), { type: 'entry', key, value });
  });
  if (keys.length > 0 && depth === 0) {
    items.push(...comments(g));
  }
  return { type: 'map', items };
}

function genDocuments(g: Gen, inlineStays: boolean): SopsMap[] {
  const count = g(() => fc.integer({ min: 1, max: 3 }));
  return Array.from({ length: count }, () => genMap(g, 0, true, inlineStays, ['sops']));
}

/** The non-null scalars of the documents in sops walk order: the values `readSopsMetadata` lists. */
function scalarsOf(documents: readonly SopsMap[]): SopsScalar[] {
  const out: SopsScalar[] = [];
  for (const doc of documents) {
    mapLeaves(doc, (leaf) => {
      if (leaf.type !== 'comment') {
        out.push(leaf);
      }
      return leaf;
    });
  }
  return out;
}

/** sops prints decrypted comments on their own line; compare trees with the inline marks cleared. */
function withoutInline(value: SopsValue): SopsValue {
  if (value.type === 'map') {
    return {
      type: 'map',
      items: value.items.map((i) =>
        i.type === 'comment' ? { ...i, inline: false } : { ...i, value: withoutInline(i.value) },
      ),
    };
  }
  if (value.type === 'list') {
    return {
      type: 'list',
      items: value.items.map((i) => (i.type === 'comment' ? { ...i, inline: false } : withoutInline(i))),
    };
  }
  return value;
}

const RULES: readonly [string, Partial<EncryptSopsFileOptions>][] = [
  ['the default rule', {}],
  ['unencrypted_suffix', { encryptionRule: { kind: EncryptionRuleKind.UNENCRYPTED_SUFFIX, pattern: '_enc' } }],
  ['encrypted_suffix', { encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_SUFFIX, pattern: '_enc' } }],
  [
    'encrypted_regex',
    { encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData|password)$' } },
  ],
  [
    'unencrypted_regex',
    { encryptionRule: { kind: EncryptionRuleKind.UNENCRYPTED_REGEX, pattern: '^(metadata|kind|a)$' } },
  ],
  [
    'encrypted_comment_regex',
    { encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_COMMENT_REGEX, pattern: 'sops:enc' } },
  ],
  [
    'unencrypted_comment_regex',
    { encryptionRule: { kind: EncryptionRuleKind.UNENCRYPTED_COMMENT_REGEX, pattern: 'sops:plain' } },
  ],
  [
    'mac_only_encrypted',
    { macOnlyEncrypted: true, encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^password$' } },
  ],
];

describe('round trips of random documents', () => {
  test('YAML: reading what the writer wrote gives back the same tree, comments included', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const documents = genDocuments(g, true);
        const yaml = writeYamlDocuments(documents);
        expect(readYamlDocuments(yaml)).toEqual(documents);
        expect(writeYamlDocuments(readYamlDocuments(yaml))).toBe(yaml);
      }),
      runs(150),
    );
  });

  test.each(RULES)('YAML: encrypt then decrypt restores the plaintext with %s', async (_name, rule) => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const documents = genDocuments(g, false);
        const plaintext = writeYamlDocuments(documents);
        const encrypted = await encryptSopsFile(plaintext, { format: 'yaml', keyGroups: [[alice]], ...rule });
        const scalars = scalarsOf(documents);
        const { values } = readSopsMetadata(encrypted, 'yaml');
        expect(values).toHaveLength(scalars.length);
        values.forEach((value, i) => {
          const plain = scalars[i];
          // Without the key, a plaintext that itself reads ENC[AES256_GCM,...] cannot be told from an encrypted value.
          const looksEncrypted = plain.type === 'str' && isEncryptedValue(plain.value);
          expect(value.encrypted).toBe(value.expectEncrypted || looksEncrypted);
          if (value.expectEncrypted) {
            expect(value.encryptedType).toBe(plain.type);
          }
        });
        const decrypted = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers });
        expect(readYamlDocuments(decrypted.plaintext).map(withoutInline)).toEqual(documents.map(withoutInline));
      }),
      runs(60),
    );
  });

  test('JSON: write/read and encrypt/decrypt restore the exact text', async () => {
    const jsonValue: fc.Arbitrary<SopsValue> = fc.letrec<{ value: SopsValue; map: SopsMap }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(text, trickyStrings, multiLine).map((value): SopsValue => ({ type: 'str', value })),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((value): SopsValue => ({ type: 'float', value })),
        fc.boolean().map((value): SopsValue => ({ type: 'bool', value })),
        fc.constant<SopsValue>({ type: 'null' }),
        tie('map'),
        fc.array(tie('value'), { maxLength: 3 }).map((items): SopsValue => ({ type: 'list', items })),
      ),
      map: fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 4 }).map((entries): SopsMap => ({
        type: 'map',
        items: entries.map(([key, value]) => ({ type: 'entry', key, value })),
      })),
    })).value;
    const documentArb = fc
      .array(
        fc.tuple(
          keyArb.filter((k) => k !== 'sops'),
          jsonValue,
        ),
        { maxLength: 5 },
      )
      .map((entries): SopsMap => ({
        type: 'map',
        items: entries.map(([key, value]) => ({ type: 'entry', key, value })),
      }));
    await fc.assert(
      fc.asyncProperty(documentArb, fc.constantFrom(...RULES.slice(0, 5)), async (document, [, rule]) => {
        const json = writeJsonDocument(document);
        expect(readJsonDocument(json)).toEqual(document);
        const encrypted = await encryptSopsFile(json, { format: 'json', keyGroups: [[alice]], ...rule });
        const decrypted = await decryptSopsFile(encrypted, { format: 'json', unwrappers });
        expect(decrypted.plaintext).toBe(json);
      }),
      runs(60),
    );
  });
});
