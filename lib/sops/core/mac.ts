import { createHash } from 'crypto';

/**
 * The sops MAC (`sops.go:Tree.Encrypt/Decrypt`): SHA-512 over the plaintext bytes of the values, in document order,
 * concatenated without separators, printed as upper-case hex. Comments and nulls are never hashed. With
 * `mac_only_encrypted`, only encrypted values are hashed, after a fixed 32-byte prefix so the two modes never agree.
 */

/** SHA-256("sops"): the prefix hashed first when `mac_only_encrypted` is on. */
const MAC_ONLY_ENCRYPTED_INITIALIZATION = createHash('sha256').update('sops').digest();

/** Accumulates the MAC of a tree. */
export class MacHasher {
  private readonly hash = createHash('sha512');

  constructor(public readonly macOnlyEncrypted: boolean) {
    if (macOnlyEncrypted) {
      this.hash.update(MAC_ONLY_ENCRYPTED_INITIALIZATION);
    }
  }

  /** Adds one value's bytes when the mode says it counts. */
  public add(bytes: Uint8Array, encrypted: boolean): void {
    if (!this.macOnlyEncrypted || encrypted) {
      this.hash.update(bytes);
    }
  }

  /** The MAC as sops writes it before encryption: 128 upper-case hex digits. */
  public digest(): string {
    return this.hash.digest('hex').toUpperCase();
  }
}
