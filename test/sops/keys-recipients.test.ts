import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { PgpIdentities } from '../../lib/sops/keys/pgp-identities';
import { PgpKeySource } from '../../lib/sops/keys/pgp-key-source';
import { PgpPublicKeys } from '../../lib/sops/keys/pgp-recipient';
import { parseRecipient, resolveRecipient } from '../../lib/sops/keys/recipients';
import { hex, vector } from './keys-support';

const DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const FBC7 = 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4';
const AGE = 'age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw';

/** A key source that counts its look-ups. */
function counting(source: PgpKeySource): PgpKeySource & { lookUps: number } {
  const counted = {
    description: source.description,
    lookUps: 0,
    findRecipient: (fp: string) => {
      counted.lookUps++;
      return source.findRecipient(fp);
    },
  };
  return counted;
}

describe('parseRecipient', () => {
  test('an age1... string is an age recipient', () => {
    const recipient = parseRecipient(` ${AGE} `);
    expect(recipient).toBeInstanceOf(AgeRecipient);
    expect(recipient).toMatchObject({ type: 'age', id: AGE });
  });

  test('a fingerprint in lower case with spaces is a PGP recipient, looked up when it first wraps', async () => {
    // GIVEN a source of public keys
    const keys = counting(await PgpPublicKeys.fromArmoredFile(vector('generated/pgp-FBC7-pub.asc')));

    // WHEN the fingerprint is parsed
    const recipient = parseRecipient('fbc7 b9e2 a4f9 289a c0c1 d484 3d16 cee4 a273 81b4', { pgpKeys: keys });

    // THEN it is normalised, not looked up yet, and wraps for the key once asked (looking it up once)
    expect(recipient).toMatchObject({ type: 'pgp', id: FBC7 });
    expect(keys.lookUps).toBe(0);
    const first = await recipient.wrap(DATA_KEY);
    await recipient.wrap(DATA_KEY);
    expect(keys.lookUps).toBe(1);
    expect(first).toMatchObject({ type: 'pgp', fp: FBC7 });
    const identities = await PgpIdentities.fromArmoredFile(vector('real/getsops-sops/sops_functional_tests_key.asc'));
    expect(hex(await identities.unwrap(first))).toBe(hex(DATA_KEY));
  });

  test('tries the key sources in order', async () => {
    const empty = await PgpPublicKeys.fromArmoredFile(vector('real/sops-nix/key.asc'));
    const full = await PgpPublicKeys.fromArmoredFile(vector('generated/pgp-FBC7-pub.asc'));
    const stanza = await parseRecipient(FBC7, { pgpKeys: [empty, full] }).wrap(DATA_KEY);
    expect(stanza).toMatchObject({ fp: FBC7 });
  });

  test('a fingerprint no source holds fails when it wraps, naming the sources', async () => {
    const keys = await PgpPublicKeys.fromArmoredFile(vector('real/sops-nix/key.asc'));
    const recipient = parseRecipient(FBC7, { pgpKeys: keys, field: 'creation_rules[0].pgp' });
    await expect(recipient.wrap(DATA_KEY)).rejects.toThrow(
      /creation_rules\[0\]\.pgp "FBC7.*" has no OpenPGP public key in public keys in .*key\.asc; import the key/,
    );
  });

  test('rejects what is neither an age recipient nor a fingerprint', () => {
    expect(() => parseRecipient('arn:aws:kms:eu-west-1:111122223333:key/abc')).toThrow(
      /is neither an age recipient nor an OpenPGP fingerprint/,
    );
    expect(() => parseRecipient('age1broken')).toThrow(/is not an age recipient/);
  });
});

describe('resolveRecipient', () => {
  test('looks the PGP key up at once', async () => {
    const keys = await PgpPublicKeys.fromArmoredFile(vector('real/sops-nix/key.asc'));
    await expect(resolveRecipient(FBC7, { pgpKeys: keys })).rejects.toThrow(/has no OpenPGP public key/);
    const found = await resolveRecipient('7FB89715AADA920D65D25E63F9BA9DEBD03F57C0', { pgpKeys: keys });
    expect(found).toMatchObject({ type: 'pgp', id: '7FB89715AADA920D65D25E63F9BA9DEBD03F57C0' });
  });

  test('returns age recipients as they are', async () => {
    expect(await resolveRecipient(AGE)).toMatchObject({ type: 'age', id: AGE });
  });
});
