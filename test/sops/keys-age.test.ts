import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { decryptSops } from 'sops-age';
import { SopsError } from '../../lib/sops/errors';
import { AgeIdentities, parseAgeIdentities } from '../../lib/sops/keys/age-identities';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { AgeStanza } from '../../lib/sops/keys/master-key';
import { describeWithTool } from '../support/tools';
import { dataKeyHex, hex, makeTemp, removeTemp, vectorText } from './keys-support';

const DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

async function newKeyPair(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

describe('AgeRecipient', () => {
  test('wraps a data key as one armored age file, as sops writes it', async () => {
    // GIVEN a recipient
    const { identity, recipient } = await newKeyPair();

    // WHEN a data key is wrapped
    const stanza = await AgeRecipient.fromString(`  ${recipient}\n`).wrap(DATA_KEY);

    // THEN the stanza names the recipient and holds PEM-like armor with 64-column lines and a final newline
    expect(stanza.type).toBe('age');
    expect(stanza.recipient).toBe(recipient);
    const lines = stanza.enc.split('\n');
    expect(lines[0]).toBe('-----BEGIN AGE ENCRYPTED FILE-----');
    expect(lines.at(-2)).toBe('-----END AGE ENCRYPTED FILE-----');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -3).every((l) => l.length === 64)).toBe(true);
    // and the identity unwraps it to the same bytes
    expect(hex(await AgeIdentities.fromString(identity).unwrap(stanza))).toBe(hex(DATA_KEY));
  });

  test('wraps a 33-byte Shamir share as well', async () => {
    const { identity, recipient } = await newKeyPair();
    const share = Uint8Array.from({ length: 33 }, (_, i) => i);
    const stanza = await AgeRecipient.fromString(recipient).wrap(share);
    expect(hex(await AgeIdentities.fromString(identity).unwrap(stanza))).toBe(hex(share));
  });

  test.each([
    ['age1notavalidrecipient', /is not an age recipient/],
    ['age1yubikey1qwt50d05nh5vutpdzmlg5wn80xq5negm4uj9ghv0snvdd3yysf5yw3rhl3t', /plugin recipients are not supported/],
    ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBI1+Q+ntzANebtnicCiAY29uqLGWOaOGLEa8bUqOVmS', /ssh-to-age/],
  ])('rejects %s', (text, message) => {
    expect(() => AgeRecipient.fromString(text)).toThrow(SopsError);
    expect(() => AgeRecipient.fromString(text)).toThrow(message);
  });
});

describe('AgeIdentities', () => {
  test('returns undefined for a stanza wrapped for somebody else', async () => {
    const mine = await newKeyPair();
    const theirs = await newKeyPair();
    const stanza = await AgeRecipient.fromString(theirs.recipient).wrap(DATA_KEY);
    expect(await AgeIdentities.fromString(mine.identity).unwrap(stanza)).toBeUndefined();
  });

  test('tries every identity of the file, whatever the stanza says its recipient is', async () => {
    const first = await newKeyPair();
    const second = await newKeyPair();
    const stanza = await AgeRecipient.fromString(second.recipient).wrap(DATA_KEY);
    const identities = AgeIdentities.fromString(`${first.identity}\n${second.identity}\n`);
    expect(hex(await identities.unwrap({ ...stanza, recipient: 'age1other' }))).toBe(hex(DATA_KEY));
  });

  test('fails, naming the source, when a stanza for one of its keys is damaged', async () => {
    const { identity, recipient } = await newKeyPair();
    const stanza = await AgeRecipient.fromString(recipient).wrap(DATA_KEY);
    const lines = stanza.enc.split('\n');
    const last = lines.length - 3; // the last base64 line: the end of the encrypted payload
    lines[last] = lines[last].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const damaged: AgeStanza = { ...stanza, enc: lines.join('\n') };
    await expect(AgeIdentities.fromString(identity, 'my keys').unwrap(damaged)).rejects.toThrow(
      /sops\.age\[\]\.enc .* cannot be unwrapped with my keys/,
    );
  });

  test('accepts armor that YAML indentation or CRLF line ends left behind', async () => {
    const { identity, recipient } = await newKeyPair();
    const stanza = await AgeRecipient.fromString(recipient).wrap(DATA_KEY);
    const messy = stanza.enc
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\r\n');
    expect(hex(await AgeIdentities.fromString(identity).unwrap({ ...stanza, enc: messy }))).toBe(hex(DATA_KEY));
  });

  test('fromFile reads an age-keygen file and names it in its description', async () => {
    const dir = makeTemp('age');
    try {
      const { identity } = await newKeyPair();
      const file = path.join(dir, 'keys.txt');
      fs.writeFileSync(file, `# created: 2024-01-01T00:00:00Z\n# public key: age1...\n${identity}\n`);
      const identities = AgeIdentities.fromFile(file);
      expect(identities.size).toBe(1);
      expect(identities.description).toBe(`age identities from ${file}`);
      expect(() => AgeIdentities.fromFile(path.join(dir, 'missing.txt'))).toThrow(/cannot be read \(ENOENT\)/);
    } finally {
      removeTemp(dir);
    }
  });
});

