import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { xmlEntityDecoder } from '../xml.ts';

/** A request document read the way ASP.NET's XmlSerializer reads it: by local name, order-insensitive. */
export interface ElsRequest {
  /** Local name of the root element. */
  readonly root: string;
  /** A root attribute (`ResponseVersion`, `TokenRequested`). */
  attribute(name: string): string | undefined;
  /** Text of the element at `path` below the root, exactly as sent (spaces kept); undefined when absent. */
  text(...path: string[]): string | undefined;
}

const ATTRIBUTE = '@_';

// NOTE: trimValues false, because pass phrases are space-sensitive; whitespace between elements shows up as
// '#text' keys of container elements, which `text()` never reads.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  entityDecoder: xmlEntityDecoder,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function leafText(node: unknown): string | undefined {
  // A repeated element: like XmlSerializer filling a scalar member, the last one wins.
  const value = Array.isArray(node) ? node.at(-1) : node;
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  const text = value['#text'];
  // `<PassPhrase a="1"/>` has attributes but no text: present and empty.
  return typeof text === 'string' ? text : '';
}

/** Parses a request document; `undefined` when it is not well-formed XML with exactly one root element. */
export function readRequest(xml: string): ElsRequest | undefined {
  const trimmed = xml.trim();
  if (trimmed === '' || XMLValidator.validate(trimmed) !== true) return undefined;
  let tree: unknown;
  try {
    tree = parser.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(tree)) return undefined;
  const roots = Object.entries(tree).filter(([key]) => key !== '#text');
  const [first] = roots;
  if (roots.length !== 1 || first === undefined) return undefined;
  const [root, content] = first;
  return {
    root,
    attribute: (name) => {
      const value = isRecord(content) ? content[`${ATTRIBUTE}${name}`] : undefined;
      return typeof value === 'string' ? value : undefined;
    },
    text: (...path) => {
      let node: unknown = content;
      for (const name of path) {
        const parent = Array.isArray(node) ? node.at(-1) : node;
        node = isRecord(parent) ? parent[name] : undefined;
      }
      return leafText(node);
    },
  };
}
