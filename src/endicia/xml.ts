import { type EntityDecoderOptions, XMLParser, XMLValidator } from 'fast-xml-parser';

/** Prefix of attribute keys in the trees given to `buildXml`. */
export const ATTRIBUTE_PREFIX = '@_';

/** A tree for `buildXml`: strings are text nodes; key order is element order. */
export interface XmlTree {
  [name: string]: string | XmlTree;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** & < > " ' escaped in text and attribute values, so any pass phrase travels intact. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function element(name: string, value: string | XmlTree, indent: string): string {
  if (typeof value === 'string') return `${indent}<${name}>${escapeXml(value)}</${name}>\n`;
  let attributes = '';
  let children = '';
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith(ATTRIBUTE_PREFIX) && typeof child === 'string') {
      attributes += ` ${key.slice(ATTRIBUTE_PREFIX.length)}="${escapeXml(child)}"`;
    } else {
      children += element(key, child, `${indent}  `);
    }
  }
  return children === ''
    ? `${indent}<${name}${attributes}></${name}>\n`
    : `${indent}<${name}${attributes}>\n${children}${indent}</${name}>\n`;
}

/**
 * Serialises one document (no XML declaration: ELS accepts requests without one), indented by two
 * spaces. Written out by hand: a request is a handful of fixed elements, and fast-xml-parser's builder
 * cost as much as parsing the answer (issue 17); `test/endicia/xml-build.test.ts` pins it to the builder.
 */
export function buildXml(root: string, tree: XmlTree): string {
  return element(root, tree, '').trimEnd();
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;

function decodeReference(match: string, name: string): string {
  const code = name.startsWith('#x')
    ? Number.parseInt(name.slice(2), 16)
    : name.startsWith('#')
      ? Number(name.slice(1))
      : -1;
  if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  return NAMED[name] ?? match;
}

/**
 * Exactly XML's references: the five named entities and numeric ones (`&#39;`, `&#x2019;`). The parser's
 * default leaves numeric references undecoded, which would corrupt a pass phrase sent as `it&#39;s`.
 * DOCTYPE-declared entities are deliberately not expanded.
 */
export const xmlEntityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text) => (text.includes('&') ? text.replace(REFERENCE, decodeReference) : text),
};

// NOTE: parseTagValue false keeps account numbers ("0123456") and money ("30", "76.5") as strings;
// removeNSPrefix + ignored attributes make answers namespace-agnostic (default xmlns, soap: prefixes).
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  entityDecoder: xmlEntityDecoder,
});

/** A parsed document: its root's local name and content (strings for text, objects, arrays for repeats). */
export interface XmlDocument {
  root: string;
  content: unknown;
}

/**
 * Parses an answer; `undefined` when it is not one well-formed document (truncated, not XML, several roots).
 * The validator runs first because the parser alone accepts unclosed tags.
 */
export function parseXml(text: string): XmlDocument | undefined {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) return undefined;
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch {
    return undefined;
  }
  if (typeof tree !== 'object' || tree === null) return undefined;
  const roots = Object.entries(tree);
  const [first] = roots;
  if (roots.length !== 1 || first === undefined) return undefined;
  return { root: first[0], content: first[1] };
}
