import {
  IV_LENGTH,
  IvStash,
  isEncryptedValue,
  openValue,
  parseEncryptedValue,
  sealValue,
} from '../../lib/sops/core/cipher';
import { SopsScalar } from '../../lib/sops/core/tree';
import { encryptLeaf } from '../../lib/sops/core/tree-crypt';
import { compileRule, DEFAULT_ENCRYPTION_RULE } from '../../lib/sops/core/encryption-rule';
import { decodeValue, scalarToBytes } from '../../lib/sops/core/value-codec';
import { readVector, vector } from './vectors';

const key = Buffer.alloc(32, 1);
const options = { dataKey: key, rule: compileRule(DEFAULT_ENCRYPTION_RULE), macOnlyEncrypted: false };

describe('the value cipher', () => {
  test('writes ENC[AES256_GCM,...] with a 32-byte IV, a 16-byte tag and padded base64', () => {
    const text = sealValue(Buffer.from('hello'), 'str', key, 'a:b:');
    expect(text).toMatch(
      /^ENC\[AES256_GCM,data:[A-Za-z0-9+/]+=*,iv:[A-Za-z0-9+/]{43}=,tag:[A-Za-z0-9+/]{22}==,type:str\]$/,
    );
    const parsed = parseEncryptedValue(text);
    expect(parsed.iv).toHaveLength(IV_LENGTH);
    expect(parsed.tag).toHaveLength(16);
    expect(parsed.data).toHaveLength(5);
  });

  test('binds the value to its key path', () => {
    const text = sealValue(Buffer.from('hello'), 'str', key, 'a:b:');
    expect(Buffer.from(openValue(text, key, 'a:b:').plaintext).toString()).toBe('hello');
    expect(() => openValue(text, key, 'a:c:')).toThrow(/AES-GCM authentication failed/);
  });

  test('decrypts a value sops wrote, with its key path as additional data', () => {
    const v = vector('generated/types-age.enc.yaml');
    const line = /^int: (ENC\[.*\])$/m.exec(readVector(v.file))![1];
    const opened = openValue(line, Buffer.from(v.dataKey, 'hex'), 'int:');
    expect(opened.type).toBe('int');
    expect(Buffer.from(opened.plaintext).toString()).toBe('42');
  });

  test.each<[SopsScalar, string, string]>([
    [{ type: 'str', value: 'héllo' }, 'str', 'héllo'],
    [{ type: 'int', value: -7n }, 'int', '-7'],
    [{ type: 'float', value: 2.5 }, 'float', '2.5'],
    [{ type: 'float', value: 1e21 }, 'float', '1000000000000000000000'],
    [{ type: 'bool', value: true }, 'bool', 'True'],
    [{ type: 'bool', value: false }, 'bool', 'False'],
    [{ type: 'time', value: '2024-01-01T00:00:00Z' }, 'time', '2024-01-01T00:00:00Z'],
  ])('encrypts %j with type:%s as the text %p', (leaf, type, text) => {
    const encrypted = encryptLeaf(leaf as Exclude<SopsScalar, { type: 'null' }>, options, 'k:');
    expect(parseEncryptedValue(encrypted).type).toBe(type);
    const opened = openValue(encrypted, key, 'k:');
    expect(Buffer.from(opened.plaintext).toString()).toBe(text);
    expect(decodeValue(opened.type, opened.plaintext)).toEqual({ kind: 'scalar', scalar: leaf });
  });

  test('comments are encrypted with type:comment', () => {
    const encrypted = encryptLeaf({ type: 'comment', value: ' note', inline: false }, options, ':');
    const opened = openValue(encrypted, key, ':');
    expect(decodeValue(opened.type, opened.plaintext)).toEqual({ kind: 'comment', text: ' note' });
  });

  test('empty strings and empty comments are not encrypted', () => {
    expect(encryptLeaf({ type: 'str', value: '' }, options, 'k:')).toBe('');
    expect(encryptLeaf({ type: 'comment', value: '', inline: false }, options, ':')).toBe('');
  });

  test('reads the types only older sops wrote, and every spelling ParseBool accepts', () => {
    expect(decodeValue('int64', Buffer.from('-9223372036854775808'))).toEqual({
      kind: 'scalar',
      scalar: { type: 'int', value: -9223372036854775808n },
    });
    expect(decodeValue('bytes', Buffer.from([0xff]))).toEqual({
      kind: 'scalar',
      scalar: { type: 'bytes', value: Buffer.from([0xff]) },
    });
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) {
      expect(decodeValue('bool', Buffer.from(t))).toEqual({ kind: 'scalar', scalar: { type: 'bool', value: true } });
    }
    expect(decodeValue('float', Buffer.from('NaN')).kind).toBe('scalar');
  });

  test('rejects bad decrypted text without quoting it', () => {
    expect(() => decodeValue('int', Buffer.from('secret-42'))).toThrow(/^the decrypted value is not a valid int$/);
    expect(() => decodeValue('bool', Buffer.from('maybe'))).toThrow(/not a valid bool/);
    expect(() => decodeValue('blob', Buffer.from('x'))).toThrow(/unknown value type "blob"/);
  });

  test('recognizes the format like sops (greedy groups, no end anchor) and rejects bad base64', () => {
    expect(isEncryptedValue('ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]')).toBe(true);
    expect(isEncryptedValue('ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str] trailing')).toBe(true);
    expect(isEncryptedValue('enc[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]')).toBe(false);
    expect(() => parseEncryptedValue('ENC[AES256_GCM,data:A,iv:AA==,tag:AA==,type:str]')).toThrow(
      /data field is not valid base64/,
    );
  });

  test('the IV stash reuses an IV only for the same type, plaintext and key path', () => {
    const stash = new IvStash();
    const iv = Buffer.alloc(32, 9);
    stash.remember('str', Buffer.from('x'), 'a:', iv);
    expect(stash.lookup('str', Buffer.from('x'), 'a:')).toBe(iv);
    expect(stash.lookup('str', Buffer.from('x'), 'b:')).toBeUndefined();
    expect(stash.lookup('comment', Buffer.from('x'), 'a:')).toBeUndefined();
    expect(scalarToBytes({ type: 'bool', value: true })).toEqual(Buffer.from('True'));
  });
});
