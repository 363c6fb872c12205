/**
 * A small, strict, bounded XML reader for the documents appcmd prints (reference §4.3,
 * §4.4): elements, attributes, the XML declaration, comments and character data. It
 * builds an element tree and nothing else (no DTDs, no external entities, no namespaces
 * processing): appcmd output has none, and refusing them keeps hostile input harmless.
 */

export interface XmlElement {
  readonly name: string;
  /** Attribute names as written; appcmd's names are case-sensitive (`APPPOOL.NAME`, `identityType`). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
}

export class XmlFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlFormatError';
  }
}

const maxDocumentChars = 4_000_000;
const maxDepth = 64;
const maxElements = 200_000;
const namePattern = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

const predefinedEntities: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string, at: number): string {
  return text.replace(/&([^;&\s]{1,10});|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) throw new XmlFormatError(`bare "&" in XML near character ${at}`);
    const named = predefinedEntities[entity];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|(\d{1,7}))$/.exec(entity);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        throw new XmlFormatError(`invalid character reference ${match} in XML`);
      return String.fromCodePoint(code);
    }
    throw new XmlFormatError(`unknown entity ${match.slice(0, 20)} in XML near character ${at}`);
  });
}

interface MutableElement {
  name: string;
  attributes: Map<string, string>;
  children: MutableElement[];
}

/** Parses one XML document with a single root element. Text content is ignored (appcmd puts data in attributes). */
export function parseXmlElementTree(text: string): XmlElement {
  if (text.length > maxDocumentChars)
    throw new XmlFormatError(`XML document larger than ${maxDocumentChars} characters`);
  const source = text.replace(/^\uFEFF/, '');
  const stack: MutableElement[] = [];
  let root: MutableElement | null = null;
  let elementCount = 0;
  let position = 0;
  while (position < source.length) {
    const open = source.indexOf('<', position);
    const textRun = source.slice(position, open < 0 ? source.length : open);
    if (textRun.trim().length > 0 && stack.length === 0) {
      throw new XmlFormatError(`text outside the root element: "${textRun.trim().slice(0, 60)}"`);
    }
    if (open < 0) break;
    if (source.startsWith('<?', open)) {
      const end = source.indexOf('?>', open);
      if (end < 0) throw new XmlFormatError('unterminated <? declaration');
      position = end + 2;
    } else if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open + 4);
      if (end < 0) throw new XmlFormatError('unterminated XML comment');
      position = end + 3;
    } else if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open);
      if (end < 0) throw new XmlFormatError('unterminated CDATA section');
      position = end + 3;
    } else if (source.startsWith('<!', open)) {
      throw new XmlFormatError('DOCTYPE and other declarations are not accepted');
    } else if (source.startsWith('</', open)) {
      const end = source.indexOf('>', open);
      if (end < 0) throw new XmlFormatError('unterminated end tag');
      const name = source.slice(open + 2, end).trim();
      const current = stack.pop();
      if (!current || current.name !== name) {
        throw new XmlFormatError(
          `end tag </${name.slice(0, 60)}> does not match <${current?.name.slice(0, 60) ?? '(nothing)'}>`,
        );
      }
      position = end + 1;
    } else {
      const { element, selfClosing, end } = readStartTag(source, open);
      elementCount += 1;
      if (elementCount > maxElements) throw new XmlFormatError(`more than ${maxElements} XML elements`);
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) throw new XmlFormatError('more than one root element');
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        if (stack.length > maxDepth) throw new XmlFormatError(`XML nested deeper than ${maxDepth} levels`);
      }
      position = end;
    }
  }
  if (stack.length > 0)
    throw new XmlFormatError(`element <${stack.at(-1)?.name.slice(0, 60) ?? ''}> is not closed`);
  if (!root) throw new XmlFormatError('no XML element found');
  return root;
}

function readStartTag(
  source: string,
  open: number,
): { element: MutableElement; selfClosing: boolean; end: number } {
  let position = open + 1;
  const nameMatch = /^[^\s/>]+/.exec(source.slice(position, position + 256));
  const name = nameMatch?.[0] ?? '';
  if (!namePattern.test(name))
    throw new XmlFormatError(`invalid element name "${name.slice(0, 60)}" at character ${open}`);
  position += name.length;
  const attributes = new Map<string, string>();
  for (;;) {
    while (/\s/.test(source.charAt(position))) position += 1;
    const char = source.charAt(position);
    if (char === '') throw new XmlFormatError(`unterminated start tag <${name.slice(0, 60)}>`);
    if (char === '>')
      return { element: { name, attributes, children: [] }, selfClosing: false, end: position + 1 };
    if (char === '/' && source.charAt(position + 1) === '>')
      return { element: { name, attributes, children: [] }, selfClosing: true, end: position + 2 };
    const attribute = /^([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(
      source.slice(position, position + 70_000),
    );
    if (!attribute?.[1])
      throw new XmlFormatError(`malformed attribute in <${name.slice(0, 60)}> at character ${position}`);
    const attributeName = attribute[1];
    if (!namePattern.test(attributeName))
      throw new XmlFormatError(`invalid attribute name "${attributeName.slice(0, 60)}"`);
    if (attributes.has(attributeName))
      throw new XmlFormatError(`attribute ${attributeName} repeated in <${name.slice(0, 60)}>`);
    attributes.set(attributeName, decodeEntities(attribute[2] ?? attribute[3] ?? '', position));
    position += attribute[0].length;
  }
}

/** Children with the given element name. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
