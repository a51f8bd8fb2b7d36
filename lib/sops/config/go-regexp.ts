import { Issue, fail } from '../../errors';

/** Where a pattern was written, for error messages. */
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

/**
 * Compiles a regular expression written for Go's RE2 syntax (as sops reads `path_regex` and the encryption rules)
 * into an equivalent JavaScript `RegExp` with the `u` flag.
 *
 * Translated: leading inline flags `(?i)`, `(?s)`, `(?m)`; `(?P<name>...)`; `\A` and `\z`; `\Q...\E`; `\pL`;
 * `\x{...}`; `\a`; octal escapes; POSIX classes such as `[[:alpha:]]`; escaped punctuation. Like Go, matching is
 * unanchored: write `^...$` to match a whole path.
 *
 * @param site where the pattern was written, for error messages
 * @throws FluxValidationError for syntax RE2 does not have (look-around, back-references: sops would reject them
 *   too), for inline flags after the start, and for patterns JavaScript cannot compile
 */
export function compileGoRegExp(source: string, site: PatternSite): RegExp {
  const unsupported = (what: string): never =>
    fail({
      ...site,
      value: source,
      message: `uses ${what}, which Go regular expressions (RE2) do not support the same way`,
      fix: 'rewrite the pattern with plain RE2 syntax (no look-around, no back-references, flags only at the start)',
    });

  let flags = 'u';
  let i = 0;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (lead) {
    for (const flag of lead[1]) {
      if (!'ims'.includes(flag)) unsupported(`the inline flag "${flag}"`);
      if (!flags.includes(flag)) flags += flag;
    }
    i = lead[0].length;
  }

  let out = '';
  let inClass = false;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const [text, length] = translateEscape(source, i, inClass, unsupported);
      out += text;
      i += length;
      continue;
    }
    if (inClass) {
      if (c === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        const name = end < 0 ? undefined : source.slice(i + 2, end);
        const chars = name === undefined ? undefined : POSIX_CLASSES[name];
        if (chars === undefined) unsupported(`the character class "${source.slice(i, end + 2)}"`);
        out += chars;
        i = end + 2;
        continue;
      }
      if (c === ']') inClass = false;
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
        unsupported(`look-around "(?${/^<?./.exec(rest)?.[0]}"`);
      } else {
        unsupported('inline flags inside the pattern');
      }
      continue;
    }
    out += c;
    i++;
  }

  try {
    return new RegExp(out, flags);
  } catch (e) {
    return fail({
      ...site,
      value: source,
      message: `is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`,
      fix: 'fix the pattern (Go RE2 syntax, as sops reads it)',
    });
  }
}

/** Translates the escape at `source[i]` (a backslash); returns the JavaScript text and how many characters it used. */
function translateEscape(
  source: string,
  i: number,
  inClass: boolean,
  unsupported: (what: string) => never,
): [string, number] {
  const d = source[i + 1];
  if (d === undefined) unsupported('a trailing backslash');
  if (d === 'A' && !inClass) return ['(?<![\\s\\S])', 2];
  if (d === 'z' && !inClass) return ['(?![\\s\\S])', 2];
  if (d === 'a') return ['\\x07', 2];
  if (d === 'Q') {
    const end = source.indexOf('\\E', i + 2);
    const literal = end < 0 ? source.slice(i + 2) : source.slice(i + 2, end);
    const escaped = [...literal].map((ch) => (JS_SYNTAX.test(ch) || ch === '-' ? `\\${ch}` : ch)).join('');
    return [escaped, (end < 0 ? source.length : end + 2) - i];
  }
  if (d === 'p' || d === 'P') {
    if (source[i + 2] === '{') {
      const end = source.indexOf('}', i + 3);
      if (end < 0) unsupported('an unclosed \\p{');
      return [source.slice(i, end + 1), end + 1 - i];
    }
    return [`\\${d}{${source[i + 2]}}`, 3];
  }
  if (d === 'x' && source[i + 2] === '{') {
    const end = source.indexOf('}', i + 3);
    if (end < 0) unsupported('an unclosed \\x{');
    return [`\\u{${source.slice(i + 3, end)}}`, end + 1 - i];
  }
  const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1));
  if (octal && (d === '0' || octal[0].length > 1)) {
    return [`\\u{${parseInt(octal[0], 8).toString(16)}}`, 1 + octal[0].length];
  }
  if (/[1-9]/.test(d)) unsupported('a back-reference');
  if (/[A-Za-z]/.test(d)) {
    if (!'dDsSwWbBfnrtvx'.includes(d)) unsupported(`the escape "\\${d}"`);
    return [`\\${d}`, 2];
  }
  if (JS_SYNTAX.test(d) || (inClass && d === '-')) return [`\\${d}`, 2];
  return [d, 2]; // RE2 lets any punctuation be escaped; JavaScript's u mode does not
}
