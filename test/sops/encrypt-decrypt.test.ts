import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import { decryptSopsFile, decryptWithDataKey, editSopsFile, encryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { detectFormat } from '../../lib/sops/stores/format';
import { isSopsEncrypted, readSopsMetadata } from '../../lib/sops/read-sops-metadata';
import { rotateSopsFile, updateSopsKeys } from '../../lib/sops/rekey';
import { SopsError } from '../../lib/sops/errors';
import { FakeAgeRecipient, FakeUnwrapper } from './fake-keys';
import { readVector, vector } from './vectors';

const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((n) => new FakeAgeRecipient(n));
const holding = (...recipients: FakeAgeRecipient[]): FakeUnwrapper[] => recipients.map((r) => new FakeUnwrapper([r]));
const NOW = new Date('2026-01-02T03:04:05.678Z');
const PLAINTEXT = 'db:\n    user: admin\n    password: s3cr3t\nport: 5432\n';

describe('encrypting a file', () => {
  test('writes the sops 3.13 layout', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice, bob]], now: NOW });
    expect(encrypted).toMatch(
      new RegExp(
        [
          '^db:',
          '    user: ENC\\[AES256_GCM,data:[^\\]]+,type:str\\]',
          '    password: ENC\\[[^\\]]+\\]',
          'port: ENC\\[[^\\]]+,type:int\\]',
          'sops:',
          '    age:',
          '        - enc: \\|',
          '            -----BEGIN AGE ENCRYPTED FILE-----',
          '(            .+\\n)+          recipient: age1fakealice',
          '        - enc: \\|',
          '(            .+\\n)+          recipient: age1fakebob',
          '    lastmodified: "2026-01-02T03:04:05Z"',
          '    mac: ENC\\[AES256_GCM,[^\\]]+,type:str\\]',
          '    unencrypted_suffix: _unencrypted',
          '    version: 3.13.2',
          '$',
        ].join('\n'),
      ),
    );
    for (const recipient of [alice, bob]) {
      const { plaintext } = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers: holding(recipient) });
      expect(plaintext).toBe(PLAINTEXT);
    }
  });

  test('writes JSON files as the sops JSON store does', async () => {
    const encrypted = await encryptSopsFile('{"b": "x", "a": [1, true, null]}', {
      format: 'json',
      keyGroups: [[alice]],
      now: NOW,
    });
    expect(encrypted).toMatch(
      /^\{\n\t"b": "ENC\[[^\]]+type:str\]",\n\t"a": \[\n\t\t"ENC\[[^\]]+type:float\]",\n\t\t"ENC\[[^\]]+type:bool\]",\n\t\tnull\n\t\],\n\t"sops": \{\n\t\t"age": \[\n\t\t\t\{\n\t\t\t\t"enc": "-----BEGIN AGE ENCRYPTED FILE-----\\n/,
    );
    expect(encrypted).toMatch(
      /\t\t"lastmodified": "2026-01-02T03:04:05Z",\n\t\t"mac": "ENC\[[^\]]+\]",\n\t\t"unencrypted_suffix": "_unencrypted",\n\t\t"version": "3.13.2"\n\t\}\n\}\n$/,
    );
    const { plaintext } = await decryptSopsFile(encrypted, { format: 'json', unwrappers: holding(alice) });
    expect(plaintext).toBe('{\n\t"b": "x",\n\t"a": [\n\t\t1,\n\t\ttrue,\n\t\tnull\n\t]\n}\n');
  });

  test('puts the same metadata in every document of a stream, under one data key and one MAC', async () => {
    const encrypted = await encryptSopsFile('a: 1\n---\nb: 2\n', { format: 'yaml', keyGroups: [[alice]], now: NOW });
    const parts = encrypted.split('\n---\n');
    expect(parts).toHaveLength(2);
    expect(parts[0].slice(parts[0].indexOf('sops:'))).toBe(parts[1].slice(parts[1].indexOf('sops:')).trimEnd());
    // Reordering documents keeps every value under its own key path; only the MAC sees the new order.
    const swapped = `${parts[1].trimEnd()}\n---\n${parts[0]}\n`;
    await expect(decryptSopsFile(swapped, { format: 'yaml', unwrappers: holding(alice) })).rejects.toMatchObject({
      code: 'mac-mismatch',
    });
  });

  test.each([
    ['a file that is already encrypted', 'a: 1\nsops: {}\n', /top-level "sops" key/],
    ['an empty file', '', /the file has no document/],
  ])('refuses %s', async (_what, text, message) => {
    await expect(encryptSopsFile(text, { format: 'yaml', keyGroups: [[alice]] })).rejects.toThrow(message);
  });

  test('refuses a key group without recipients', async () => {
    await expect(encryptSopsFile('a: 1\n', { format: 'yaml', keyGroups: [[alice], []] })).rejects.toThrow(
      /key group 2 has no recipients/,
    );
  });
});

