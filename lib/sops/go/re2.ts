import { RE2JS, RE2JSException } from 're2js';
import { SopsError, SopsErrorDetails } from '../errors';

/**
 * Go regular expressions (RE2 syntax), as sops reads them in `.sops.yaml` (`path_regex`) and in the encryption rules
 * (`encrypted_regex`, `unencrypted_comment_regex`, ...), compiled by `re2js`, a port of Go's `regexp` package: the
 * same syntax (inline flags anywhere, `(?P<name>...)`, `\Q...\E`, POSIX classes, `.` not matching `\n` only) and the
 * same guarantee, matching in time linear in the input, so a pattern read from a file cannot stall the program the way
 * a backtracking JavaScript `RegExp` can (`^(a+)+$`). Like Go's `regexp.MatchString`, matching is unanchored: write
 * `^...$` to match a whole key or path.
 *
 * Rejected, as Go rejects them: look-around, back-references, and anything else RE2 does not parse.
 */

/** A compiled Go (RE2) pattern. */
export interface Re2Pattern {
  /** Whether the pattern matches anywhere in `text`, as Go's `regexp.MatchString`. */
  test(text: string): boolean;
}

/** Raised by {@link compileRe2} for a pattern that cannot be used. */
export class Re2SyntaxError extends Error {
  constructor(
    /** The pattern as written. */
    public readonly pattern: string,
    /** What is wrong, e.g. `uses a back-reference, which ...`. */
    public readonly problem: string,
    /** How to fix it. */
    public readonly fix: string,
  ) {
    super(`regular expression ${JSON.stringify(pattern)} ${problem}`);
    this.name = 'Re2SyntaxError';
  }
}

/** Where a pattern of a `.sops.yaml` was written, for error messages. */
export type PatternSite = Pick<SopsErrorDetails, 'file' | 'field'>;

const REWRITE_FIX = 'rewrite the pattern with plain RE2 syntax, as sops reads it (no look-around, no back-references)';

/** The problem text for a pattern RE2 refuses, naming the two Perl features people most often reach for. */
function syntaxProblem(source: string, description: string): string {
  const unsupported = 'which Go regular expressions (RE2) do not support the same way';
  const lookAround = /\(\?(<?[=!])/.exec(source);
  if (lookAround) {
    return `uses look-around "(?${lookAround[1]}", ${unsupported}`;
  }
  if (/\\[1-9]/.test(source) && /escape/.test(description)) {
    return `uses a back-reference, ${unsupported}`;
  }
  return `is not a valid regular expression (${description})`;
}

/** The patterns compiled so far, by source: the rules of one `.sops.yaml` are matched against every file. */
const compiledPatterns = new Map<string, Re2Pattern>();

/**
 * Compiles a Go (RE2) pattern, matched unanchored and in linear time. Throws {@link Re2SyntaxError} for a pattern
 * that cannot be used.
 */
export function compileRe2(source: string): Re2Pattern {
  const known = compiledPatterns.get(source);
  if (known !== undefined) return known;
  try {
    const compiled = RE2JS.compile(source);
    const pattern: Re2Pattern = { test: (text) => compiled.test(text) };
    compiledPatterns.set(source, pattern);
    return pattern;
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    throw new Re2SyntaxError(source, syntaxProblem(source, e.message), REWRITE_FIX);
  }
}

/**
 * {@link compileRe2} for a pattern of a `.sops.yaml` (`path_regex`, an encryption rule): an unusable pattern is a
 * {@link SopsError} `config` naming the file and field.
 */
export function compileSopsConfigRegex(source: string, site: PatternSite): Re2Pattern {
  try {
    return compileRe2(source);
  } catch (e) {
    if (e instanceof Re2SyntaxError) {
      throw new SopsError({ code: 'config', ...site, value: source, problem: e.problem, fix: e.fix });
    }
    throw e;
  }
}
