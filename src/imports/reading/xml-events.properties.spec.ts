import { expect } from '@jest/globals';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { xmlParser, XmlHandlers } from './xml-events';

/**
 * The workbook reader's own XML scanner against a general XML parser (saxes, the one
 * exceljs reads with) on generated documents: every element, attribute and text a producer
 * may write — prefixes, both quotes, entity and character references, line ends, comments,
 * CDATA, processing instructions, a document type declaration — fed in chunks cut anywhere,
 * inside a tag or a character's bytes. Well-formed, the two give the same events; broken by
 * a stray character, the scanner never accepts what the parser refuses.
 */
type XmlEvent = ['open', string, string, boolean] | ['close', string] | ['text', string];

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const attributesOf = (attributes: Record<string, string>) =>
  JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Adjacent text joined: both readers' users gather a run of text whatever its pieces. */
function push(events: XmlEvent[], event: XmlEvent): void {
  const last = events[events.length - 1];
  if (event[0] === 'text' && last?.[0] === 'text') last[1] += event[1];
  else events.push(event);
}

function scannerEvents(chunks: Buffer[]): XmlEvent[] {
  const events: XmlEvent[] = [];
  const handlers: XmlHandlers = {
    open: (name, attributes, selfClosing) => push(events, ['open', name, attributesOf(attributes), selfClosing]),
    close: (name) => push(events, ['close', name]),
    text: (text) => push(events, ['text', text]),
  };
  const parser = xmlParser(handlers);
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  return events;
}

/** What saxes reads, in the scanner's terms: names without prefixes, namespace declarations not attributes, no text outside the document element. */
function saxesEvents(xml: string): XmlEvent[] {
  const events: XmlEvent[] = [];
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (!tag.isSelfClosing) depth++;
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>))
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) attributes[local(name)] = value;
    push(events, ['open', local(tag.name), attributesOf(attributes), tag.isSelfClosing]);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth--;
    push(events, ['close', local(tag.name)]);
  });
  // blank text outside the document element is no event of the scanner's
  parser.on('text', (text) => depth && push(events, ['text', text]));
  parser.on('cdata', (text) => push(events, ['text', text]));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml);
  parser.close();
  return events;
}

const PIECES = [
  'a',
  'Z',
  '0',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '>',
  'ü',
  'پاکستان',
  '😀',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#65;',
  '&#x1F600;',
  '&#10;',
  '&#13;',
  '_x000D_',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join(''));
const space = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n ');
const optionalSpace = fc.constantFrom('', ' ', '\n');
const prefix = fc.constantFrom('', '', 'x:', 'main:');
const NAMES = ['worksheet', 'sheetData', 'row', 'c', 'v', 'f', 'is', 't', 'r', 'rPh'];
const ATTRIBUTES = ['r', 't', 's', 'spans', 'x14ac:dyDescent', 'ht', 'xml:space'];

const attribute = fc
  .record({
    name: fc.constantFrom(...ATTRIBUTES),
    quote: fc.constantFrom('"', "'"),
    value: text,
    before: space,
    eq: fc.tuple(optionalSpace, optionalSpace),
  })
  .map(({ name, quote, value, before, eq }) => ({
    name,
    xml: `${before}${name}${eq[0]}=${eq[1]}${quote}${value.replaceAll(quote, quote === '"' ? '&quot;' : '&apos;')}${quote}`,
  }));
const attributes = fc
  .uniqueArray(attribute, { maxLength: 4, selector: (a) => local(a.name) })
  .chain((list) =>
    fc
      .constantFrom('', ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', ' xmlns:x="urn:x"')
      .map((ns) => ns + list.map((a) => a.xml).join('')),
  );

const { node } = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof(
    { weight: 3, arbitrary: tie('element') },
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: text.map((t) => `<!--${t.replaceAll('-', '')}-->`) },
    { weight: 1, arbitrary: text.map((t) => `<![CDATA[${t}<&]]>`) },
    { weight: 1, arbitrary: fc.constant('<?mso-application progid="Excel.Sheet"?>') },
  ),
  element: fc
    .record({
      prefix,
      name: fc.constantFrom(...NAMES),
      attributes,
      closeSpace: optionalSpace,
      children: fc.option(fc.array(tie('node'), { maxLength: 4 }), { nil: null, depthSize: 'small' }),
    })
    .map(({ prefix, name, attributes, closeSpace, children }) =>
      children === null
        ? `<${prefix}${name}${attributes}${closeSpace}/>`
        : `<${prefix}${name}${attributes}>${children.join('')}</${prefix}${name}${closeSpace}>`,
    ),
}));

const PROLOGUES = [
  '',
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
  '<?xml version="1.0"?><!-- written by hand -->\n',
  '<!DOCTYPE worksheet SYSTEM "sheet.dtd">',
  '<?xml version="1.0"?>\n<!DOCTYPE worksheet PUBLIC "-//x//y" "sheet.dtd" >',
];
const documentXml = fc
  .record({
    prologue: fc.constantFrom(...PROLOGUES),
    root: node.filter((n) => n.startsWith('<') && !n.startsWith('<!') && !n.startsWith('<?')),
    tail: fc.constantFrom('', '\n', '<!-- end -->'),
  })
  .map(({ prologue, root, tail }) => prologue + root + tail);

/** The document's bytes cut at the given places, in any order, inside characters too. */
function chunked(xml: string, cuts: number[]): Buffer[] {
  const bytes = Buffer.from(xml, 'utf8');
  const at = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  return [...at, bytes.length].map((end, i) => bytes.subarray(i ? at[i - 1] : 0, end));
}
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

const outcome = (read: () => XmlEvent[]) => {
  try {
    return { events: read() };
  } catch {
    return { refused: true };
  }
};

describe('workbook XML scanner against a general XML parser', () => {
  it('gives the same elements, attributes and text for any well-formed part, however it is cut', () => {
    fc.assert(
      fc.property(documentXml, cuts, (xml, at) => {
        expect(scannerEvents(chunked(xml, at))).toEqual(saxesEvents(xml));
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts what the parser refuses, when a part is broken by a stray or missing character', () => {
    const broken = fc
      .record({
        xml: documentXml,
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        edit: fc.constantFrom('', '<', '>', '&', '"', "'", '/', '=', '<a>', '</a>', '&bogus;', '&#0;', '\u0001', ']]>'),
      })
      .map(({ xml, at, edit }) => {
        const i = Math.floor(at * xml.length);
        const text = edit ? xml.slice(0, i) + edit + xml.slice(i) : xml.slice(0, i) + xml.slice(i + 1);
        // as its bytes read: a character cut in half is U+FFFD
        return Buffer.from(text, 'utf8').toString('utf8');
      });
    fc.assert(
      fc.property(broken, cuts, (xml, at) => {
        const expected = outcome(() => saxesEvents(xml));
        const actual = outcome(() => scannerEvents(chunked(xml, at)));
        if (expected.refused) expect(actual).toEqual({ refused: true });
        else if (actual.events) expect(actual.events).toEqual(expected.events);
      }),
      { numRuns: 3000 },
    );
  });
});