describe('key groups and Shamir threshold', () => {
  test('any two of three key groups decrypt a file with shamir_threshold 2; one group does not', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, {
      format: 'yaml',
      keyGroups: [[alice], [bob], [carol]],
      shamirThreshold: 2,
      now: NOW,
    });
    expect(encrypted).toMatch(
      /\n {4}key_groups:\n {8}- age:\n {12}- enc: \|\n {16}-----BEGIN AGE ENCRYPTED FILE-----\n/,
    );
    expect(encrypted).toMatch(/ {14}recipient: age1fakealice\n {10}hc_vault: \[\]\n {8}- age:\n/);
    expect(encrypted).toContain('    shamir_threshold: 2\n');
    for (const pair of [
      [alice, bob],
      [alice, carol],
      [bob, carol],
    ]) {
      const { plaintext } = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers: holding(...pair) });
      expect(plaintext).toBe(PLAINTEXT);
    }
    await expect(
      decryptSopsFile(encrypted, { format: 'yaml', unwrappers: holding(bob), fileName: 'x.yaml' }),
    ).rejects.toThrow(
      /^x\.yaml: cannot recover the data key \(1 of 2 key groups unlocked\); the file is encrypted for group 1: age age1fakealice \| group 2: age age1fakebob \| group 3: age age1fakecarol/,
    );
  });

  test('the threshold defaults to every group', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice], [bob]] });
    expect(encrypted).toContain('    shamir_threshold: 2\n');
    await expect(decryptSopsFile(encrypted, { format: 'yaml', unwrappers: holding(alice) })).rejects.toMatchObject({
      code: 'no-key',
    });
  });

  test('a threshold that does not fit the groups is refused', async () => {
    await expect(
      encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice], [bob]], shamirThreshold: 3 }),
    ).rejects.toThrow(/shamir threshold 3 does not fit 2 key groups/);
  });

  test('no key source at all is reported with the recipients to look for', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice]] });
    await expect(decryptSopsFile(encrypted, { format: 'yaml', unwrappers: [] })).rejects.toThrow(
      /encrypted for age age1fakealice; tried no key sources; provide a private key/,
    );
  });
});

describe('changing keys and data keys', () => {
  test('updatekeys re-wraps the data key and leaves values, MAC and lastmodified alone', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice]], now: NOW });
    const updated = await updateSopsKeys(encrypted, { format: 'yaml', unwrappers: holding(alice), keyGroups: [[bob]] });
    const body = (text: string): string => text.replace(/ {4}age:\n(?: {8}.*\n)+/, '');
    expect(body(updated)).toBe(body(encrypted));
    expect((await decryptSopsFile(updated, { format: 'yaml', unwrappers: holding(bob) })).plaintext).toBe(PLAINTEXT);
    await expect(decryptSopsFile(updated, { format: 'yaml', unwrappers: holding(alice) })).rejects.toMatchObject({
      code: 'no-key',
    });
  });

  test('updatekeys refuses a file whose value was changed without sops, which sops updatekeys would re-wrap', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice]], now: NOW });
    // one base64 character of the first value's ciphertext, changed
    const tampered = encrypted.replace(
      /ENC\[AES256_GCM,data:(.)/,
      (_m, c: string) => `ENC[AES256_GCM,data:${c === 'A' ? 'B' : 'A'}`,
    );
    expect(tampered).not.toBe(encrypted);
    await expect(
      updateSopsKeys(tampered, { format: 'yaml', unwrappers: holding(alice), keyGroups: [[bob]] }),
    ).rejects.toBeInstanceOf(SopsError);
  });

  test('rotate re-encrypts every value under a fresh data key', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, {
      format: 'yaml',
      keyGroups: [[alice]],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^db$' },
    });
    const before = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers: holding(alice) });
    const rotated = await rotateSopsFile(encrypted, {
      format: 'yaml',
      unwrappers: holding(alice),
      keyGroups: [[alice, bob]],
    });
    const after = await decryptSopsFile(rotated, { format: 'yaml', unwrappers: holding(bob) });
    expect(after.plaintext).toBe(PLAINTEXT);
    expect(Buffer.from(after.dataKey)).not.toEqual(Buffer.from(before.dataKey));
    expect(rotated).toContain('    encrypted_regex: ^db$\n');
    expect(rotated.match(/password: (.*)/)![1]).not.toBe(encrypted.match(/password: (.*)/)![1]);
  });

  test('edit keeps the ciphertext of unchanged values, so diffs show only what changed', async () => {
    const encrypted = await encryptSopsFile(PLAINTEXT, { format: 'yaml', keyGroups: [[alice]] });
    const { dataKey } = await decryptSopsFile(encrypted, { format: 'yaml', unwrappers: holding(alice) });
    const edited = editSopsFile(encrypted, PLAINTEXT.replace('s3cr3t', 'n3w'), { format: 'yaml', dataKey, now: NOW });
    const line = (text: string, key: string): string => new RegExp(`${key}: (.*)`).exec(text)![1];
    expect(line(edited, 'user')).toBe(line(encrypted, 'user'));
    expect(line(edited, 'port')).toBe(line(encrypted, 'port'));
    expect(line(edited, 'password')).not.toBe(line(encrypted, 'password'));
    expect(decryptWithDataKey(edited, 'yaml', dataKey).plaintext).toBe(PLAINTEXT.replace('s3cr3t', 'n3w'));
    expect(() => editSopsFile(encrypted, PLAINTEXT, { format: 'yaml', dataKey: Buffer.alloc(32) })).toThrow(
      /AES-GCM authentication failed/,
    );
  });
});

