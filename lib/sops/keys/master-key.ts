/**
 * The contract between the SOPS document engine and the key sources (age, OpenPGP, the gpg keyring).
 *
 * A sops file holds one random 32-byte data key, wrapped once for every master key of every key group. The engine
 * asks key sources to wrap (encrypt) and unwrap (decrypt) it; it never sees private key material.
 */

/** One master key entry of the `sops` metadata block, as read from or written to a file. */
export type MasterKeyStanza = AgeStanza | PgpStanza | ForeignStanza;

/** `sops.age[]`: `{ recipient, enc }`; `enc` is an armored age file holding the data key. */
export interface AgeStanza {
  readonly type: 'age';
  /** The age recipient (`age1...`). */
  readonly recipient: string;
  /** The data key wrapped for that recipient, ASCII-armored age ciphertext. */
  readonly enc: string;
}

/** `sops.pgp[]`: `{ created_at, enc, fp }`; `enc` is an armored OpenPGP message holding the data key. */
export interface PgpStanza {
  readonly type: 'pgp';
  /** The key fingerprint as written by sops (40 hex digits, upper case). */
  readonly fp: string;
  /** The data key wrapped for that key, ASCII-armored OpenPGP message. */
  readonly enc: string;
  /** RFC 3339 time the stanza was written. */
  readonly createdAt: string;
}

/** A master key of a kind this library cannot use (KMS, GCP KMS, Azure Key Vault, Vault...): kept as it is. */
export interface ForeignStanza {
  readonly type: 'kms' | 'gcp_kms' | 'azure_kv' | 'hc_vault' | 'hckms';
  /** The entry exactly as read, so it can be written back unchanged. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Something that can wrap a data key for one master key: an age recipient or an OpenPGP public key. */
export interface Recipient {
  readonly type: 'age' | 'pgp';
  /** The recipient as a user writes it in `.sops.yaml`: `age1...` or a PGP fingerprint. */
  readonly id: string;
  /** Wraps `dataKey` (a data key, or a Shamir share of one) for this recipient. */
  wrap(dataKey: Uint8Array): Promise<AgeStanza | PgpStanza>;
}

/** Something holding private keys that may unwrap stanzas: age identities, an armored PGP key, the gpg keyring. */
export interface KeyUnwrapper {
  /** A short description for error messages (`age identities from SOPS_AGE_KEY_FILE`), never key material. */
  readonly description: string;
  /**
   * Returns the wrapped bytes when this unwrapper holds a key for `stanza`; `undefined` when it does not hold one.
   * Throws only when it holds the key and the stanza is corrupt.
   */
  unwrap(stanza: MasterKeyStanza): Promise<Uint8Array | undefined>;
}
