import { AgeIdentities } from '../../lib/sops/keys/age-identities';
import { armoredBlocks } from '../../lib/sops/keys/pgp-armor';
import { PgpIdentities } from '../../lib/sops/keys/pgp-identities';
import { KeyUnwrapper, MasterKeyStanza } from '../../lib/sops/keys/master-key';
import { dataKeyHex, hex, stanzasOf, vector, vectorText } from './keys-support';

const FUNCTIONAL_KEYS = 'real/getsops-sops/sops_functional_tests_key.asc';
const FBC7 = 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4';
const D722_RSA1024 = 'D7229043384BCC60326C6FB9D8720D957C3D3074';

/** Where each vector's private keys are, and which of its stanzas have no key among the vectors. */
interface VectorCase {
  readonly file: string;
  readonly age?: string[];
  readonly pgp?: string[];
  /** Recipients or fingerprints of stanzas no vector key opens (other people's keys). */
  readonly foreign?: string[];
}

const CASES: VectorCase[] = [
  ...[
    'example.yaml',
    'example.json',
    'format.enc.yaml',
    'comments.enc.yaml',
    'comments_unencrypted_comments.yaml',
    'multiple_keys.yaml',
    'no_mac.yaml',
  ].map((name) => ({ file: `real/getsops-sops/${name}`, pgp: [FUNCTIONAL_KEYS] })),
  {
    file: 'real/sops-nix/secrets.yaml',
    age: ['real/sops-nix/age-keys.txt'],
    pgp: ['real/sops-nix/key.asc', 'real/sops-nix/ssh-key.asc'],
    // the ssh-ed25519 key converted with ssh-to-age: not an age key file of the vectors
    foreign: ['age1a8pk4akrdamj7nvqy3zywgtny8dxz7t5xzu7u8v9mhrayp9freqsqatyrs'],
  },
  { file: 'real/sops-nix/secrets.json', pgp: ['real/sops-nix/key.asc'] },
  ...['secret.enc.yaml', 'secret.enc.json'].map((name) => ({
    file: `real/humphd-sops-age/${name}`,
    age: ['real/humphd-sops-age/key.txt'],
    foreign: [
      'age19j4d6v9j7rx5fs629fu387qz4zmlpsqjexa4s08tkfrrmfdl5cwqjlaupd',
      'age13runq29jhy9kfpaegczrzttykerswh0qprq59msgd754yermtfmsa3hwg2',
    ],
  })),
  { file: 'real/helm-secrets/secrets.age.yaml', age: ['real/helm-secrets/age-key.txt'] },
  { file: 'real/third-party/sops-3.12.2-age.enc.yaml', age: ['real/third-party/sops-3.12.2-age.key.txt'] },
  {
    file: 'real/third-party/sops-3.13.3-age-nonascii.enc.yaml',
    age: ['real/third-party/sops-3.13.3-age-nonascii.key.txt'],
  },
  { file: 'generated/types-age.enc.yaml', age: ['generated/age-key-1.txt'] },
  { file: 'generated/k8s-multidoc-encrypted-regex.enc.yaml', age: ['generated/age-key-1.txt'] },
];

function keyOf(stanza: MasterKeyStanza): string {
  return stanza.type === 'age' ? stanza.recipient : stanza.type === 'pgp' ? stanza.fp : stanza.type;
}

async function unwrapWithAny(unwrappers: KeyUnwrapper[], stanza: MasterKeyStanza): Promise<Uint8Array | undefined> {
  for (const unwrapper of unwrappers) {
    const key = await unwrapper.unwrap(stanza);
    if (key !== undefined) return key;
  }
  return undefined;
}

describe('the age and PGP stanzas of every SOPS vector', () => {
  test.each(CASES)('$file: every stanza unwraps to the data key in VECTORS.md', async (c) => {
    // GIVEN the vector's private keys
    const unwrappers: KeyUnwrapper[] = [
      ...(c.age ?? []).map((f) => AgeIdentities.fromFile(vector(f))),
      ...(await Promise.all((c.pgp ?? []).map((f) => PgpIdentities.fromArmoredFile(vector(f))))),
    ];
    const stanzas = stanzasOf(c.file);
    const expected = dataKeyHex(c.file.replace(/^real\//, '').replace(/^generated\//, ''));
    // the case lists a key file for every stanza type the vector has
    expect(new Set(stanzas.map((s) => s.type))).toEqual(
      new Set([...(c.age ? ['age'] : []), ...(c.pgp ? ['pgp'] : [])]),
    );

    // WHEN each stanza is unwrapped
    const results = await Promise.all(stanzas.map(async (s) => [keyOf(s), hex(await unwrapWithAny(unwrappers, s))]));

    // THEN the stanzas for our keys give the data key, the others are left alone
    expect(results).toEqual(stanzas.map((s) => [keyOf(s), c.foreign?.includes(keyOf(s)) ? undefined : expected]));
  });

  test('each of the two private keys of multiple_keys.yaml unwraps its own stanza alone', async () => {
    // GIVEN the two armored blocks of the functional-test key file, loaded separately
    const blocks = armoredBlocks(vectorText(FUNCTIONAL_KEYS), 'PRIVATE KEY BLOCK');
    expect(blocks).toHaveLength(2);
    const [first, second] = await Promise.all(blocks.map((b) => PgpIdentities.fromArmored(b)));
    expect(first.fingerprints).toEqual([FBC7]);
    expect(second.fingerprints).toEqual([D722_RSA1024]);
    const stanzas = stanzasOf('real/getsops-sops/multiple_keys.yaml');
    const byFp = (fp: string) => stanzas.find((s) => s.type === 'pgp' && s.fp === fp)!;
    const dk = dataKeyHex('getsops-sops/multiple_keys.yaml');

    // WHEN / THEN each key opens its stanza and leaves the other one alone
    expect(hex(await first.unwrap(byFp(FBC7)))).toBe(dk);
    expect(await first.unwrap(byFp(D722_RSA1024))).toBeUndefined();
    expect(hex(await second.unwrap(byFp(D722_RSA1024)))).toBe(dk); // the RSA-1024 key
    expect(await second.unwrap(byFp(FBC7))).toBeUndefined();
  });

  test('an age identity ignores PGP stanzas and a PGP key ignores age stanzas', async () => {
    const age = AgeIdentities.fromFile(vector('real/sops-nix/age-keys.txt'));
    const pgp = await PgpIdentities.fromArmoredFile(vector('real/sops-nix/key.asc'));
    const stanzas = stanzasOf('real/sops-nix/secrets.yaml');
    expect(await age.unwrap(stanzas.find((s) => s.type === 'pgp')!)).toBeUndefined();
    expect(await pgp.unwrap(stanzas.find((s) => s.type === 'age')!)).toBeUndefined();
  });
});
