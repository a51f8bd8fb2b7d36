import { SopsError } from '../errors';

/**
 * Normalises an OpenPGP fingerprint the way sops writes it: white space removed, upper case.
 *
 * Accepts the 40 hex digits of a v4 key and the 64 of a v6 key, in either case, with spaces (as `gpg --fingerprint`
 * prints them) or without.
 *
 * @param field where the fingerprint came from, for the error message
 * @throws SopsError when the text is not a fingerprint
 */
export function normalizeFingerprint(input: string, field = 'pgp'): string {
  const fp = input.replace(/\s+/g, '').toUpperCase();
  if (!isFingerprint(fp)) {
    throw new SopsError({
      code: 'key',
      field,
      value: input,
      problem: 'is not an OpenPGP key fingerprint',
      fix: 'use the 40 hex digits that "gpg --list-keys --fingerprint" prints (spaces allowed)',
    });
  }
  return fp;
}

/** True when `text` is a fingerprint already normalised: 40 or 64 upper-case hex digits. */
function isFingerprint(text: string): boolean {
  return /^([0-9A-F]{40}|[0-9A-F]{64})$/.test(text);
}

/** True when `text`, once spaces are removed, looks like an OpenPGP fingerprint in either case. */
export function looksLikeFingerprint(text: string): boolean {
  return isFingerprint(text.replace(/\s+/g, '').toUpperCase());
}
