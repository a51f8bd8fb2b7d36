/**
 * Float text exactly as Go's `strconv` writes and reads it, which sops relies on: `FormatFloat(v, 'f', -1, 64)` for
 * encrypted values and the MAC, `FormatFloat(v, 'g', -1, 64)` for YAML output, and `encoding/json` for JSON output.
 * JavaScript's own number formatting switches to exponents at different points, so the shortest round-trip digits
 * are taken from `toExponential()` and laid out here.
 */

interface Digits {
  /** Shortest round-trip decimal digits, no leading or trailing zeros. */
  readonly digits: string;
  /** Position of the decimal point relative to the digits (value = 0.digits x 10^point). */
  readonly point: number;
}

function shortestDigits(abs: number): Digits {
  const [mantissa, exponent] = abs.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  return { digits, point: Number(exponent) + 1 };
}

function fixed({ digits, point }: Digits): string {
  if (point <= 0) {
    return `0.${'0'.repeat(-point)}${digits}`;
  }
  if (point >= digits.length) {
    return digits + '0'.repeat(point - digits.length);
  }
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function exponential({ digits, point }: Digits): string {
  const exp = point - 1;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const abs = Math.abs(exp);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function special(value: number): string | undefined {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Infinity) {
    return '+Inf';
  }
  if (value === -Infinity) {
    return '-Inf';
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0' : '0';
  }
  return undefined;
}

/** Go `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent (`1e21` -> `1000000000000000000000`). */
export function formatFloatF(value: number): string {
  const s = special(value);
  if (s !== undefined) {
    return s;
  }
  return (value < 0 ? '-' : '') + fixed(shortestDigits(Math.abs(value)));
}

/** Go `strconv.FormatFloat(v, 'g', -1, 64)`: exponent form when the exponent is below -4 or at least 6 (`1.234568e+09`). */
function formatFloatG(value: number): string {
  const s = special(value);
  if (s !== undefined) {
    return s;
  }
  const d = shortestDigits(Math.abs(value));
  const exp = d.point - 1;
  const body = exp < -4 || exp >= 6 ? exponential(d) : fixed(d);
  return (value < 0 ? '-' : '') + body;
}

/**
 * A float as Go's yaml.v3 encoder writes it: `'g'` format, with `.inf`, `-.inf` and `.nan` for the special values.
 * One exception: yaml.v3 writes -0 as `-0`, which reads back as the integer 0, so a file holding an unencrypted -0.0
 * would never verify again (its MAC covers `-0`); it is written `-0.0`, which reads back as the float -0.
 */
export function formatYamlFloat(value: number): string {
  const text = formatFloatG(value);
  switch (text) {
    case '-0':
      return '-0.0';
    case '+Inf':
      return '.inf';
    case '-Inf':
      return '-.inf';
    case 'NaN':
      return '.nan';
    default:
      return text;
  }
}

/** A float as Go's `encoding/json` writes it; NaN and infinities cannot be written. */
export function formatJsonFloat(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError('JSON cannot represent NaN or infinite numbers');
  }
  if (Object.is(value, -0)) {
    return '-0';
  }
  // Go switches to exponent form below 1e-6 and from 1e21 on, with the same shortest digits as JavaScript.
  return String(value);
}

const GO_DECIMAL = /^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/;
const GO_SPECIAL = /^([+-]?)(inf|infinity)$|^nan$/i;

/**
 * Go `strconv.ParseFloat(s, 64)` for decimal text (hexadecimal floats are not accepted): returns undefined when Go
 * would return an error, including when the value overflows to an infinity.
 */
export function parseGoFloat(text: string): number | undefined {
  const special = GO_SPECIAL.exec(text);
  if (special) {
    if (special[2] === undefined) {
      return NaN;
    }
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!GO_DECIMAL.test(text)) {
    return undefined;
  }
  const value = Number(text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}
