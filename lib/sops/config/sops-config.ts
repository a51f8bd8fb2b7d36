/**
 * Which values sops encrypts; the value of each member is the `.sops.yaml` / `sops:` metadata field name.
 *
 * @see https://getsops.io/docs/#encrypting-only-parts-of-a-file
 */
export enum EncryptionRuleKind {
  /** Values under keys ending with the suffix stay plain text (sops' default, with `_unencrypted`). */
  UNENCRYPTED_SUFFIX = 'unencrypted_suffix',
  /** Only values under keys ending with the suffix are encrypted. */
  ENCRYPTED_SUFFIX = 'encrypted_suffix',
  /** Values under keys matching the regular expression stay plain text. */
  UNENCRYPTED_REGEX = 'unencrypted_regex',
  /** Only values under keys matching the regular expression are encrypted (`^(data|stringData)$` for Secrets). */
  ENCRYPTED_REGEX = 'encrypted_regex',
  /** Values after a comment matching the regular expression stay plain text. */
  UNENCRYPTED_COMMENT_REGEX = 'unencrypted_comment_regex',
  /** Only values after a comment matching the regular expression are encrypted. */
  ENCRYPTED_COMMENT_REGEX = 'encrypted_comment_regex',
}

/** The one encryption rule of a creation rule: a kind and its suffix or Go regular expression. */
export interface EncryptionRule {
  /** Which rule. */
  readonly kind: EncryptionRuleKind;
  /** The suffix, or the regular expression in Go RE2 syntax. */
  readonly pattern: string;
}

/** One key group as written in `.sops.yaml`: age recipients and PGP fingerprints. */
export interface SopsKeyGroup {
  /** age recipients (`age1...`). */
  readonly age: readonly string[];
  /** PGP fingerprints, normalised to upper-case hex without spaces. */
  readonly pgp: readonly string[];
}

/**
 * One entry of `creation_rules`, as written (keys not yet looked up).
 *
 * A rule with flat `age:` / `pgp:` fields has one key group; `key_groups` gives several (the data key is then split
 * with Shamir's scheme).
 */
export interface SopsConfigRule {
  /**
   * The Go regular expression matched against the file path (relative to the `.sops.yaml` folder).
   * @default none: the rule matches every file
   */
  readonly pathRegex?: string;
  /** The key groups; empty when the rule names no key. */
  readonly keyGroups: readonly SopsKeyGroup[];
  /**
   * How many key groups are needed to decrypt, with several groups.
   * @default the number of groups
   */
  readonly shamirThreshold?: number;
  /**
   * Which values are encrypted.
   * @default none: sops uses `unencrypted_suffix: _unencrypted`
   */
  readonly encryptionRule?: EncryptionRule;
  /**
   * Whether the MAC covers only the encrypted values.
   * @default false
   */
  readonly macOnlyEncrypted?: boolean;
}

/** A `.sops.yaml` file as read: where it is and its creation rules, in order. */
export interface SopsConfig {
  /** The absolute path of the `.sops.yaml` file. */
  readonly file: string;
  /** The `creation_rules`, in file order; empty when the file has none. */
  readonly rules: readonly SopsConfigRule[];
}
