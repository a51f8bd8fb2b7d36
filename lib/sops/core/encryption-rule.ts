import { Re2Pattern, compileRe2 } from '../go/re2';

/**
 * Which values sops encrypts (`sops.go:Tree.shouldBeEncrypted`); the value of each member is its field name in
 * `.sops.yaml` creation rules and in the `sops:` metadata. Members are in the order sops checks them.
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

/**
 * The one encryption rule of a sops file or creation rule: a kind and its suffix or Go regular expression (RE2
 * syntax, matched unanchored against each key or comment). The same type serves `.sops.yaml`, the file metadata
 * and the encrypt calls.
 */
export interface EncryptionRule {
  /** Which rule. */
  readonly kind: EncryptionRuleKind;
  /** The suffix, or the regular expression in Go RE2 syntax. */
  readonly pattern: string;
}

/** The suffix sops uses when no rule is given. */
const DEFAULT_UNENCRYPTED_SUFFIX = '_unencrypted';

/** The default rule: encrypt everything except values under a key ending in `_unencrypted`. */
export const DEFAULT_ENCRYPTION_RULE: EncryptionRule = {
  kind: EncryptionRuleKind.UNENCRYPTED_SUFFIX,
  pattern: DEFAULT_UNENCRYPTED_SUFFIX,
};

/** All rule kinds, in the order sops checks them. */
export const RULE_KINDS: readonly EncryptionRuleKind[] = Object.values(EncryptionRuleKind);

/** True when the rule's pattern is a regular expression (not a suffix). */
export function isRegexRule(kind: EncryptionRuleKind): boolean {
  return kind.endsWith('_regex');
}

/** A rule ready to apply: regexes compiled once. */
export interface CompiledRule {
  readonly rule: EncryptionRule;
  readonly regex?: Re2Pattern;
}

/** Compiles a rule; throws `Re2SyntaxError` for an unusable regex. */
export function compileRule(rule: EncryptionRule): CompiledRule {
  return { rule, regex: isRegexRule(rule.kind) ? compileRe2(rule.pattern) : undefined };
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
    case EncryptionRuleKind.UNENCRYPTED_SUFFIX:
      return !path.some((key) => key.endsWith(rule.pattern));
    case EncryptionRuleKind.ENCRYPTED_SUFFIX:
      return path.some((key) => key.endsWith(rule.pattern));
    case EncryptionRuleKind.UNENCRYPTED_REGEX:
      return !path.some((key) => regex!.test(key));
    case EncryptionRuleKind.ENCRYPTED_REGEX:
      return path.some((key) => regex!.test(key));
    case EncryptionRuleKind.UNENCRYPTED_COMMENT_REGEX:
      return !comments.some((level) => level.some((c) => regex!.test(c)));
    case EncryptionRuleKind.ENCRYPTED_COMMENT_REGEX: {
      // The marker comment itself stays readable: when testing a comment, its own line (the last one seen) is skipped.
      const lastLevel = comments.length - 1;
      return comments.some((level, i) =>
        level.some((c, j) => !(isComment && i === lastLevel && j === level.length - 1) && regex!.test(c)),
      );
    }
  }
}
