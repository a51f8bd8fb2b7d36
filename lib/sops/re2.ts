import { Issue, fail } from '../errors';

/**
 * Go regular expressions (RE2 syntax), as sops reads them in `.sops.yaml` (`path_regex`) and in the encryption rules
 * (`encrypted_regex`, `unencrypted_comment_regex`, ...), translated to JavaScript `RegExp`s with the same meaning.
 *
 * Translated: leading inline flags `(?i)`, `(?s)`, `(?m)`; `(?P<name>...)`; `\A` and `\z`; `\Q...\E`; `\pL`;
 * `\x{...}`; `\a`; octal escapes; POSIX classes such as `[[:alpha:]]`; escaped punctuation; `.` not matching `\n`
 * only (Go's rule, where JavaScript also excludes `\r` and the Unicode line separators). Like Go's `regexp.Match`,
 * matching is unanchored: write `^...$` to match a whole key or path.
 *
 * Rejected: look-around and back-references (RE2 has neither, so sops would fail too), inline flags after the start
 * and `(?U)`, which JavaScript cannot express, and anything JavaScript cannot compile.
 */

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
export type PatternSite = Pick<Issue, 'file' | 'field'>;

/** Characters of each POSIX class Go accepts inside brackets (`[[:alpha:]]`), written for a JavaScript class. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-\\x60{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters that must stay escaped in a JavaScript pattern (and may be escaped in `u` mode). */
const JS_SYNTAX = /[\^$\\.*+?()[\]{}|/]/;

const REWRITE_FIX =
  'rewrite the pattern with plain RE2 syntax (no look-around, no back-references, flags only at the start)';

function unsupported(pattern: string, what: string): never {
  throw new Re2SyntaxError(
    pattern,
    `uses ${what}, which Go regular expressions (RE2) do not support the same way`,
    REWRITE_FIX,
  );
}

/** A literal character for a JavaScript `u`-mode pattern, in or out of a class. */
function literal(ch: string): string {
  if (ch === '-') {
    return '\\x2D';
  }
  return JS_SYNTAX.test(ch) ? `\\${ch}` : ch;
}

/** `\pX` / `\p{Name}`: JavaScript needs `Script=` for script names (`\p{Greek}`), not for general categories. */
function unicodeClass(negated: boolean, name: string): string {
  const letter = negated ? 'P' : 'p';
  try {
    new RegExp(`\\p{${name}}`, 'u');
    return `\\${letter}{${name}}`;
  } catch {
    return `\\${letter}{Script=${name}}`;
  }
}

/** Translates the escape at `source[i]` (a backslash); returns the JavaScript text and how many characters it used. */
function translateEscape(source: string, i: number, inClass: boolean): [string, number] {
  const d = source[i + 1];
  if (d === undefined) {
    unsupported(source, 'a trailing backslash');
  }
  if (d === 'A' && !inClass) {
    return ['(?<![\\s\\S])', 2];
  }
  if (d === 'z' && !inClass) {
    return ['(?![\\s\\S])', 2];
  }
  if (d === 'a') {
    return ['\\x07', 2];
  }
  if (d === 'Q') {
    const end = source.indexOf('\\E', i + 2);
    const text = end < 0 ? source.slice(i + 2) : source.slice(i + 2, end);
    return [[...text].map(literal).join(''), (end < 0 ? source.length : end + 2) - i];
  }
  if (d === 'p' || d === 'P') {
    if (source[i + 2] === '{') {
      const end = source.indexOf('}', i + 3);
      if (end < 0) {
        unsupported(source, 'an unclosed \\p{');
      }
      return [unicodeClass(d === 'P', source.slice(i + 3, end)), end + 1 - i];
    }
    return [unicodeClass(d === 'P', source[i + 2] ?? ''), 3];
  }
  if (d === 'x' && source[i + 2] === '{') {
    const end = source.indexOf('}', i + 3);
    if (end < 0) {
      unsupported(source, 'an unclosed \\x{');
    }
    return [`\\u{${source.slice(i + 3, end)}}`, end + 1 - i];
  }
  const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1));
  if (octal && (d === '0' || octal[0].length > 1)) {
    return [`\\u{${parseInt(octal[0], 8).toString(16)}}`, 1 + octal[0].length];
  }
  if (/[1-9]/.test(d)) {
    unsupported(source, 'a back-reference');
  }
  if (/[A-Za-z]/.test(d)) {
    if (!'dDsSwWbBfnrtvx'.includes(d)) {
      unsupported(source, `the escape "\\${d}"`);
    }
    return [`\\${d}`, 2];
  }
  if (inClass && d === '-') {
    return ['\\-', 2];
  }
  // RE2 lets any punctuation be escaped; JavaScript's u mode only its own syntax characters.
  return [literal(d), 2];
}

/**
 * Compiles a Go (RE2) pattern to an equivalent, unanchored JavaScript RegExp with the `u` flag (RE2 matches runes).
 * Throws {@link Re2SyntaxError} for a pattern that cannot be used.
 */
export function compileRe2(source: string): RegExp {
  let flags = 'u';
  let i = 0;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (lead) {
    for (const flag of lead[1]) {
      if (!'ims'.includes(flag)) {
        unsupported(source, `the inline flag "${flag}"`);
      }
      if (!flags.includes(flag)) {
        flags += flag;
      }
    }
    i = lead[0].length;
  }

  let out = '';
  let inClass = false;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const [text, length] = translateEscape(source, i, inClass);
      out += text;
      i += length;
      continue;
    }
    if (inClass) {
      if (c === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        const chars = end < 0 ? undefined : POSIX_CLASSES[source.slice(i + 2, end)];
        if (chars === undefined) {
          unsupported(source, `the character class "${end < 0 ? source.slice(i) : source.slice(i, end + 2)}"`);
        }
        out += chars;
        i = end + 2;
        continue;
      }
      if (c === ']') {
        inClass = false;
      }
      out += c === '[' ? '\\[' : c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += '[';
      i++;
      if (source[i] === '^') {
        out += '^';
        i++;
      }
      if (source[i] === ']') {
        out += '\\]'; // a leading ] is a literal in RE2
        i++;
      }
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
      } else if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
      } else if (/^<[A-Za-z_]/.test(rest)) {
        out += '(?<';
        i += 3;
      } else if (/^(=|!|<=|<!)/.test(rest)) {
        unsupported(source, `look-around "(?${/^<?./.exec(rest)?.[0]}"`);
      } else {
        unsupported(source, 'inline flags inside the pattern');
      }
      continue;
    }
    // Go's `.` excludes only `\n` (everything with `(?s)`); JavaScript's also excludes `\r`, U+2028 and U+2029.
    out += c === '.' && !flags.includes('s') ? '[^\\n]' : c;
    i++;
  }

  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new Re2SyntaxError(
      source,
      `is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`,
      'fix the pattern (Go RE2 syntax, as sops reads it)',
    );
  }
}

/**
 * {@link compileRe2} for a pattern of a `.sops.yaml` (`path_regex`, an encryption rule): an unusable pattern is a
 * `FluxValidationError` naming the file and field.
 */
export function compileSopsConfigRegex(source: string, site: PatternSite): RegExp {
  try {
    return compileRe2(source);
  } catch (e) {
    if (e instanceof Re2SyntaxError) {
      return fail({ ...site, value: source, message: e.problem, fix: e.fix });
    }
    throw e;
  }
}
