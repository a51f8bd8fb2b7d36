import { parse as parseYaml } from 'yaml';
import { decryptSopsFile, decryptWithDataKey, editSopsFile } from '../../lib/sops/encrypt-decrypt';
import { SopsError } from '../../lib/sops/errors';
import { KeyUnwrapper } from '../../lib/sops/keys/master-key';
import { dataKeyUnwrapper } from './fake-keys';
import { SopsVector, VECTORS, readVector, vector } from './vectors';

// The key sources a vector is decrypted with on the full path. Until the real age/PGP key sources are wired in, a
// stand-in answers every stanza with the vector's published data key; swap this line for the real unwrappers
// built from `v.keyFiles`.
const unwrappersFor = (v: SopsVector): KeyUnwrapper[] => [dataKeyUnwrapper(v.dataKey)];

const key = (v: SopsVector): Buffer => Buffer.from(v.dataKey, 'hex');
const decryptable = VECTORS.filter((v) => v.expected !== undefined);

describe('sops vectors', () => {
  describe.each(decryptable.map((v) => [v.file, v] as const))('%s', (_name, v) => {
    const text = readVector(v.file);
    const expected = readVector(v.expected!);

    test('decrypts with its data key to exactly what sops prints (MAC verified)', () => {
      // The expected files are YAML for every vector; sops' JSON output is valid YAML read through the same rules,
      // so JSON vectors are checked byte for byte through the YAML store here and structurally below.
      const { plaintext } = decryptWithDataKey(text, 'yaml', key(v), { fileName: v.file });
      expect(plaintext).toBe(expected);
    });

    test('decrypts through the key sources to the same plaintext', async () => {
      const result = await decryptSopsFile(text, { format: v.format, unwrappers: unwrappersFor(v), fileName: v.file });
      if (v.format === 'json') {
        // The JSON store prints tab-indented JSON, while the expected file is the YAML rendering of the same data:
        // compare the parsed data instead of the text.
        expect(result.plaintext).toMatch(/^\{\n\t"/);
        expect(JSON.parse(result.plaintext)).toEqual(parseYaml(expected));
      } else {
        expect(result.plaintext).toBe(expected);
      }
      expect(Buffer.from(result.dataKey).toString('hex')).toBe(v.dataKey);
    });
  });

  test.each(VECTORS.filter((v) => v.layout313).map((v) => [v.file, v] as const))(
    're-encrypting the plaintext of %s with its data key and time reproduces the file byte for byte',
    (_name, v) => {
      const text = readVector(v.file);
      const lastModified = /lastmodified: "([^"]+)"/.exec(text)![1];
      const again = editSopsFile(text, readVector(v.layout313!.plaintext), {
        format: v.format,
        dataKey: key(v),
        now: new Date(lastModified),
      });
      // Only the writer's version differs for files another 3.13 release wrote.
      expect(again).toBe(text.replace(/version: 3\.13\.\d+/g, 'version: 3.13.2'));
    },
  );

  test('a file whose comments were never encrypted keeps them and warns without quoting them', () => {
    const v = vector('real/getsops-sops/comments_unencrypted_comments.yaml');
    const { plaintext, warnings } = decryptWithDataKey(readVector(v.file), 'yaml', key(v));
    expect(plaintext).toContain('# first comment in file\n');
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).not.toContain('first comment');
  });
});

