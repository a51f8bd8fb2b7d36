import { compileRe2 } from './re2';

/**
 * Which values sops encrypts (`sops.go:Tree.shouldBeEncrypted`). A file carries exactly one rule; without one, sops
 * uses (and writes) `unencrypted_suffix: _unencrypted`.
 */

/** The kinds of encryption rule, named after their option (the metadata key is the snake_case form). */
export type EncryptionRuleKind =
  | 'unencryptedSuffix'
  | 'encryptedSuffix'
  | 'unencryptedRegex'
  | 'encryptedRegex'
  | 'unencryptedCommentRegex'
  | 'encryptedCommentRegex';

/** The one encryption rule of a sops file. Regexes are Go RE2 syntax, matched unanchored against each key. */
export interface EncryptionRule {
  readonly kind: EncryptionRuleKind;
  readonly value: string;
}

/** The suffix sops uses when no rule is given. */
export const DEFAULT_UNENCRYPTED_SUFFIX = '_unencrypted';

/** The default rule: encrypt everything except values under a key ending in `_unencrypted`. */
export const DEFAULT_ENCRYPTION_RULE: EncryptionRule = { kind: 'unencryptedSuffix', value: DEFAULT_UNENCRYPTED_SUFFIX };

/** The metadata key of each rule kind, in the order sops checks them. */
export const RULE_METADATA_KEYS: Readonly<Record<EncryptionRuleKind, string>> = {
  unencryptedSuffix: 'unencrypted_suffix',
  encryptedSuffix: 'encrypted_suffix',
  unencryptedRegex: 'unencrypted_regex',
  encryptedRegex: 'encrypted_regex',
  unencryptedCommentRegex: 'unencrypted_comment_regex',
  encryptedCommentRegex: 'encrypted_comment_regex',
};

/** All rule kinds. */
export const RULE_KINDS = Object.keys(RULE_METADATA_KEYS) as EncryptionRuleKind[];

/** A rule ready to apply: regexes compiled once. */
export interface CompiledRule {
  readonly rule: EncryptionRule;
  readonly regex?: RegExp;
}

/** Compiles a rule; throws `Re2SyntaxError` for an unusable regex. */
export function compileRule(rule: EncryptionRule): CompiledRule {
  return { rule, regex: rule.kind.endsWith('Regex') ? compileRe2(rule.value) : undefined };
}

/**
 * Decides whether a leaf is encrypted. `path` holds the mapping keys from the document root (list indices are not
 * part of it); `comments` holds, per enclosing level, the comments seen since that level's last non-comment item.
 */
export function shouldBeEncrypted(
  compiled: CompiledRule,
  path: readonly string[],
  comments: readonly (readonly string[])[],
  isComment: boolean,
): boolean {
  const { rule, regex } = compiled;
  switch (rule.kind) {
    case 'unencryptedSuffix':
      return !path.some((key) => key.endsWith(rule.value));
    case 'encryptedSuffix':
      return path.some((key) => key.endsWith(rule.value));
    case 'unencryptedRegex':
      return !path.some((key) => regex!.test(key));
    case 'encryptedRegex':
      return path.some((key) => regex!.test(key));
    case 'unencryptedCommentRegex':
      return !comments.some((level) => level.some((c) => regex!.test(c)));
    case 'encryptedCommentRegex': {
      // The marker comment itself stays readable: when testing a comment, its own line (the last one seen) is skipped.
      const lastLevel = comments.length - 1;
      return comments.some((level, i) =>
        level.some((c, j) => !(isComment && i === lastLevel && j === level.length - 1) && regex!.test(c)),
      );
    }
  }
}
