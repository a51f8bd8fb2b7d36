import { Key, KeyID, createMessage, encrypt } from 'openpgp';
import { SopsError } from '../errors';
import { normalizeFingerprint } from './fingerprint';
import { Recipient, PgpStanza } from './master-key';
import { PGP_ENCRYPT_CONFIG, fingerprintsOf, readArmoredPublicKeys } from './pgp-armor';
import { PgpKeySource } from './pgp-key-source';
import { readText } from './read-text';

/**
 * An OpenPGP public key that data keys are wrapped for, in process (no gpg needed), as sops does: an armored
 * OpenPGP message whose literal data is the raw data key.
 *
 * @example
 *   const recipient = await PgpRecipient.fromArmoredKey(fs.readFileSync('team.asc', 'utf8'));
 *   const stanza = await recipient.wrap(dataKey); // { type: 'pgp', fp: 'FBC7...', enc: '-----BEGIN PGP MESSAGE-----...', createdAt }
 */
export class PgpRecipient implements Recipient {
  /**
   * Reads an armored public key (or key set) and returns the recipient for `fingerprint`.
   *
   * @param fingerprint which key of the set, as 40 hex digits in any case, spaces allowed; may name a subkey
   * @default fingerprint the only key of the set
   * @throws SopsError when the key is missing, ambiguous, or cannot encrypt
   */
  public static async fromArmoredKey(armored: string, fingerprint?: string): Promise<PgpRecipient> {
    const keys = await readArmoredPublicKeys(armored, 'armored public key');
    if (fingerprint === undefined) {
      if (keys.length !== 1) {
        throw new SopsError({
          code: 'key',
          field: 'armored public key',
          value: `${keys.length} keys`,
          problem: 'holds more than one key',
          fix: 'pass the fingerprint of the key to use',
        });
      }
      return PgpRecipient.forKey(keys[0]);
    }
    const fp = normalizeFingerprint(fingerprint);
    const key = keys.find((k) => fingerprintsOf(k).includes(fp));
    if (key === undefined) {
      throw new SopsError({
        code: 'key',
        field: 'pgp',
        value: fp,
        problem: 'is not among the armored public keys given',
        fix: `export it with "gpg --export --armor ${fp}" and pass that text`,
      });
    }
    return PgpRecipient.forKey(key, fp);
  }

  /**
   * The recipient for an openpgp key already read.
   *
   * @param fingerprint the fingerprint to write in the stanza; a subkey's fingerprint selects that subkey
   * @default fingerprint the primary key's fingerprint
   * @throws SopsError when the key has no valid encryption key (expired, revoked, signing only)
   */
  public static async forKey(key: Key, fingerprint?: string): Promise<PgpRecipient> {
    const fp = fingerprint === undefined ? key.getFingerprint().toUpperCase() : normalizeFingerprint(fingerprint);
    const subkey = key.getSubkeys().find((s) => s.getFingerprint().toUpperCase() === fp);
    const keyId = subkey?.getKeyID();
    try {
      await key.getEncryptionKey(keyId);
    } catch (e) {
      throw new SopsError({
        code: 'key',
        field: 'pgp',
        value: fp,
        problem: `cannot be encrypted to: ${e instanceof Error ? e.message : String(e)}`,
        fix: 'use a key with a valid (not expired, not revoked) encryption subkey',
      });
    }
    return new PgpRecipient(fp, key.isPrivate() ? key.toPublic() : key, keyId);
  }

  /** Always `pgp`. */
  public readonly type = 'pgp' as const;
  /** The fingerprint, upper-case hex without spaces, as sops writes it in `fp`. */
  public readonly id: string;

  private readonly key: Key;
  private readonly keyId?: KeyID;

  private constructor(id: string, key: Key, keyId?: KeyID) {
    this.id = id;
    this.key = key;
    this.keyId = keyId;
  }

  /** Encrypts `dataKey` to this key and returns the `sops.pgp[]` entry, dated now. */
  public async wrap(dataKey: Uint8Array): Promise<PgpStanza> {
    const message = await createMessage({ binary: dataKey, format: 'binary' });
    // typed `unknown`: openpgp's declared result depends on stream types from a package that is not installed
    const armored: unknown = await encrypt({
      message,
      encryptionKeys: this.key,
      encryptionKeyIDs: this.keyId !== undefined ? [this.keyId] : undefined,
      format: 'armored',
      config: PGP_ENCRYPT_CONFIG,
    });
    if (typeof armored !== 'string') {
      throw new Error('openpgp returned no armored message');
    }
    return { type: 'pgp', fp: this.id, enc: armored.trimEnd(), createdAt: sopsTimestamp(new Date()) };
  }
}

/**
 * A set of armored OpenPGP public keys to encrypt to, looked up by fingerprint: an alternative to the gpg keyring
 * (for CI, or for keys kept in the repository such as Flux's `.sops.pub.asc`).
 *
 * @example
 *   const keys = await PgpPublicKeys.fromArmoredFile('clusters/prod/.sops.pub.asc');
 *   const recipient = await keys.findRecipient('FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4');
 */
export class PgpPublicKeys implements PgpKeySource {
  /**
   * Reads every public (or private) key block in `text`.
   *
   * @param description names the keys in error messages
   * @throws SopsError when the text holds no key block or a block cannot be read
   */
  public static async fromArmored(text: string, description = 'armored public keys'): Promise<PgpPublicKeys> {
    return new PgpPublicKeys(await readArmoredPublicKeys(text, description), description);
  }

  /**
   * Reads an armored key file, which may hold several blocks.
   *
   * @throws SopsError when the file cannot be read or holds no readable key
   */
  public static async fromArmoredFile(file: string): Promise<PgpPublicKeys> {
    return PgpPublicKeys.fromArmored(readText(file, 'armored public key file', 'key'), `public keys in ${file}`);
  }

  /** Names the keys in error messages. */
  public readonly description: string;

  private readonly keys: readonly Key[];

  private constructor(keys: readonly Key[], description: string) {
    this.keys = keys;
    this.description = description;
  }

  /** The primary-key fingerprints of the keys held, upper case, in file order. */
  public get fingerprints(): string[] {
    return this.keys.map((k) => k.getFingerprint().toUpperCase());
  }

  /** The recipient for `fingerprint` (primary key or subkey), or `undefined` when no key here has it. */
  public async findRecipient(fingerprint: string): Promise<PgpRecipient | undefined> {
    const fp = normalizeFingerprint(fingerprint);
    const key = this.keys.find((k) => fingerprintsOf(k).includes(fp));
    return key === undefined ? undefined : PgpRecipient.forKey(key, fp);
  }
}

/** `created_at` as sops writes it: RFC 3339, UTC, whole seconds. */
export function sopsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