describe('files that must be rejected', () => {
  test('no_mac.yaml is rejected: it has no MAC', async () => {
    const v = vector('real/getsops-sops/no_mac.yaml');
    const text = readVector(v.file);
    expect(() => decryptWithDataKey(text, 'yaml', key(v), { fileName: v.file })).toThrow(
      /^real\/getsops-sops\/no_mac\.yaml: the file has no MAC/,
    );
    await expect(decryptSopsFile(text, { format: 'yaml', unwrappers: unwrappersFor(v) })).rejects.toMatchObject({
      code: 'no-mac',
    });
  });

  const example = vector('real/getsops-sops/example.yaml');
  const original = readVector(example.file);
  // Plaintext values of example.yaml that must never show up in an error.
  const secrets = ['t00m4nys3cr3tzupdated', 'c4r1b0u', 'secretuser1', 'with something secret in it', '1234568000'];

  function failure(text: string): SopsError {
    try {
      decryptWithDataKey(text, 'yaml', key(example), { fileName: 'secrets/example.yaml' });
    } catch (e) {
      expect(e).toBeInstanceOf(SopsError);
      const message = (e as SopsError).message;
      for (const secret of [...secrets, example.dataKey]) {
        expect(message).not.toContain(secret);
      }
      expect(message).toMatch(/^secrets\/example\.yaml: /);
      return e as SopsError;
    }
    throw new Error('the tampered file decrypted');
  }

  function replaceOnce(text: string, from: string | RegExp, to: (m: string) => string): string {
    const m = typeof from === 'string' ? from : from.exec(text)![0];
    expect(text).toContain(m);
    return text.replace(m, to(m));
  }

  test('a changed unencrypted value fails the MAC (unencrypted values are authenticated too)', () => {
    const tampered = replaceOnce(
      original,
      'all: going to remain in clear text',
      () => 'all: going to remain in clear text!',
    );
    const error = failure(tampered);
    expect(error.code).toBe('mac-mismatch');
    expect(error.message).toMatch(/MAC mismatch/);
  });

  test('a changed encrypted value fails AES-GCM authentication at its key path', () => {
    const tampered = replaceOnce(
      original,
      /myapp1: ENC\[AES256_GCM,data:(.)/,
      (m) => `${m.slice(0, -1)}${m.endsWith('A') ? 'B' : 'A'}`,
    );
    const error = failure(tampered);
    expect(error.code).toBe('value-decrypt');
    expect(error.keyPath).toBe('myapp1');
    expect(error.message).toMatch(/cannot decrypt the value at myapp1: AES-GCM authentication failed/);
  });

  test('a changed MAC cannot be decrypted', () => {
    const tampered = replaceOnce(
      original,
      /mac: ENC\[AES256_GCM,data:(.)/,
      (m) => `${m.slice(0, -1)}${m.endsWith('A') ? 'B' : 'A'}`,
    );
    const error = failure(tampered);
    expect(error.code).toBe('mac-decrypt');
    expect(error.message).toMatch(/cannot decrypt the MAC \(sops\.mac\)/);
  });

  test('lastmodified changed by one second makes the MAC undecryptable (it is its additional data)', () => {
    const tampered = replaceOnce(
      original,
      'lastmodified: "2025-08-06T18:55:05Z"',
      () => 'lastmodified: "2025-08-06T18:55:06Z"',
    );
    const error = failure(tampered);
    expect(error.code).toBe('mac-decrypt');
    expect(error.message).toMatch(/sops\.mac or sops\.lastmodified was changed/);
  });

  test('two encrypted values swapped between keys fail at the first moved key (the key path is the AAD)', () => {
    const user = /user: (ENC\[[^\]]+\])/.exec(original)![1];
    const password = /password: (ENC\[[^\]]+\])/.exec(original)![1];
    const swapped = original
      .replace(`user: ${user}`, `user: ${password}`)
      .replace(`password: ${password}`, `password: ${user}`);
    const error = failure(swapped);
    expect(error.code).toBe('value-decrypt');
    expect(error.keyPath).toBe('app2.db.user');
  });

  test('a value moved within a list keeps decrypting (list indices are not part of the AAD) but fails the MAC', () => {
    const items = /an_array:\n {4}- (ENC\[[^\]]+\])\n {4}- (ENC\[[^\]]+\])/.exec(original)!;
    const swapped = original.replace(items[0], `an_array:\n    - ${items[2]}\n    - ${items[1]}`);
    expect(failure(swapped).code).toBe('mac-mismatch');
  });

  test('a value left in clear text where the rule says encrypted is reported by path', () => {
    const tampered = original.replace(/number: ENC\[[^\]]+\]/, 'number: 5');
    const error = failure(tampered);
    expect(error.code).toBe('value-decrypt');
    expect(error.message).toMatch(/the value at number is not encrypted/);
  });

  test('a wrong data key fails at the first value', () => {
    expect(() => decryptWithDataKey(original, 'yaml', Buffer.alloc(32, 7))).toThrow(/AES-GCM authentication failed/);
  });
});
