import { XMLBuilder } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildXml, parseXml, type XmlTree } from '../../src/endicia/xml.ts';

// The serialiser is hand-written for speed; fast-xml-parser's builder (what it replaced) is the reference.
const reference = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});
const byReference = (root: string, tree: XmlTree) => reference.build({ [root]: tree }).trimEnd();

const TEXTS = [
  '',
  'plain',
  `demo <one> & "two"`,
  `it's &amp; not &#39; decoded`,
  '  spaces kept  ',
  'ünïcödé – 漢字 🙂',
  '<![CDATA[x]]>',
  'tab\tand\nnewline',
];

describe('buildXml', () => {
  it('writes exactly what fast-xml-parser’s builder writes, for every awkward text', () => {
    for (const text of TEXTS) {
      const tree: XmlTree = {
        '@_ResponseVersion': '0',
        RequesterID: 'lxxx',
        RequestID: text,
        CertifiedIntermediary: { AccountID: '2500001', PassPhrase: text },
        NewPassPhrase: text,
      };
      expect(buildXml('ChangePassPhraseRequest', tree)).toBe(byReference('ChangePassPhraseRequest', tree));
      expect(buildXml('R', { '@_A': text, B: 'b' })).toBe(byReference('R', { '@_A': text, B: 'b' }));
    }
  });

  it('round-trips every text through the parser unchanged', () => {
    for (const text of TEXTS.filter((t) => t.trim() === t && t !== '')) {
      const parsed = parseXml(buildXml('R', { P: text }));
      expect(parsed).toEqual({ root: 'R', content: { P: text } });
    }
  });
});
