/**
 * What went wrong while reading, decrypting or encrypting a sops file. Callers branch on it instead of on message text.
 *
 * - `parse`: the text is not valid YAML/JSON, or a document is not a mapping.
 * - `not-encrypted`: the file has no `sops` metadata.
 * - `metadata`: the `sops` metadata is present but malformed.
 * - `no-key`: none of the given key sources can recover the data key.
 * - `value-decrypt`: a value fails AES-GCM authentication or is not in the `ENC[...]` format.
 * - `no-mac`: the file has no MAC, so its contents cannot be authenticated.
 * - `mac-decrypt`: the MAC itself cannot be decrypted (it, or `lastmodified`, was changed).
 * - `mac-mismatch`: the values do not match the MAC (a value was changed, added, removed or moved).
 * - `unsupported`: the plaintext holds something sops cannot encrypt (a non-string key, an integer beyond int64).
 * - `invalid-options`: the options passed to an encrypt call are contradictory or incomplete.
 */
export type SopsErrorCode =
  | 'parse'
  | 'not-encrypted'
  | 'metadata'
  | 'no-key'
  | 'value-decrypt'
  | 'no-mac'
  | 'mac-decrypt'
  | 'mac-mismatch'
  | 'unsupported'
  | 'invalid-options';

/** Details of a {@link SopsError}. */
export interface SopsErrorDetails {
  /** The machine-readable reason. */
  readonly code: SopsErrorCode;
  /** The file the error is about, as the caller named it. */
  readonly file?: string;
  /** The value at fault, as a readable path (`stringData.password`, `list[2].x`). Never the value itself. */
  readonly keyPath?: string;
  /** What failed, lowercase, without the file name (it is added to the message). */
  readonly problem: string;
  /** How to fix it. */
  readonly fix?: string;
}

/**
 * The error every sops operation throws. The message reads `<file>: <problem>; <fix>` and never contains a plaintext
 * value or key material.
 */
export class SopsError extends Error {
  /** The machine-readable reason. */
  public readonly code: SopsErrorCode;
  /** The file the error is about, when the caller named it. */
  public readonly file?: string;
  /** The value at fault, as a readable path, when there is one. */
  public readonly keyPath?: string;

  constructor(details: SopsErrorDetails) {
    const where = details.file ?? 'sops file';
    super(`${where}: ${details.problem}${details.fix ? `; ${details.fix}` : ''}`);
    this.name = 'SopsError';
    this.code = details.code;
    this.file = details.file;
    this.keyPath = details.keyPath;
  }
}
