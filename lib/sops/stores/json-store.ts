import { SopsError } from '../errors';
import { formatJsonFloat } from '../go/float';
import { SopsEntry, SopsMap, SopsValue } from '../core/tree';

/**
 * The sops JSON store (`stores/json/store.go`): a top-level object read token by token so key order and duplicate
 * keys survive (every number becomes a float, as Go's decoder gives `float64`), written back as Go's
 * `encoding/json` and `json.Indent` with a tab per level and a final newline. JSON has no comments.
 */

class JsonReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly file: string | undefined,
  ) {}

  private error(problem: string): SopsError {
    const line = this.text.slice(0, this.pos).split('\n').length;
    return new SopsError({
      code: 'parse',
      file: this.file,
      problem: `invalid JSON at line ${line}: ${problem}`,
      fix: 'fix the JSON syntax',
    });
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) {
      this.pos++;
    }
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) {
      throw this.error(`expected "${char}"`);
    }
    this.pos++;
  }

  private string(): string {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.pos));
    if (!m) {
      throw this.error('malformed string');
    }
    this.pos += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  public value(): SopsValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') {
      return this.object();
    }
    if (c === '[') {
      this.pos++;
      const items: SopsValue[] = [];
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return { type: 'list', items };
      }
      for (;;) {
        items.push(this.value());
        this.skipSpace();
        if (this.text[this.pos] === ',') {
          this.pos++;
          continue;
        }
        this.expect(']');
        return { type: 'list', items };
      }
    }
    if (c === '"') {
      return { type: 'str', value: this.string() };
    }
    for (const [word, value] of [
      ['true', { type: 'bool', value: true }],
      ['false', { type: 'bool', value: false }],
      ['null', { type: 'null' }],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) {
      throw this.error('unexpected character');
    }
    this.pos += m[0].length;
    const value = Number(m[0]);
    if (!Number.isFinite(value)) {
      throw this.error('a number is out of the float64 range');
    }
    return { type: 'float', value };
  }

  public object(): SopsMap {
    this.expect('{');
    const items: SopsEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { type: 'map', items };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        throw this.error('expected an object key');
      }
      const key = this.string();
      this.expect(':');
      items.push({ type: 'entry', key, value: this.value() });
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return { type: 'map', items };
    }
  }

  public document(): SopsMap {
    this.skipSpace();
    if (this.text[this.pos] !== '{') {
      throw this.error('sops only supports JSON files with a top-level object');
    }
    const doc = this.object();
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw this.error('unexpected text after the top-level object');
    }
    return doc;
  }
}

/** Parses a JSON file into its single sops document. Throws {@link SopsError} `parse`. */
export function readJsonDocument(text: string, file?: string): SopsMap {
  return new JsonReader(text, file).document();
}

/** A string as Go's `json.Marshal` writes it: HTML characters and U+2028/U+2029 escaped. */
export function goJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const code = value.charCodeAt(i);
    if (c === '"' || c === '\\') {
      out += `\\${c}`;
    } else if (c === '\b') {
      out += '\\b';
    } else if (c === '\f') {
      out += '\\f';
    } else if (c === '\n') {
      out += '\\n';
    } else if (c === '\r') {
      out += '\\r';
    } else if (c === '\t') {
      out += '\\t';
    } else if (code < 0x20 || c === '<' || c === '>' || c === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const low = value.charCodeAt(i + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        out += c + value[i + 1];
        i++;
      } else {
        // Go decodes an unpaired surrogate as the replacement character.
        out += '\\ufffd';
      }
    } else {
      out += c;
    }
  }
  return `${out}"`;
}

function encode(value: SopsValue, depth: number, indent: string): string {
  const pad = (d: number): string => `\n${indent.repeat(d)}`;
  switch (value.type) {
    case 'map': {
      const entries = value.items.filter((i): i is SopsEntry => i.type === 'entry');
      if (entries.length === 0) {
        return '{}';
      }
      const body = entries.map((e) => `${pad(depth + 1)}${goJsonString(e.key)}: ${encode(e.value, depth + 1, indent)}`);
      return `{${body.join(',')}${pad(depth)}}`;
    }
    case 'list': {
      const items = value.items.filter((i): i is SopsValue => i.type !== 'comment');
      if (items.length === 0) {
        return '[]';
      }
      return `[${items.map((i) => `${pad(depth + 1)}${encode(i, depth + 1, indent)}`).join(',')}${pad(depth)}]`;
    }
    case 'str':
    case 'time':
      return goJsonString(value.value);
    case 'int':
      return value.value.toString();
    case 'float':
      return formatJsonFloat(value.value);
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'bytes':
      return goJsonString(Buffer.from(value.value).toString('base64'));
  }
}

/** Writes a sops document as the JSON store does (comments are dropped: JSON has none). */
export function writeJsonDocument(document: SopsMap, indent = '\t'): string {
  return `${encode(document, 0, indent)}\n`;
}