describe('reading a file without keys', () => {
  const v = vector('generated/k8s-multidoc-encrypted-regex.enc.yaml');
  const text = readVector(v.file);

  test('lists recipients, the rule, and which values are encrypted', () => {
    const info = readSopsMetadata(text, 'yaml');
    expect(info.recipients).toEqual([
      { group: 0, type: 'age', id: 'age12kwcep4xshkjk8ak4hvkn4ulscf47q3jhejdeqq44q5mkmh9uafsaa6jyp' },
    ]);
    expect(info.metadata.encryptionRule).toEqual({
      kind: EncryptionRuleKind.ENCRYPTED_REGEX,
      pattern: '^(data|stringData)$',
    });
    expect(info.metadata.lastModified).toBe('2026-11-25T03:22:24Z');
    expect(info.values.filter((x) => x.encrypted).map((x) => `${x.document}:${x.path}`)).toEqual([
      '0:stringData.username',
      '0:stringData.password',
      '1:data.token',
    ]);
    expect(info.values.every((x) => x.encrypted === x.expectEncrypted)).toBe(true);
    expect(info.values.find((x) => x.path === 'data.token')).toMatchObject({
      encryptedType: 'str',
      keys: ['data', 'token'],
    });
  });

  test('finds a value pasted in clear text where the rule expects ciphertext', () => {
    const info = readSopsMetadata(text.replace(/token: ENC\[[^\]]+\]/, 'token: plain'), 'yaml');
    expect(info.values.filter((x) => x.expectEncrypted && !x.encrypted).map((x) => x.path)).toEqual(['data.token']);
  });

  test('parses every metadata layout in the vectors', () => {
    expect(
      readSopsMetadata(readVector('real/getsops-sops/example.json'), 'json').recipients.map((r) => r.type),
    ).toEqual(['pgp', 'pgp']);
    expect(readSopsMetadata(readVector('real/sops-nix/secrets.yaml'), 'yaml').recipients.map((r) => r.type)).toEqual([
      'pgp',
      'pgp',
      'age',
      'age',
    ]);
    expect(readSopsMetadata(readVector('real/getsops-sops/no_mac.yaml'), 'yaml').metadata.mac).toBe('');
  });

  test('tells encrypted files from plain ones', () => {
    expect(isSopsEncrypted(text, 'yaml')).toBe(true);
    expect(isSopsEncrypted(readVector('generated/plain-types.yaml'), 'yaml')).toBe(false);
    expect(isSopsEncrypted('{not yaml', 'yaml')).toBe(false);
    expect(() => readSopsMetadata('a: 1\n', 'yaml', { fileName: 'p.yaml' })).toThrow(
      /^p\.yaml: the file has no sops metadata, so it is not encrypted with sops/,
    );
  });

  test('picks the store from the file name', () => {
    expect(detectFormat('a/b.enc.json')).toBe('json');
    expect(detectFormat('a/b.JSON')).toBe('json');
    expect(detectFormat('a/b.yaml')).toBe('yaml');
    expect(detectFormat('a/b.sops')).toBe('yaml');
  });
});
