/**
 * Translates a Go (RE2) regular expression, as written in sops metadata and `.sops.yaml`, to a JavaScript RegExp
 * with the same meaning for the patterns people use: `(?i)`-style leading flags, `(?P<name>...)`, `\A`, `\z`, POSIX
 * classes (`[[:alpha:]]`), `\pL`, and escaped punctuation. RE2 syntax without a JavaScript equivalent is rejected, and
 * so is look-around and back-references, which RE2 itself rejects.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

// Characters that may be escaped with a backslash in a JavaScript `u`-mode pattern outside a class.
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

/** Raised for patterns that cannot be used. */
export class Re2SyntaxError extends Error {
  constructor(pattern: string, why: string) {
    super(`regular expression ${JSON.stringify(pattern)} ${why}`);
    this.name = 'Re2SyntaxError';
  }
}

/** Compiles an RE2 pattern to an equivalent unanchored JavaScript RegExp (as Go's `regexp.Match` searches). */
export function compileRe2(pattern: string): RegExp {
  let flags = 'u';
  let rest = pattern;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading) {
    for (const f of leading[1]) {
      if (f === 'U') {
        throw new Re2SyntaxError(pattern, 'uses the (?U) flag, which JavaScript has no equivalent for');
      }
      if (!flags.includes(f)) {
        flags += f;
      }
    }
    rest = rest.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      const n = rest[i + 1];
      if (n === undefined) {
        throw new Re2SyntaxError(pattern, 'ends with a lone backslash');
      }
      i++;
      if (n === 'A' && !inClass) {
        out += '^';
      } else if (n === 'z' && !inClass) {
        out += '$';
      } else if (n === 'Q') {
        const end = rest.indexOf('\\E', i + 1);
        const literal = end < 0 ? rest.slice(i + 1) : rest.slice(i + 1, end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, (m) => `\\${m}`);
        i = end < 0 ? rest.length : end + 1;
      } else if ((n === 'p' || n === 'P') && rest[i + 1] !== '{') {
        out += `\\${n}{${rest[i + 1] ?? ''}}`;
        i++;
      } else if (/[1-9]/.test(n)) {
        throw new Re2SyntaxError(pattern, 'uses a back-reference, which RE2 does not support');
      } else if (/[A-Za-z0-9]/.test(n) || JS_SYNTAX.has(n) || (inClass && n === '-')) {
        out += `\\${n}`;
      } else {
        // RE2 lets any punctuation be escaped; JavaScript's u mode does not.
        out += n === '-' ? '\\x2D' : n;
      }
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (posix) {
        const chars = POSIX_CLASSES[posix[2]];
        if (!chars || posix[1]) {
          throw new Re2SyntaxError(pattern, `uses the unsupported class [:${posix[1]}${posix[2]}:]`);
        }
        out += chars;
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') {
        inClass = false;
      }
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (rest[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && rest[i + 1] === '?') {
      const group = rest.slice(i);
      if (group.startsWith('(?P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (group.startsWith('(?:') || (group.startsWith('(?<') && !/^\(\?<[=!]/.test(group))) {
        out += c;
        continue;
      }
      throw new Re2SyntaxError(pattern, 'uses a group syntax (look-around or inline flags) that is not supported');
    }
    out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new Re2SyntaxError(pattern, `is not valid: ${(e as Error).message}`);
  }
}
