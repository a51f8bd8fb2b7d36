import { Document } from 'yaml';

/**
 * The tests of the non-string scalar types (null, bool, int, float, timestamp, merge key) of a YAML schema, taken from
 * the `yaml` library's own schema.
 */
function typedScalarTests(version: '1.1' | '1.2'): RegExp[] {
  return new Document(null, { version }).schema.tags.flatMap((tag) =>
    tag.default !== false && tag.tag !== 'tag:yaml.org,2002:str' && tag.test !== undefined ? [tag.test] : [],
  );
}

/**
 * The scalars a plain string must not look like: those of the YAML 1.2 core schema and those of YAML 1.1, which the
 * Kubernetes API machinery and Flux still read (`yes`, `on`, `2024-04-01`, `0777` and `1:20` are not strings there).
 */
const TYPED_SCALARS: readonly RegExp[] = [...typedScalarTests('1.2'), ...typedScalarTests('1.1')];

/** Whether a YAML 1.1 or 1.2 reader takes `value`, written plain, for something other than this string. */
export function looksTyped(value: string): boolean {
  return TYPED_SCALARS.some((t) => t.test(value));
}

/** Printable ASCII without the two characters a double-quoted scalar escapes. */
const QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;
/**
 * What the `yaml` library's plain style refuses on one line: an indicator first, `-` or `?` alone or before a space,
 * `: ` or ` #` inside, a space or colon last.
 */
const NOT_PLAIN = /^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$/;
/** A document marker at the start, which makes the library write a block scalar. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
/** Keys longer than this are written as explicit `? key` by the library. */
const MAX_IMPLICIT_KEY = 1024;

/** Thrown (and caught in {@link plainYaml}) when a value needs the library's general rendering. */
class NotPlain extends Error {}
const NOT_PLAIN_VALUE = new NotPlain();

/**
 * One printable-ASCII string as the library writes it with plain style preferred: plain when that reads back as the
 * same string, else double-quoted. Anything else (control or non-ASCII characters, quotes, backslashes, the empty
 * string) is left to the library.
 */
function scalarString(value: string): string {
  if (!QUOTABLE.test(value) || DOCUMENT_MARKER.test(value)) throw NOT_PLAIN_VALUE;
  if (NOT_PLAIN.test(value) || looksTyped(value)) return `"${value}"`;
  return value;
}

/** A scalar value, or undefined when `value` is a collection. */
function scalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return scalarString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw NOT_PLAIN_VALUE;
      return String(value);
    case 'object':
      if (value === null) throw NOT_PLAIN_VALUE;
      if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
      if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_PLAIN_VALUE;
      for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return undefined;
      return '{}';
    default:
      throw NOT_PLAIN_VALUE;
  }
}

/** Writes YAML text for plain JSON data, the lines of one document, each collection seen once. */
class PlainWriter {
  public readonly lines: string[] = [];
  private readonly seen = new Set<object>();

  /** Writes collection `value` (not empty) at `indent`; its first line starts with `first` instead. */
  public collection(value: object, indent: string, first: string): void {
    // The library writes an object met twice as an anchor and an alias.
    if (this.seen.has(value)) throw NOT_PLAIN_VALUE;
    this.seen.add(value);
    if (Array.isArray(value)) this.sequence(value, indent, first);
    else this.map(value as Record<string, unknown>, indent, first);
  }

  private map(value: Record<string, unknown>, indent: string, first: string): void {
    let lead = first;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue;
      if (key.length > MAX_IMPLICIT_KEY) throw NOT_PLAIN_VALUE;
      const text = scalar(item);
      if (text !== undefined) {
        this.lines.push(`${lead}${scalarString(key)}: ${text}`);
      } else {
        this.lines.push(`${lead}${scalarString(key)}:`);
        const inner = `${indent}  `;
        this.collection(item as object, inner, inner);
      }
      lead = indent;
    }
  }

  private sequence(value: readonly unknown[], indent: string, first: string): void {
    let lead = first;
    for (const item of value) {
      const text = scalar(item);
      if (text !== undefined) this.lines.push(`${lead}- ${text}`);
      else if (Array.isArray(item)) throw NOT_PLAIN_VALUE;
      else this.collection(item as object, `${indent}  `, `${lead}- `);
      lead = indent;
    }
  }
}

/**
 * One document of plain JSON data (objects, arrays, strings, booleans, safe integers) as YAML text, byte for byte
 * what the `yaml` library writes with the options of `documentYaml`, without building a document tree: or undefined when
 * the data holds anything else (null, floats, strings that need more than plain style or double quotes, an object
 * met twice, a sequence in a sequence), which the caller renders with the library.
 */
export function plainYaml(doc: unknown): string | undefined {
  try {
    const text = scalar(doc);
    if (text !== undefined) return `${text}\n`;
    const writer = new PlainWriter();
    writer.collection(doc as object, '', '');
    return `${writer.lines.join('\n')}\n`;
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}
