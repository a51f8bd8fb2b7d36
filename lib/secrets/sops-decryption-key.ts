import { FluxValidationError, Issue } from '../errors';
import { CheckedRecipients, SopsRecipient, checkRecipients, checkedAgeRecipient, checkedPgpFingerprint } from './sops-recipient';

/**
 * The key the cluster decrypts SOPS files with, declared once per repository: its public halves (age recipient and/or
 * PGP fingerprint) and the Flux Secret in the Flux namespace that holds the private key.
 *
 * From it, exactly the applications whose folders hold encrypted files get `decryption` on their Flux Kustomization,
 * every encrypted file is checked to be decryptable by it, and `.sops.yaml` creation rules can be generated.
 *
 * @see https://fluxcd.io/flux/guides/mozilla-sops/
 */
export interface SopsDecryptionKey {
  /**
   * The age recipient (`age1...`) whose identity is in the Secret (key `age.agekey`).
   * @default no age key
   */
  readonly ageRecipient?: string;
  /**
   * The fingerprint of the PGP key in the Secret (key `sops.asc`).
   * @default no PGP key
   */
  readonly pgpFingerprint?: string;
  /**
   * Name of the Secret (in the Flux namespace) holding the private key, created out of band
   * (`kubectl create secret generic sops-gpg --from-file=sops.asc=...`).
   * @default "sops-age" with an age recipient, else "sops-gpg"
   */
  readonly secretName?: string;
  /**
   * Keys the repository's files are encrypted for beside the cluster's (an admin's age key or PGP key), written into
   * the `.sops.yaml` rules of its folders by `generateSopsConfig` and `cdk8s-flux sops init`. The cluster never
   * needs them.
   * @default none: the files are encrypted for the cluster key only
   */
  readonly extraRecipients?: readonly SopsRecipient[];
}

/** A repository's SOPS decryption key, checked, with its defaults applied. */
export interface ResolvedSopsKey {
  /** The age recipient, when the cluster decrypts with age. */
  readonly ageRecipient?: string;
  /** The OpenPGP fingerprint, upper case without spaces, when the cluster decrypts with PGP. */
  readonly pgpFingerprint?: string;
  /** The Flux Secret holding the private key. */
  readonly secretName: string;
  /**
   * The keys the files are also encrypted for, checked.
   * @default none
   */
  readonly extraRecipients?: CheckedRecipients;
}

/**
 * Checks a declared key with the SOPS engine's own parsers (so every age recipient, `age1pq1...` included, and every
 * v4 or v6 OpenPGP fingerprint the engine encrypts to is accepted) and applies the defaults.
 *
 * @param constructPath the construct that declares it, for the issues
 * @throws FluxValidationError naming every problem of the key
 */
export function resolveSopsKey(key: SopsDecryptionKey, constructPath: string): ResolvedSopsKey {
  const issues: Issue[] = [];
  if (key.ageRecipient === undefined && key.pgpFingerprint === undefined) {
    issues.push({
      constructPath,
      field: 'sops',
      message: 'names no key',
      fix: 'set ageRecipient ("age1...") and/or pgpFingerprint (40 or 64 hex digits)',
    });
  }
  const ageRecipient =
    key.ageRecipient === undefined
      ? undefined
      : checkedAgeRecipient(key.ageRecipient, { constructPath, field: 'sops.ageRecipient' }, issues);
  const pgpFingerprint =
    key.pgpFingerprint === undefined
      ? undefined
      : checkedPgpFingerprint(key.pgpFingerprint, { constructPath, field: 'sops.pgpFingerprint' }, issues);
  const extraRecipients = checkRecipients(key.extraRecipients ?? [], { constructPath, field: 'sops.extraRecipients' }, issues);
  if (issues.length > 0) throw new FluxValidationError(issues);
  return {
    ageRecipient,
    pgpFingerprint,
    secretName: key.secretName ?? (ageRecipient !== undefined ? 'sops-age' : 'sops-gpg'),
    ...(extraRecipients.age.length + extraRecipients.pgp.length > 0 ? { extraRecipients } : {}),
  };
}
