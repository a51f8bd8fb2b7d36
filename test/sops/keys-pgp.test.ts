import * as fs from 'fs';
import * as path from 'path';
import { generateKey } from 'openpgp';
import { SopsError } from '../../lib/sops/errors';
import { normalizeFingerprint } from '../../lib/sops/keys/fingerprint';
import { PgpStanza } from '../../lib/sops/keys/master-key';
import { PgpIdentities } from '../../lib/sops/keys/pgp-identities';
import { PgpPublicKeys, PgpRecipient } from '../../lib/sops/keys/pgp-recipient';
import { describeWithTool } from '../support/tools';
import { gpg, gpgHomeWithNewKey, hex, removeTemp, stanzasOf, vector, vectorText } from './keys-support';

const DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 53 + 7) & 0xff);
const FBC7 = 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4';
const FUNCTIONAL_KEYS = 'real/getsops-sops/sops_functional_tests_key.asc';

async function newOpenPgpKey(passphrase?: string): Promise<{ publicKey: string; privateKey: string }> {
  const { publicKey, privateKey } = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'test', email: 'test@example.invalid' }],
    passphrase,
    format: 'armored',
  });
  return { publicKey, privateKey };
}

describe('normalizeFingerprint', () => {
  test('removes spaces and upper-cases, as sops writes fp', () => {
    expect(normalizeFingerprint('fbc7 b9e2 a4f9 289a c0c1  d484 3d16 cee4 a273 81b4')).toBe(FBC7);
  });

  test('rejects what is not 40 or 64 hex digits', () => {
    expect(() => normalizeFingerprint('3D16CEE4A27381B4')).toThrow(/is not an OpenPGP key fingerprint; use the 40/);
  });
});

