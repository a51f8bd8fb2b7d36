import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import { decryptSopsFile, encryptSopsFile, EncryptSopsFileOptions } from '../../lib/sops/encrypt-decrypt';
import { readSopsMetadata } from '../../lib/sops/read-sops-metadata';
import { compileRe2 } from '../../lib/sops/go/re2';
import { FakeAgeRecipient, FakeUnwrapper } from './fake-keys';

const alice = new FakeAgeRecipient('alice');
const unwrappers = [new FakeUnwrapper([alice])];

/** Encrypts, then returns the readable paths of the encrypted values and checks the round trip. */
async function encryptedPaths(plaintext: string, rule: Partial<EncryptSopsFileOptions>): Promise<string[]> {
  const encrypted = await encryptSopsFile(plaintext, { format: 'yaml', keyGroups: [[alice]], ...rule });
  const info = readSopsMetadata(encrypted, 'yaml');
  for (const value of info.values) {
    expect(value.encrypted).toBe(value.expectEncrypted);
  }
  const decrypted = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers });
  expect(decrypted.plaintext).toBe(plaintext);
  return info.values.filter((v) => v.encrypted).map((v) => v.path);
}

const SECRET = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '    name: db',
  'stringData:',
  '    password: s3cr3t',
  '    list:',
  '        - a',
  'user_unencrypted: admin',
  'nested_unencrypted:',
  '    deep: value',
  'token_enc: abc',
  '',
].join('\n');

