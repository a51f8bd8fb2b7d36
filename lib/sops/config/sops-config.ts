import { EncryptionRule } from '../core/encryption-rule';

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
