/**
 * Timestamps the way sops sees them: yaml.v3 resolves some plain scalars to `time.Time`, which sops encrypts and
 * prints as Go's RFC 3339 text (`time.RFC3339Nano`); `lastmodified` is read with `time.RFC3339` and re-formatted to
 * build the MAC's additional data.
 */

interface TimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Fraction of a second, digits only, at most 9 (Go keeps nanoseconds). */
  readonly fraction: string;
  /** Offset from UTC in minutes. */
  readonly offset: number;
}

function daysIn(month: number, year: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function valid(p: TimeParts): boolean {
  return (
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysIn(p.month, p.year) &&
    p.hour <= 23 &&
    p.minute <= 59 &&
    p.second <= 59
  );
}

function parseOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const m = /^([+-])(\d\d):(\d\d)$/.exec(zone);
  if (!m) {
    return undefined;
  }
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 24 || minutes > 60) {
    return undefined;
  }
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function build(m: RegExpExecArray, zone: string | undefined): TimeParts | undefined {
  const offset = parseOffset(zone);
  if (offset === undefined) {
    return undefined;
  }
  const parts: TimeParts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    fraction: (m[7] ?? '').slice(0, 9),
    offset,
  };
  return valid(parts) ? parts : undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function format(p: TimeParts, withFraction: boolean): string {
  const fraction = withFraction ? p.fraction.replace(/0+$/, '') : '';
  let zone = 'Z';
  if (p.offset !== 0) {
    const abs = Math.abs(p.offset);
    zone = `${p.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${fraction ? `.${fraction}` : ''}${zone}`
  );
}

// yaml.v3 tries, in order: "2006-1-2T15:4:5.999999999Z07:00" (also with a lower-case t),
// "2006-1-2 15:4:5.999999999" (UTC) and "2006-1-2" (UTC). Go accepts a comma before the fraction too.
const YAML_DATE_TIME = /^(\d{4})-(\d\d?)-(\d\d?)[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,](\d+))?(Z|[+-]\d\d:\d\d)$/;
const YAML_SPACED = /^(\d{4})-(\d\d?)-(\d\d?) (\d\d?):(\d\d?):(\d\d?)(?:[.,](\d+))?$/;
const YAML_DATE = /^(\d{4})-(\d\d?)-(\d\d?)$/;

/**
 * Resolves a plain YAML scalar to a timestamp as yaml.v3 does, returning its canonical `time.RFC3339Nano` text
 * (`2024-01-01` -> `2024-01-01T00:00:00Z`, `2006-01-02T15:04:05.120Z` -> `2006-01-02T15:04:05.12Z`), or undefined.
 */
export function parseYamlTimestamp(text: string): string | undefined {
  let m = YAML_DATE_TIME.exec(text);
  if (m) {
    const parts = build(m, m[8]);
    return parts && format(parts, true);
  }
  m = YAML_SPACED.exec(text) ?? YAML_DATE.exec(text);
  if (m) {
    const parts = build(m, undefined);
    return parts && format(parts, true);
  }
  return undefined;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d?):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:\d\d)$/;
const RFC3339_STRICT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

/**
 * Go `time.Parse(time.RFC3339, s).Format(time.RFC3339)`: the form sops uses as the MAC's additional data
 * (fraction dropped, a zero offset written `Z`). Undefined when Go could not parse it.
 */
export function normalizeRfc3339(text: string): string | undefined {
  const m = RFC3339.exec(text);
  const parts = m ? build(m, m[8]) : undefined;
  return parts && format(parts, false);
}

/** Go `time.Time.UnmarshalText` then `MarshalText`: canonical RFC 3339 with nanoseconds, or undefined. */
export function canonicalRfc3339Nano(text: string): string | undefined {
  const m = RFC3339_STRICT.exec(text);
  const parts = m ? build(m, m[8]) : undefined;
  return parts && format(parts, true);
}

/** `t.UTC().Format(time.RFC3339)`: how sops writes `lastmodified`. */
export function formatLastModified(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