describe('encryption rules', () => {
  test('by default everything is encrypted except under keys ending in _unencrypted', async () => {
    expect(await encryptedPaths(SECRET, {})).toEqual([
      'apiVersion',
      'kind',
      'metadata.name',
      'stringData.password',
      'stringData.list[0]',
      'token_enc',
    ]);
  });

  test('encrypted_regex encrypts only the subtrees of matching keys', async () => {
    expect(
      await encryptedPaths(SECRET, {
        encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' },
      }),
    ).toEqual(['stringData.password', 'stringData.list[0]']);
  });

  test('unencrypted_regex leaves matching subtrees in clear text', async () => {
    expect(
      await encryptedPaths(SECRET, {
        encryptionRule: { kind: EncryptionRuleKind.UNENCRYPTED_REGEX, pattern: '^(apiVersion|kind|metadata)$' },
      }),
    ).toEqual([
      'stringData.password',
      'stringData.list[0]',
      'user_unencrypted',
      'nested_unencrypted.deep',
      'token_enc',
    ]);
  });

  test('encrypted_suffix encrypts only keys with the suffix', async () => {
    expect(
      await encryptedPaths(SECRET, { encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_SUFFIX, pattern: '_enc' } }),
    ).toEqual(['token_enc']);
  });

  test('a custom unencrypted_suffix replaces the default one', async () => {
    expect(
      await encryptedPaths(SECRET, {
        encryptionRule: { kind: EncryptionRuleKind.UNENCRYPTED_SUFFIX, pattern: '_enc' },
      }),
    ).toContain('user_unencrypted');
  });

  test('encrypted_comment_regex encrypts the item after a marker comment and leaves the marker readable', async () => {
    const plaintext = 'a: 1\n# sops:enc\nb: 2\nc: 3\n';
    const encrypted = await encryptSopsFile(plaintext, {
      format: 'yaml',
      keyGroups: [[alice]],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_COMMENT_REGEX, pattern: 'sops:enc' },
    });
    expect(encrypted).toMatch(/^a: 1\n# sops:enc\nb: ENC\[.*type:int\]\nc: 3\n/);
    expect((await decryptSopsFile(encrypted, { format: 'yaml', unwrappers })).plaintext).toBe(plaintext);
  });

  test('unencrypted_comment_regex leaves the item after a marker comment (and the marker) readable', async () => {
    const plaintext = 'a: 1\n# sops:plain\nb: 2\nc: 3\n';
    const encrypted = await encryptSopsFile(plaintext, {
      format: 'yaml',
      keyGroups: [[alice]],
      encryptionRule: { kind: EncryptionRuleKind.UNENCRYPTED_COMMENT_REGEX, pattern: 'sops:plain' },
    });
    expect(encrypted).toMatch(/^a: ENC\[.*\]\n# sops:plain\nb: 2\nc: ENC\[.*\]\n/);
    expect((await decryptSopsFile(encrypted, { format: 'yaml', unwrappers })).plaintext).toBe(plaintext);
  });

  test('comments are encrypted with the path of their collection and follow the rule', async () => {
    const encrypted = await encryptSopsFile(
      '# top\nsecret:\n    # inside\n    k: v\nplain_unencrypted:\n    # kept\n    k: v\n',
      {
        format: 'yaml',
        keyGroups: [[alice]],
      },
    );
    expect(encrypted).toMatch(/^#ENC\[AES256_GCM,.*type:comment\]\nsecret:\n {4}#ENC\[.*type:comment\]\n/);
    expect(encrypted).toContain('plain_unencrypted:\n    # kept\n    k: v\n');
  });

  test('mac_only_encrypted lets unencrypted values change without breaking the MAC', async () => {
    const encrypted = await encryptSopsFile('a: 1\nb_unencrypted: 2\n', {
      format: 'yaml',
      keyGroups: [[alice]],
      macOnlyEncrypted: true,
    });
    expect(encrypted).toContain('    mac_only_encrypted: true\n');
    const edited = encrypted.replace('b_unencrypted: 2', 'b_unencrypted: 3');
    expect((await decryptSopsFile(edited, { format: 'yaml', unwrappers })).plaintext).toBe('a: 1\nb_unencrypted: 3\n');
    const strict = await encryptSopsFile('a: 1\nb_unencrypted: 2\n', { format: 'yaml', keyGroups: [[alice]] });
    await expect(
      decryptSopsFile(strict.replace('b_unencrypted: 2', 'b_unencrypted: 3'), { format: 'yaml', unwrappers }),
    ).rejects.toMatchObject({ code: 'mac-mismatch' });
  });

  test('the rule is written to the metadata, and no other', async () => {
    const encrypted = await encryptSopsFile('a: 1\n', {
      format: 'yaml',
      keyGroups: [[alice]],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^a$' },
    });
    expect(encrypted).toContain('    encrypted_regex: ^a$\n');
    expect(encrypted).not.toContain('unencrypted_suffix');
  });
});

describe('RE2 patterns', () => {
  test.each([
    ['^(data|stringData)$', 'stringData', true],
    ['^(data|stringData)$', 'xdata', false],
    ['(?i)^SECRET', 'secret_key', true],
    ['^[[:alpha:]]+$', 'abc', true],
    ['^[[:alpha:]]+$', 'ab1', false],
    ['(?P<word>pass)', 'password', true],
    ['\\Apass\\z', 'pass', true],
    ['key\\-id', 'key-id', true],
    ['\\pL+', 'é', true],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['\\Qkey-id\\E', 'key-id', true],
    ['(?m)\\Ab', 'a\nb', false],
    ['(?m)^b', 'a\nb', true],
    ['^a.b$', 'a\rb', true],
    ['^a.b$', 'a\nb', false],
    ['(?s)^a.b$', 'a\nb', true],
    ['^\\p{Greek}+$', 'αβ', true],
    ['^\\x{41}\\101$', 'AA', true],
  ])('%p on %p matches: %p', (pattern, key, matches) => {
    expect(compileRe2(pattern).test(key)).toBe(matches);
  });

  test.each(['(?=x)', '(a)\\1', '(unclosed'])('rejects %p, which RE2 does not accept', (pattern) => {
    expect(() => compileRe2(pattern)).toThrow(/regular expression/);
  });

  test.each<[string, string, boolean]>([
    ['a(?i)b', 'aB', true],
    ['a(?i)b', 'Ab', false],
    ['(?U)^a+', 'aaa', true],
  ])('GIVEN %p, which Go accepts, WHEN matched against %p THEN it matches: %p', (pattern, key, matches) => {
    expect(compileRe2(pattern).test(key)).toBe(matches);
  });

  // A backtracking engine tries every split of the a's (2^n ways) before giving up; RE2 runs in time linear in the
  // input, so this returns at once. Under a backtracking engine the call never returns and the test times out.
  test.each(['^(a+)+$', '^(a|a)*$', '^(a|aa)+$', '(x+x+)+y'])(
    'GIVEN the catastrophic pattern %p WHEN matched against a long near-miss THEN it answers false',
    (pattern) => {
      const input = pattern.includes('x') ? 'x'.repeat(10_000) : `${'a'.repeat(10_000)}b`;
      expect(compileRe2(pattern).test(input)).toBe(false);
    },
  );
});
