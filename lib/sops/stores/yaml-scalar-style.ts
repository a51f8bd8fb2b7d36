import { isBase60Float, isOldBool, resolvedTag } from './yaml-resolve';

/**
 * How Go's yaml.v3 encoder presents a string (`encode.go:stringv`, `emitterc.go:yaml_emitter_analyze_scalar` and
 * `yaml_emitter_select_scalar_style`), so the YAML this library writes is the YAML sops writes: plain when the text
 * reads back as the same string, double quotes when it would resolve to another type (`"42"`, `"yes"`), single quotes
 * when only YAML indicators are in the way (`'a: b'`), a literal block for multi-line text.
 */

/** The presentation of a scalar. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

/** yaml.v3 `is_printable`: what may appear unescaped. Characters beyond U+FFFF are not printable to it. */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/** yaml.v3 `is_break`. */
function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

const isBlank = (cp: number | undefined): boolean => cp === 0x20 || cp === 0x09;

function analyze(value: string): Analysis {
  if (value === '') {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  const cps = Array.from(value, (c) => c.codePointAt(0)!);
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let tab = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  cps.forEach((cp, i) => {
    const c = String.fromCodePoint(cp);
    const followedByWhitespace = i + 1 >= cps.length || isBlank(cps[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        blockIndicators = true;
      } else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) {
        blockIndicators = true;
      }
    } else if (c === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (cp === 0x09) {
      tab = true;
    } else if (!isPrintable(cp) || cp === 0x2028 || cp === 0x2029) {
      // Deviation: yaml.v3 writes U+2028/U+2029 raw and they read back as line breaks in YAML 1.1 parsers only;
      // escaping them keeps the text the same for every reader.
      special = true;
    }
    if (cp === 0x20) {
      leadingSpace ||= i === 0;
      trailingSpace ||= i === cps.length - 1;
      breakSpace ||= previousBreak;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      leadingBreak ||= i === 0;
      trailingBreak ||= i === cps.length - 1;
      spaceBreak ||= previousSpace;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(cp) || isBreak(cp) || cp === 0;
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || blockIndicators) {
    blockPlainAllowed = false;
  }
  if (trailingSpace) {
    blockAllowed = false;
  }
  if (breakSpace || spaceBreak || tab || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockAllowed = false;
  }
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** True when the text would read back as a string if written plain (yaml.v3's `canUsePlain`). */
function canUsePlain(value: string): boolean {
  return resolvedTag(value) === 'str' && !isBase60Float(value) && !isOldBool(value);
}

/** True when yaml.v3 writes the text as a simple `key:` (single line, at most 128 bytes with its tag). */
export function isSimpleKey(value: string, tag = ''): boolean {
  return !analyze(value).multiline && Buffer.byteLength(value, 'utf8') + tag.length <= 128;
}

/** The style yaml.v3 gives a string, in a simple key or elsewhere (block context). */
export function stringStyle(value: string, simpleKey: boolean): ScalarStyle {
  const a = analyze(value);
  let style: ScalarStyle = value.includes('\n') ? 'literal' : canUsePlain(value) ? 'plain' : 'double';
  if (simpleKey && a.multiline) {
    style = 'double';
  }
  if (style === 'plain' && (!a.blockPlainAllowed || (value === '' && simpleKey))) {
    style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) {
    style = 'double';
  }
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) {
    style = 'double';
  }
  return style;
}

const ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

/** The body of a double-quoted scalar as yaml.v3 escapes it (upper-case hex, `\U` beyond U+FFFF). */
export function doubleQuoted(value: string): string {
  let out = '';
  for (const c of value) {
    const cp = c.codePointAt(0)!;
    if (!isPrintable(cp) || isBreak(cp) || cp === 0x22 || cp === 0x5c) {
      const short = ESCAPES[cp];
      if (short !== undefined) {
        out += `\\${short}`;
      } else {
        const hex = cp.toString(16).toUpperCase();
        out +=
          cp <= 0xff
            ? `\\x${hex.padStart(2, '0')}`
            : cp <= 0xffff
              ? `\\u${hex.padStart(4, '0')}`
              : `\\U${hex.padStart(8, '0')}`;
      }
    } else {
      out += c;
    }
  }
  return `"${out}"`;
}

/** A single-quoted scalar (only chosen for single-line text). */
export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
