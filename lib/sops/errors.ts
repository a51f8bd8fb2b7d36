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
 * - `config`: a `.sops.yaml` is missing, unreadable or wrong (a bad field, regular expression or rule), or has no
 *   rule for a file.
 * - `key`: a key or key source is unusable: not an age recipient or OpenPGP fingerprint, not found, unreadable, or
 *   its program (gpg, an age key command) fails.
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
  | 'invalid-options'
  | 'config'
  | 'key';

/** Details of one problem of a {@link SopsError}. */
export interface SopsErrorDetails {
  /** The machine-readable reason. */
  readonly code: SopsErrorCode;
  /**
   * The file the error is about, as the caller named it.
   * @default none: the message starts with "sops file" unless `field` is set
   */
  readonly file?: string;
  /**
   * The value at fault, as a readable path (`stringData.password`, `list[2].x`). Never the value itself.
   * @default none
   */
  readonly keyPath?: string;
  /**
   * The setting at fault: a `.sops.yaml` field (`creation_rules[0].path_regex`) or the name of a key option (`age`).
   * @default none
   */
  readonly field?: string;
  /**
   * The offending setting as written (a regular expression, a key id, a path). Never a secret value or key material.
   * @default none
   */
  readonly value?: string;
  /** What failed, lowercase, without the file name (it is added to the message). */
  readonly problem: string;
  /**
   * How to fix it.
   * @default none
   */
  readonly fix?: string;
}

/** One problem as a line: `<file>: <field> "<value>" <problem>; <fix>`. */
export function formatSopsProblem(details: SopsErrorDetails): string {
  const where = details.file ?? (details.field === undefined ? 'sops file' : undefined);
  const setting = [details.field, details.value === undefined ? undefined : JSON.stringify(details.value)]
    .filter((part) => part !== undefined)
    .join(' ');
  return `${where !== undefined ? `${where}: ` : ''}${setting !== '' ? `${setting} ` : ''}${details.problem}${details.fix ? `; ${details.fix}` : ''}`;
}

/**
 * The error every sops operation throws. The message reads `<file>: <problem>; <fix>` and never contains a plaintext
 * value or key material. A check that finds several problems (a `.sops.yaml` with three bad fields) throws one error
 * holding them all in {@link SopsError.problems}; its own code, file and fields are those of the first.
 */
export class SopsError extends Error {
  /** The machine-readable reason. */
  public readonly code: SopsErrorCode;
  /** The file the error is about, when the caller named it. */
  public readonly file?: string;
  /** The value at fault, as a readable path, when there is one. */
  public readonly keyPath?: string;
  /** The setting at fault, when there is one. */
  public readonly field?: string;
  /** Every problem found, in order; the first is this error's own. */
  public readonly problems: readonly SopsErrorDetails[];

  /** @param details one problem, or several found together (at least one) */
  constructor(details: SopsErrorDetails | readonly SopsErrorDetails[]) {
    const problems: readonly SopsErrorDetails[] = isList(details) ? details : [details];
    const [first] = problems;
    const lines = problems.map(formatSopsProblem);
    super(
      lines.length === 1 ? lines[0] : `${lines.length} problems found:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'SopsError';
    this.code = first.code;
    this.file = first.file;
    this.keyPath = first.keyPath;
    this.field = first.field;
    this.problems = problems;
  }
}

function isList(details: SopsErrorDetails | readonly SopsErrorDetails[]): details is readonly SopsErrorDetails[] {
  return Array.isArray(details);
}
