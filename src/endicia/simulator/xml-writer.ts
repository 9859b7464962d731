/** One element of an answer: text, or ordered children. */
export type XmlElement = readonly [name: string, content: string | readonly XmlElement[]];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// XmlSerializer escapes only & < > in element text (quotes stay literal) and writes line breaks as CRLF.
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char] ?? char).replace(/\r?\n/g, '\r\n');
}

function write(element: XmlElement, indent: string, lines: string[]): void {
  const [name, content] = element;
  if (typeof content === 'string') {
    lines.push(
      content === '' ? `${indent}<${name} />` : `${indent}<${name}>${escapeText(content)}</${name}>`,
    );
    return;
  }
  lines.push(`${indent}<${name}>`);
  for (const child of content) write(child, `${indent}  `, lines);
  lines.push(`${indent}</${name}>`);
}

const ROOT_NAMESPACES =
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns="www.envmgr.com/LabelService"';

/**
 * An answer document as .NET's XmlSerializer writes it: utf-8 declaration, the xsi/xsd prefixes and the
 * relative default namespace on the root, two-space indent, CRLF line breaks, no final newline.
 */
export function writeAnswer(root: string, children: readonly XmlElement[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<${root} ${ROOT_NAMESPACES}>`];
  for (const child of children) write(child, '  ', lines);
  lines.push(`</${root}>`);
  return lines.join('\r\n');
}
