import { Recipient } from './master-key';

/**
 * Somewhere OpenPGP public keys can be found by fingerprint: a set of armored public keys, or the user's gpg keyring.
 *
 * `.sops.yaml` names PGP keys by fingerprint only; a key source turns each fingerprint into a {@link Recipient}.
 */
export interface PgpKeySource {
  /** A short description for error messages (`gpg keyring at ~/.gnupg`). */
  readonly description: string;
  /**
   * Returns a recipient that wraps data keys for the key with `fingerprint` (normalised: 40 or 64 upper-case hex
   * digits), or `undefined` when this source has no such key.
   */
  findRecipient(fingerprint: string): Promise<Recipient | undefined>;
}
