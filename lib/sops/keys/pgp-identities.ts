import { KeyID, PrivateKey, decrypt, decryptKey, readMessage } from 'openpgp';
import { SopsError } from '../errors';
import { KeyUnwrapper, MasterKeyStanza, PgpStanza } from './master-key';
import { PGP_DECRYPT_CONFIG, readArmoredPrivateKeys } from './pgp-armor';
import { readText } from './read-text';

/** Options for {@link PgpIdentities}. */
export interface PgpIdentitiesOptions {
  /**
   * Names the keys in error messages.
   * @default "armored private keys" (or "private keys in <file>")
   */
  readonly description?: string;
  /**
   * The passphrase of protected keys. Keys it does not open stay locked, and a stanza that only they could unwrap
   * fails with a message saying so.
   * @default none: only unprotected keys are used
   */
  readonly passphrase?: string;
}

/** The key ID OpenPGP writes for a hidden recipient. */
const WILDCARD_KEY_ID = '0000000000000000';

/**
 * OpenPGP private keys, in process (no gpg needed), that unwrap the `sops.pgp[]` stanzas encrypted to them.
 *
 * A stanza is matched to a key by the key IDs in the OpenPGP message, as gpg does; the stanza's `fp` is not needed.
 * RSA keys down to 1024 bits are accepted for decryption.
 *
 * @example
 *   const identities = await PgpIdentities.fromArmoredFile('sops_functional_tests_key.asc');
 *   const dataKey = await identities.unwrap(stanza);
 */
export class PgpIdentities implements KeyUnwrapper {
  /**
   * Reads every private key from armored text, which may hold several `PRIVATE KEY BLOCK`s.
   *
   * @throws SopsError when no block can be read
   */
  public static async fromArmored(text: string, options: PgpIdentitiesOptions = {}): Promise<PgpIdentities> {
    const description = options.description ?? 'armored private keys';
    const keys = await readArmoredPrivateKeys(text, description);
    const opened = await Promise.all(keys.map((key) => unlock(key, options.passphrase)));
    return new PgpIdentities(opened, description);
  }

  /**
   * Reads every private key from an armored key file (`gpg --export-secret-keys --armor`).
   *
   * @throws SopsError when the file cannot be read or holds no readable private key
   */
  public static async fromArmoredFile(file: string, options: PgpIdentitiesOptions = {}): Promise<PgpIdentities> {
    const text = readText(file, 'armored private key file', 'key');
    return PgpIdentities.fromArmored(text, { description: `private keys in ${file}`, ...options });
  }

  /** Names the keys in error messages. */
  public readonly description: string;

  private readonly keys: readonly PrivateKey[];

  private constructor(keys: readonly PrivateKey[], description: string) {
    this.keys = keys;
    this.description = description;
  }

  /** The primary-key fingerprints of the keys held, upper case, in file order. */
  public get fingerprints(): string[] {
    return this.keys.map((k) => k.getFingerprint().toUpperCase());
  }

  /**
   * Unwraps a PGP stanza with the key it was encrypted to, when that key is here.
   *
   * @returns the data key (or Shamir share), or `undefined` when the stanza is not PGP or is for another key
   * @throws SopsError when the key is here but locked, or the stanza cannot be decrypted
   */
  public async unwrap(stanza: MasterKeyStanza): Promise<Uint8Array | undefined> {
    if (stanza.type !== 'pgp') {
      return undefined;
    }
    let message;
    try {
      message = await readMessage({ armoredMessage: stanza.enc, config: PGP_DECRYPT_CONFIG });
    } catch (e) {
      return this.holds(stanza.fp) ? this.corrupt(stanza, e) : undefined;
    }
    const recipients = message.getEncryptionKeyIDs();
    const hidden = recipients.some((id) => id.toHex() === WILDCARD_KEY_ID);
    const candidates = hidden ? this.keys : this.keys.filter((key) => hasAnyKeyId(key, recipients));
    if (candidates.length === 0) {
      return undefined;
    }
    const usable = candidates.filter((key) => key.isDecrypted());
    if (usable.length === 0) {
      throw new SopsError({
        code: 'key',
        field: 'sops.pgp[].enc',
        value: stanza.fp,
        problem: `is encrypted to a key in ${this.description} that is protected by a passphrase`,
        fix: 'pass the passphrase option, or import the key into gpg and use the gpg keyring',
      });
    }
    try {
      // typed `unknown`: openpgp's declared result depends on stream types from a package that is not installed
      const result: unknown = await decrypt({
        message,
        decryptionKeys: usable,
        format: 'binary',
        config: PGP_DECRYPT_CONFIG,
      });
      const data = (result as { data?: unknown }).data;
      if (!(data instanceof Uint8Array) || data.length === 0) {
        return this.corrupt(stanza, new Error('it holds no data key'));
      }
      return data;
    } catch (e) {
      return hidden ? undefined : this.corrupt(stanza, e);
    }
  }

  private holds(fingerprint: string): boolean {
    const fp = fingerprint.replace(/\s+/g, '').toUpperCase();
    return this.keys.some((k) => [k, ...k.getSubkeys()].some((s) => s.getFingerprint().toUpperCase() === fp));
  }

  private corrupt(stanza: PgpStanza, cause: unknown): never {
    throw new SopsError({
      code: 'key',
      field: 'sops.pgp[].enc',
      value: stanza.fp,
      problem: `cannot be unwrapped with ${this.description}: ${cause instanceof Error ? cause.message : String(cause)}`,
      fix: 'the encrypted file is damaged; restore it from version control or encrypt it again',
    });
  }
}

function hasAnyKeyId(key: PrivateKey, ids: readonly KeyID[]): boolean {
  return key.getKeyIDs().some((own) => ids.some((id) => id.equals(own)));
}

async function unlock(key: PrivateKey, passphrase: string | undefined): Promise<PrivateKey> {
  if (passphrase === undefined || key.isDecrypted()) {
    return key;
  }
  try {
    return await decryptKey({ privateKey: key, passphrase, config: PGP_DECRYPT_CONFIG });
  } catch {
    return key;
  }
}
