import { Issue } from '../errors';
import { SopsError } from '../sops/errors';
import { AgeRecipient } from '../sops/keys/age-recipient';
import { normalizeFingerprint } from '../sops/keys/fingerprint';

/** Where a key is declared, for the issue when the engine refuses it. */
type KeyPlace = Pick<Issue, 'constructPath' | 'file' | 'field'>;

/** The value parsed by an engine parser, or undefined with the issue for it when the engine refuses it. */
function parsed(parse: () => string, issue: Omit<Issue, 'message' | 'fix'>, message: string, fix: string, issues: Issue[]): string | undefined {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof SopsError)) throw e;
    issues.push({ ...issue, message, fix });
    return undefined;
  }
}

/**
 * An age recipient checked with the engine's own parser (so `age1pq1...` is accepted as the engine encrypts to it),
 * or undefined with its issue pushed to `issues`.
 */
export function checkedAgeRecipient(value: string, where: KeyPlace, issues: Issue[]): string | undefined {
  return parsed(
    () => AgeRecipient.fromString(value).id,
    { ...where, value },
    'is not an age recipient',
    'use the public key printed by `age-keygen -y key.txt` ("age1..." or "age1pq1...")',
    issues,
  );
}

/**
 * An OpenPGP fingerprint checked and normalised by the engine (v4 or v6, upper case, no spaces), or undefined with its
 * issue pushed to `issues`.
 */
export function checkedPgpFingerprint(value: string, where: KeyPlace, issues: Issue[]): string | undefined {
  return parsed(
    () => normalizeFingerprint(value),
    { ...where, value },
    'is not a PGP fingerprint',
    'use the 40 hex digits (64 for a v6 key) printed by `gpg --list-keys --with-colons` (fpr line)',
    issues,
  );
}

/** The kinds of key a `.sops.yaml` rule encrypts for. */
export enum SopsRecipientKind {
  /** An age recipient, `age1...`. */
  AGE = 'age',
  /** An OpenPGP key, by fingerprint. */
  PGP = 'pgp',
}

/**
 * A key that SOPS files are encrypted for beside the cluster's: an admin's age key or PGP key, so that a person can
 * decrypt and edit what the cluster decrypts. Checked with the engine's parsers when it is used.
 *
 * @example
 *   generateSopsConfig(app, { extraRecipients: [SopsRecipient.pgp('0A1B...'), SopsRecipient.age('age1...')] });
 */
export class SopsRecipient {
  /** An age recipient (`age1...`, as `age-keygen -y` prints it). */
  public static age(recipient: string): SopsRecipient {
    return new SopsRecipient(SopsRecipientKind.AGE, recipient);
  }

  /** An OpenPGP key by its fingerprint (40 hex digits, 64 for a v6 key; spaces allowed). */
  public static pgp(fingerprint: string): SopsRecipient {
    return new SopsRecipient(SopsRecipientKind.PGP, fingerprint);
  }

  private constructor(
    /** Which kind of key it is. */
    public readonly kind: SopsRecipientKind,
    /** The recipient or fingerprint, as given. */
    public readonly value: string,
  ) {}
}

/** Extra recipients split by kind, as a `.sops.yaml` key group writes them. */
export interface CheckedRecipients {
  /** age recipients, in the order given. */
  readonly age: readonly string[];
  /** PGP fingerprints, normalised, in the order given. */
  readonly pgp: readonly string[];
}

/**
 * `recipients` checked with the engine's parsers; each refused one is an issue naming `field[i]`.
 * @param where the construct and field that declare them (`extraRecipients`)
 */
export function checkRecipients(recipients: readonly SopsRecipient[], where: KeyPlace, issues: Issue[]): CheckedRecipients {
  const age: string[] = [];
  const pgp: string[] = [];
  recipients.forEach((r, i) => {
    const place = { ...where, field: `${where.field}[${i}]` };
    if (r.kind === SopsRecipientKind.AGE) {
      const checked = checkedAgeRecipient(r.value, place, issues);
      if (checked !== undefined && !age.includes(checked)) age.push(checked);
    } else {
      const checked = checkedPgpFingerprint(r.value, place, issues);
      if (checked !== undefined && !pgp.includes(checked)) pgp.push(checked);
    }
  });
  return { age, pgp };
}
