import { type EntityDecoderOptions, XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** Prefix of attribute keys in the trees given to `buildXml`. */
export const ATTRIBUTE_PREFIX = '@_';

/** A tree for `buildXml`: strings are text nodes; key order is element order. */
export interface XmlTree {
  [name: string]: string | XmlTree;
}

// The builder escapes & < > " ' in text and attributes, so any pass phrase travels intact.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});

/** Serialises one document (no XML declaration: ELS accepts requests without one). */
export function buildXml(root: string, tree: XmlTree): string {
  return builder.build({ [root]: tree }).trimEnd();
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