describe('PgpRecipient', () => {
  test('wraps for an armored public key; the matching private key unwraps it', async () => {
    // GIVEN the public half of the sops functional-test key
    const recipient = await PgpRecipient.fromArmoredKey(vectorText('generated/pgp-FBC7-pub.asc'));

    // WHEN a data key is wrapped
    const stanza = await recipient.wrap(DATA_KEY);

    // THEN the stanza looks like sops' and the private key set opens it
    expect(stanza.fp).toBe(FBC7);
    expect(stanza.enc).toMatch(/^-----BEGIN PGP MESSAGE-----\n\n[\s\S]+\n-----END PGP MESSAGE-----$/);
    expect(stanza.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const identities = await PgpIdentities.fromArmoredFile(vector(FUNCTIONAL_KEYS));
    expect(hex(await identities.unwrap(stanza))).toBe(hex(DATA_KEY));
  });

  test('finds a key of a set by fingerprint written in lower case with spaces', async () => {
    const keys = await PgpPublicKeys.fromArmoredFile(vector(FUNCTIONAL_KEYS)); // 2 private + 3 public blocks
    expect(keys.fingerprints).toEqual([
      FBC7,
      'D7229043384BCC60326C6FB9D8720D957C3D3074',
      'B611A2F9F11D0FF82568805119F9B5DAEA91FF86',
    ]);
    const recipient = await keys.findRecipient('fbc7 b9e2 a4f9 289a c0c1 d484 3d16 cee4 a273 81b4');
    expect(recipient?.id).toBe(FBC7);
    expect(await keys.findRecipient('0000000000000000000000000000000000000000')).toBeUndefined();
  });

  test('refuses to wrap new data keys for the RSA-1024 key', async () => {
    const keys = await PgpPublicKeys.fromArmoredFile(vector(FUNCTIONAL_KEYS));
    await expect(keys.findRecipient('D7229043384BCC60326C6FB9D8720D957C3D3074')).rejects.toThrow(
      /pgp "D7229043384BCC60326C6FB9D8720D957C3D3074" cannot be encrypted to/,
    );
  });

  test('fromArmoredKey asks for a fingerprint when the text holds several keys', async () => {
    await expect(PgpRecipient.fromArmoredKey(vectorText(FUNCTIONAL_KEYS))).rejects.toThrow(/pass the fingerprint/);
    await expect(
      PgpRecipient.fromArmoredKey(vectorText('generated/pgp-FBC7-pub.asc'), 'D7229043384BCC60326C6FB9D8720D957C3D3074'),
    ).rejects.toThrow(/is not among the armored public keys given/);
  });
});

describe('PgpIdentities', () => {
  test('leaves a stanza for another key alone and fails on a damaged one for its key', async () => {
    const mine = await newOpenPgpKey();
    const theirs = await newOpenPgpKey();
    const identities = await PgpIdentities.fromArmored(mine.privateKey, { description: 'my key' });
    const forThem = await (await PgpRecipient.fromArmoredKey(theirs.publicKey)).wrap(DATA_KEY);
    expect(await identities.unwrap(forThem)).toBeUndefined();

    const forMe = await (await PgpRecipient.fromArmoredKey(mine.publicKey)).wrap(DATA_KEY);
    expect(hex(await identities.unwrap(forMe))).toBe(hex(DATA_KEY));
    const lines = forMe.enc.split('\n');
    const body = lines.length - 3; // last base64 line before the end marker (and any checksum)
    lines[body] = lines[body].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const damaged: PgpStanza = { ...forMe, enc: lines.join('\n') };
    await expect(identities.unwrap(damaged)).rejects.toThrow(/cannot be unwrapped with my key/);
  });

  test('says so when the key is protected by a passphrase, and opens it given the passphrase', async () => {
    const { publicKey, privateKey } = await newOpenPgpKey('correct horse');
    const stanza = await (await PgpRecipient.fromArmoredKey(publicKey)).wrap(DATA_KEY);
    const locked = await PgpIdentities.fromArmored(privateKey);
    await expect(locked.unwrap(stanza)).rejects.toThrow(/protected by a passphrase; pass the passphrase option/);
    const opened = await PgpIdentities.fromArmored(privateKey, { passphrase: 'correct horse' });
    expect(hex(await opened.unwrap(stanza))).toBe(hex(DATA_KEY));
  });

  test('reports a file without a private key block', async () => {
    const error = await PgpIdentities.fromArmoredFile(vector('generated/pgp-FBC7-pub.asc')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SopsError);
    expect((error as Error).message).toMatch(/holds no "-----BEGIN PGP PRIVATE KEY BLOCK-----"/);
  });

  test('ignores the fp written in the stanza: the message says which key it is for', async () => {
    const identities = await PgpIdentities.fromArmoredFile(vector('real/sops-nix/key.asc'));
    const stanza = stanzasOf('real/sops-nix/secrets.json').find((s) => s.type === 'pgp') as PgpStanza;
    const dk = await identities.unwrap({ ...stanza, fp: '0000000000000000000000000000000000000000' });
    expect(hex(dk)).toBe('f7820264ffb2476c375f41af3f6fc4b6ed53775ee4338a73dbfd09f0c15c3b80');
  });
});

describeWithTool('gpg', 'apt-get install gnupg', 'PGP wraps read by gpg', () => {
  let home: string;
  let fingerprint: string;

  beforeAll(() => {
    ({ home, fingerprint } = gpgHomeWithNewKey());
  });
  afterAll(() => removeTemp(home));

  test('gpg --decrypt turns our stanza back into the 32 bytes', async () => {
    // GIVEN the public key of a key gpg generated
    const publicKey = gpg(home, ['--armor', '--export', fingerprint]).toString();
    const recipient = await PgpRecipient.fromArmoredKey(publicKey, fingerprint.toLowerCase());

    // WHEN we wrap a data key and gpg decrypts the stanza
    const stanza = await recipient.wrap(DATA_KEY);
    const plain = gpg(home, ['--decrypt'], stanza.enc);

    // THEN it gets the same bytes
    expect(stanza.fp).toBe(fingerprint);
    expect(hex(plain)).toBe(hex(DATA_KEY));
  });

  test('our identities unwrap what gpg encrypted, from its exported private key', async () => {
    const enc = gpg(home, ['--trust-model', 'always', '--encrypt', '--armor', '-r', fingerprint], DATA_KEY);
    const secret = gpg(home, ['--armor', '--export-secret-keys', fingerprint]).toString();
    const file = path.join(home, 'exported.asc');
    fs.writeFileSync(file, secret);
    const identities = await PgpIdentities.fromArmoredFile(file);
    const stanza: PgpStanza = { type: 'pgp', fp: fingerprint, enc: enc.toString(), createdAt: '2024-01-01T00:00:00Z' };
    expect(hex(await identities.unwrap(stanza))).toBe(hex(DATA_KEY));
  });
});
