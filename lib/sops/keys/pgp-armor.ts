import { Key, PartialConfig, PrivateKey, readKeys, readPrivateKeys } from 'openpgp';
import { SopsError } from '../errors';

/**
 * openpgp settings for reading keys and decrypting stanzas: RSA keys down to 1024 bits are accepted (old sops test
 * keys and old user keys use them). openpgp v6 refuses them below 2047 bits where it applies the limit; encrypting
 * new data keys keeps that default, so RSA-1024 keys can still be read from but not written to.
 */
export const PGP_DECRYPT_CONFIG: PartialConfig = { minRSABits: 1024 };

/**
 * openpgp settings for wrapping data keys: classic SEIPD v1 packets (no AEAD), which GnuPG 2.2, sops' go-crypto and
 * Flux all decrypt.
 */
export const PGP_ENCRYPT_CONFIG: PartialConfig = { aeadProtect: false };

/** The kinds of ASCII-armored OpenPGP blocks a key file may hold. */
export type ArmorKind = 'PUBLIC KEY BLOCK' | 'PRIVATE KEY BLOCK';

/**
 * Cuts every `-----BEGIN PGP <kind>-----` ... `-----END PGP <kind>-----` block of the given kinds out of `text`, in
 * file order; text between blocks (comments, other blocks) is ignored. Key files exported key by key often hold
 * several blocks.
 */
export function armoredBlocks(text: string, ...kinds: ArmorKind[]): string[] {
  const pattern = new RegExp(`-----BEGIN PGP (${kinds.join('|')})-----[\\s\\S]*?-----END PGP \\1-----`, 'g');
  return [...text.replace(/\r\n/g, '\n').matchAll(pattern)].map((m) => `${m[0]}\n`);
}

/**
 * Reads every private key of every armored private-key block in `text`.
 *
 * @param source names the text in error messages
 * @throws SopsError when there is no private key block or a block is not a key openpgp can read
 */
export async function readArmoredPrivateKeys(text: string, source: string): Promise<PrivateKey[]> {
  const blocks = armoredBlocks(text, 'PRIVATE KEY BLOCK');
  if (blocks.length === 0) {
    throw new SopsError({
      code: 'key',
      file: source,
      field: 'armored private key',
      problem: 'holds no "-----BEGIN PGP PRIVATE KEY BLOCK-----"',
      fix: 'export the key with "gpg --export-secret-keys --armor <fingerprint>"',
    });
  }
  const keys: PrivateKey[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      keys.push(...(await readPrivateKeys({ armoredKeys: block, config: PGP_DECRYPT_CONFIG })));
    } catch (e) {
      unreadable(source, 'private', index, e);
    }
  }
  return keys;
}

/**
 * Reads the public keys of every armored public- or private-key block in `text`, in file order, each key once
 * (private keys give their public part).
 *
 * @param source names the text in error messages
 * @throws SopsError when there is no key block or a block cannot be read
 */
export async function readArmoredPublicKeys(text: string, source: string): Promise<Key[]> {
  const blocks = armoredBlocks(text, 'PUBLIC KEY BLOCK', 'PRIVATE KEY BLOCK');
  if (blocks.length === 0) {
    throw new SopsError({
      code: 'key',
      file: source,
      field: 'armored public key',
      problem: 'holds no "-----BEGIN PGP PUBLIC KEY BLOCK-----"',
      fix: 'export the key with "gpg --export --armor <fingerprint>"',
    });
  }
  const keys: Key[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      for (const key of await readKeys({ armoredKeys: block, config: PGP_DECRYPT_CONFIG })) {
        if (!keys.some((k) => k.getFingerprint() === key.getFingerprint())) {
          keys.push(key.isPrivate() ? key.toPublic() : key);
        }
      }
    } catch (e) {
      unreadable(source, 'public', index, e);
    }
  }
  return keys;
}

/** The upper-case fingerprints of a key and of all its subkeys. */
export function fingerprintsOf(key: Key): string[] {
  return [key.getFingerprint(), ...key.getSubkeys().map((s) => s.getFingerprint())].map((f) => f.toUpperCase());
}

function unreadable(source: string, kind: string, index: number, cause: unknown): never {
  throw new SopsError({
    code: 'key',
    file: source,
    field: `armored ${kind} key block ${index + 1}`,
    problem: `cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
    fix: `export the key again with gpg --armor`,
  });
}
