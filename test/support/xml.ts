/** An element of an XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The text directly inside the element, entities decoded. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const named = ENTITIES[entity];
    if (named === undefined) throw new Error(`unknown entity ${whole}`);
    return named;
  });
}

/**
 * Parses a well-formed XML document (prolog, doctype, comments, elements, attributes, text) into its root element.
 * Throws on anything that is not well-formed: an unclosed or mismatched tag, an unquoted attribute, a stray `<` or
 * `&`, text after the root.
 */
export function parseXml(xml: string): XmlElement {
  const stack: { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}`);
  };
  /** The offset just after the next `token`. */
  const after = (token: string, what: string): number => {
    const at = xml.indexOf(token, i);
    return at < 0 ? fail(`unclosed ${what}`) : at + token.length;
  };
  while (i < xml.length) {
    if (xml.startsWith('<?', i)) i = after('?>', 'processing instruction');
    else if (xml.startsWith('<!--', i)) i = after('-->', 'comment');
    else if (xml.startsWith('<!DOCTYPE', i)) i = after('>', 'doctype');
    else if (xml.startsWith('</', i)) {
      const end = after('>', 'closing tag') - 1;
      const name = xml.slice(i + 2, end).trim();
      const open = stack.pop() ?? fail(`closing tag </${name}> without an opening one`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
      const element: XmlElement = { ...open, text: decode(open.text) };
      if (stack.length === 0) root = element;
      else stack[stack.length - 1].children.push(element);
      i = end + 1;
    } else if (xml[i] === '<') {
      const tag = /^<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(xml.slice(i));
      if (tag === null) fail('malformed tag');
      const [whole, name, attrText, selfClosing] = tag as RegExpExecArray;
      if (root !== undefined) fail('a second root element');
      const attributes: Record<string, string> = {};
      for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attributes) fail(`attribute ${a[1]} given twice`);
        attributes[a[1]] = decode(a[2] ?? a[3]);
      }
      const open = { name, attributes, children: [] as XmlElement[], text: '' };
      i += whole.length;
      if (selfClosing === '/') {
        if (stack.length === 0) root = open;
        else stack[stack.length - 1].children.push(open);
      } else stack.push(open);
    } else {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (stack.length === 0 && text.trim() !== '') fail('text outside the root element');
      if (/&(?!(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);)/.test(text)) fail('a stray &');
      if (stack.length > 0) stack[stack.length - 1].text += text;
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed`);
  return root ?? fail('no root element');
}

/** Every element under `element` (itself included) for which `test` holds, in document order. */
export function findElements(element: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  return [...(test(element) ? [element] : []), ...element.children.flatMap((c) => findElements(c, test))];
}