describe('parseAgeIdentities', () => {
  test('skips comments and blank lines and reads several keys on one line', async () => {
    const [a, b, c] = await Promise.all([newKeyPair(), newKeyPair(), newKeyPair()]);
    const text = `# comment\n\n  ${a.identity}  \n${b.identity} ${c.identity} # trailing comment\n`;
    expect(parseAgeIdentities(text, 'SOPS_AGE_KEY')).toEqual([a.identity, b.identity, c.identity]);
  });

  test('reports the line of a word that is not a key, without printing it', () => {
    let error: unknown;
    try {
      parseAgeIdentities('# ok\nAGE-SECRET-KEY-1SECRETBUTBROKEN\n', 'keys.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SopsError);
    expect((error as Error).message).toMatch(/^keys\.txt: line 2 .*is not an age identity/);
    expect((error as Error).message).not.toContain('SECRETBUTBROKEN');
  });

  test('refuses plugin identities and passphrase-encrypted key files with a way out', () => {
    expect(() => parseAgeIdentities('AGE-PLUGIN-YUBIKEY-1ABCDEF\n', 'k')).toThrow(/age plugin identity/);
    expect(() => parseAgeIdentities('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n', 'k')).toThrow(/age -d/);
  });
});

describeWithTool('age', 'apt-get install age', 'age wraps read by the age program', () => {
  test('age --decrypt turns our armored stanza back into the 32 bytes', async () => {
    // GIVEN an identity in a key file
    const dir = makeTemp('age-cli');
    try {
      const { identity, recipient } = await newKeyPair();
      const keyFile = path.join(dir, 'key.txt');
      fs.writeFileSync(keyFile, `${identity}\n`, { mode: 0o600 });

      // WHEN we wrap a data key and the age program decrypts the armored text
      const stanza = await AgeRecipient.fromString(recipient).wrap(DATA_KEY);
      const result = spawnSync('age', ['--decrypt', '-i', keyFile], { input: stanza.enc });

      // THEN it gets the same bytes
      expect(result.stderr.toString()).toBe('');
      expect(result.status).toBe(0);
      expect(hex(result.stdout)).toBe(hex(DATA_KEY));
    } finally {
      removeTemp(dir);
    }
  });

  test('our identities unwrap what the age program encrypted (armored)', async () => {
    const { identity, recipient } = await newKeyPair();
    const result = spawnSync('age', ['--encrypt', '--armor', '-r', recipient], { input: Buffer.from(DATA_KEY) });
    expect(result.status).toBe(0);
    const stanza: AgeStanza = { type: 'age', recipient, enc: result.stdout.toString() };
    expect(hex(await AgeIdentities.fromString(identity).unwrap(stanza))).toBe(hex(DATA_KEY));
  });
});

describe('sops-age (an independent implementation) reads our age stanza', () => {
  test('a vector with its age stanza replaced by ours decrypts with our new identity', async () => {
    // GIVEN the humphd JSON vector, whose data key VECTORS.md gives, re-wrapped by us for a new identity
    const file = 'real/humphd-sops-age/secret.enc.json';
    const doc = JSON.parse(vectorText(file)) as { sops: { age: unknown[] } };
    const oldKey = vectorText('real/humphd-sops-age/key.txt')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const expected: unknown = await decryptSops(vectorText(file), { secretKey: oldKey, fileType: 'json' });
    const { identity, recipient } = await newKeyPair();
    const dataKey = Buffer.from(dataKeyHex('humphd-sops-age/secret.enc.json'), 'hex');
    const stanza = await AgeRecipient.fromString(recipient).wrap(dataKey);
    doc.sops.age = [{ recipient: stanza.recipient, enc: stanza.enc }];

    // WHEN sops-age decrypts it with the new identity only
    const decrypted: unknown = await decryptSops(JSON.stringify(doc), { secretKey: identity, fileType: 'json' });

    // THEN it gets the vector's plaintext, and the old key no longer opens it
    expect(decrypted).toEqual(expected);
    expect(decrypted).toMatchObject({ secret: 'this is a secret' });
    await expect(decryptSops(JSON.stringify(doc), { secretKey: oldKey, fileType: 'json' })).rejects.toThrow();
  });
});
