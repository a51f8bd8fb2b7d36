import { SopsError } from '../errors';
import { AgeRecipient } from './age-recipient';
import { looksLikeFingerprint, normalizeFingerprint } from './fingerprint';
import { GpgKeyring } from './gpg-keyring';
import { AgeStanza, PgpStanza, Recipient } from './master-key';
import { PgpKeySource } from './pgp-key-source';

/** Where {@link parseRecipient} and {@link resolveRecipient} look for PGP public keys. */
export interface RecipientOptions {
  /**
   * Sources of PGP public keys, tried in order: armored keys (`PgpPublicKeys`) and/or the gpg keyring.
   * @default the gpg keyring (`new GpgKeyring()`)
   */
  readonly pgpKeys?: PgpKeySource | readonly PgpKeySource[];
  /**
   * Where the recipient was written, for error messages (`creation_rules[0].age`).
   * @default "age" or "pgp"
   */
  readonly field?: string;
}

/**
 * Parses a recipient as written in `.sops.yaml`: an age recipient (`age1...`) or a PGP fingerprint (40 hex digits,
 * any case, spaces allowed).
 *
 * Age recipients are checked at once. A PGP public key is looked up in `options.pgpKeys` the first time the
 * recipient wraps a key; use {@link resolveRecipient} to look it up now.
 *
 * @throws SopsError when `id` is neither, or is a malformed age recipient
 */
export function parseRecipient(id: string, options: RecipientOptions = {}): Recipient {
  const text = id.trim();
  if (looksLikeFingerprint(text)) {
    return new LazyPgpRecipient(normalizeFingerprint(text, options.field), options);
  }
  if (text.startsWith('age1') || text.startsWith('ssh-')) {
    return AgeRecipient.fromString(text, options.field);
  }
  throw new SopsError({
    code: 'key',
    field: options.field ?? 'recipient',
    value: id,
    problem: 'is neither an age recipient nor an OpenPGP fingerprint',
    fix: 'use an age public key (age1...) or the 40 hex digits of a PGP key fingerprint',
  });
}

/**
 * Like {@link parseRecipient}, but PGP public keys are looked up now, so a missing key is reported before any
 * encryption starts.
 *
 * @throws SopsError when `id` is not a recipient, or no source holds the PGP key
 */
export async function resolveRecipient(id: string, options: RecipientOptions = {}): Promise<Recipient> {
  const recipient = parseRecipient(id, options);
  return recipient instanceof LazyPgpRecipient ? recipient.resolve() : recipient;
}

/** A PGP fingerprint whose public key is looked up on first use. */
class LazyPgpRecipient implements Recipient {
  public readonly type = 'pgp' as const;
  public readonly id: string;
  private readonly sources: readonly PgpKeySource[];
  private readonly field: string;
  private found?: Promise<Recipient>;

  constructor(fingerprint: string, options: RecipientOptions) {
    this.id = fingerprint;
    const sources = options.pgpKeys ?? new GpgKeyring();
    this.sources = Array.isArray(sources) ? sources : [sources as PgpKeySource];
    this.field = options.field ?? 'pgp';
  }

  public resolve(): Promise<Recipient> {
    this.found ??= this.lookUp();
    return this.found;
  }

  public async wrap(dataKey: Uint8Array): Promise<AgeStanza | PgpStanza> {
    return (await this.resolve()).wrap(dataKey);
  }

  private async lookUp(): Promise<Recipient> {
    for (const source of this.sources) {
      const recipient = await source.findRecipient(this.id);
      if (recipient !== undefined) {
        return recipient;
      }
    }
    const where = this.sources.map((s) => s.description).join(', ') || 'no key source';
    throw new SopsError({
      code: 'key',
      field: this.field,
      value: this.id,
      problem: `has no OpenPGP public key in ${where}`,
      fix: `import the key ("gpg --import key.asc") or pass its armored public key (PgpPublicKeys.fromArmoredFile)`,
    });
  }
}
