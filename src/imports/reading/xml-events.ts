import { StringDecoder } from 'node:string_decoder';

/**
 * XML as a stream of element and text events, with names and attribute names stripped of
 * their namespace prefix (`<x:row>` is `row`, `r:id` is `id`): writers choose prefixes
 * freely. Namespace declarations (`xmlns`, `xmlns:x`) are not attributes. No entity beyond
 * XML's five and character references is expanded and no DTD is read (a document type
 * declaration is passed over, refused if it declares anything), so neither external entities nor entity expansion can reach
 * the reader; an undefined entity is an error, as is any markup that is not well-formed.
 * A self-closing element is opened and then closed; text arrives whole, once per run
 * between two pieces of markup.
 */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * The longest run of characters between two tags that any part of a workbook needs (a cell
 * holds at most 32,767): the parser gathers such a run whole before it hands it on, so a
 * longer one is refused before it fills the memory.
 */
export const MAX_TEXT_RUN = 1_000_000;

export class XmlTextRunError extends Error {
  constructor() {
    super(`a run of more than ${MAX_TEXT_RUN} characters between two tags`);
  }
}

/** XML that is not well-formed: the reason is for the service's log. */
class XmlFormatError extends Error {
  override name = 'XmlFormatError';
}

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

/** XML's names (of elements and attributes), a namespace prefix included. */
const NAME = /^[A-Za-z_:\u00c0-\ufffd][\w.:\-\u00b7\u00c0-\ufffd]*$/;

const XML_DECLARATION =
  /^xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/;

/** Characters XML 1.0 does not allow anywhere in a document, not even escaped in text. */
// eslint-disable-next-line no-control-regex -- these control characters are what it finds
const NOT_XML_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

function character(reference: string): string {
  const code = /^#x[0-9a-fA-F]+$/.test(reference)
    ? parseInt(reference.slice(2), 16)
    : /^#[0-9]+$/.test(reference)
      ? Number(reference.slice(1))
      : -1;
  if (code < 0) throw new XmlFormatError('an undefined entity');
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    throw new XmlFormatError('a character reference to no character');
  const text = String.fromCodePoint(code);
  if (NOT_XML_CHARACTER.test(text)) throw new XmlFormatError('a character reference to a character XML does not allow');
  return text;
}

function entity(name: string): string {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return character(name);
  }
}

/** Entity and character references expanded; an `&` that starts none is an error. */
function expand(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semicolon = raw.indexOf(';', amp + 1);
    if (semicolon < 0) throw new XmlFormatError('an & that starts no reference');
    out += raw.slice(from, amp) + entity(raw.slice(amp + 1, semicolon));
    from = semicolon + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/** Line ends as XML reads them: `\r\n` and `\r` written in the part are `\n`. */
const lineEnds = (raw: string): string => (raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n'));

/** Text as XML reads it: line ends made `\n` before references are expanded (`&#13;` stays). */
const textOf = (raw: string): string => expand(lineEnds(raw));

/** An attribute's value as XML reads it: every line end and tab written in it is a space. */
function attributeValue(raw: string): string {
  if (raw.indexOf('<') >= 0) throw new XmlFormatError('a < inside an attribute value');
  return expand(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\n\t]/g, ' ') : raw);
}

/**
 * Where a document type declaration whose name starts at `from` ends (after its `>`), or -1
 * if the text ends first. One that declares anything (an internal subset, where entities are
 * declared) is refused: no producer of workbooks writes one.
 */
function endOfDoctype(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === QUOTE || code === APOSTROPHE) {
      i = s.indexOf(code === QUOTE ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (code === 0x5b) throw new XmlFormatError('a document type declaration that declares entities');
    else if (code === GT) return i + 1;
  }
  return -1;
}

const KEPT_NAMES = 256;

/**
 * A streaming XML reader written for the parts of a workbook: it finds markup with
 * `indexOf` rather than walking every character through a general parser's states, which
 * made reading a worksheet cost more than the rest of an import's checking together.
 * Markup cut by a chunk's end is kept until the next chunk completes it.
 */
class XmlScanner {
  /** Unread characters: a run of text or a piece of markup that the next chunk may continue. */
  private pending = '';
  private readonly open: string[] = [];
  private rootSeen = false;
  /** Whether any of the part was read: the XML declaration may only come first. */
  private begun = false;
  /** Names already found well-formed: a part uses a few names over and over (a crafted one, not many more kept). */
  private readonly names = new Set<string>();

  constructor(private readonly handlers: XmlHandlers) {}

  write(text: string): void {
    if (NOT_XML_CHARACTER.test(text)) throw new XmlFormatError('a character XML does not allow');
    const s = this.pending ? this.pending + text : text;
    const read = this.scan(s, false);
    if (read > 0) this.begun = true;
    this.pending = s.slice(read);
    if (this.pending.length > MAX_TEXT_RUN) throw new XmlTextRunError();
  }

  end(): void {
    const s = this.pending;
    this.pending = '';
    if (this.scan(s, true) < s.length) throw new XmlFormatError('the document ends inside markup');
    if (this.open.length) throw new XmlFormatError('the document ends before its elements are closed');
    if (!this.rootSeen) throw new XmlFormatError('the document has no element');
  }

  /** Reads what is complete in `s`; returns where the unread rest begins. */
  private scan(s: string, final: boolean): number {
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (!final) return i;
        this.text(s.slice(i));
        return s.length;
      }
      if (lt > i) this.text(s.slice(i, lt));
      const next = this.markup(s, lt, final);
      if (next < 0) return lt;
      i = next;
    }
    return i;
  }

  private text(raw: string): void {
    if (!this.open.length) {
      if (raw.trim() !== '') throw new XmlFormatError('text outside the document element');
      return;
    }
    if (raw.indexOf(']]>') >= 0) throw new XmlFormatError('a ]]> in text');
    this.handlers.text?.(textOf(raw));
  }

  /** Reads the markup at `lt`; returns where it ends, or -1 when the text ends first. */
  private markup(s: string, lt: number, final: boolean): number {
    const kind = s.charCodeAt(lt + 1);
    if (kind === SLASH) {
      const gt = s.indexOf('>', lt + 2);
      if (gt < 0) return -1;
      const name = s.slice(lt + 2, gt).trimEnd();
      if (this.open.pop() !== name) throw new XmlFormatError('a closing tag that does not match its element');
      this.handlers.close?.(local(name));
      return gt + 1;
    }
    if (kind === QUESTION) return this.instruction(s, lt);
    if (kind === BANG) return this.declaration(s, lt, final);
    if (Number.isNaN(kind)) return -1;
    return this.element(s, lt);
  }

  /** A processing instruction at `lt`, passed over; the XML declaration only as a part's first characters. */
  private instruction(s: string, lt: number): number {
    const end = s.indexOf('?>', lt + 2);
    if (end < 0) return -1;
    const target = /^[^\s?]*/.exec(s.slice(lt + 2, end))![0];
    if (!NAME.test(target)) throw new XmlFormatError('a processing instruction with no well-formed target');
    if (target.toLowerCase() === 'xml' && (this.begun || lt > 0 || !XML_DECLARATION.test(s.slice(lt + 2, end))))
      throw new XmlFormatError('an XML declaration that is not well-formed or not at the start of the part');
    return end + 2;
  }

  /** A comment, a CDATA section or a document type declaration at `lt`. */
  private declaration(s: string, lt: number, final: boolean): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (!this.open.length) throw new XmlFormatError('a CDATA section outside the document element');
      this.handlers.text?.(lineEnds(s.slice(lt + 9, end)));
      return end + 3;
    }
    if (s.startsWith('<!DOCTYPE', lt)) {
      if (this.rootSeen) throw new XmlFormatError('a document type declaration after the document element');
      return endOfDoctype(s, lt + 9);
    }
    if (!final && s.length - lt < 9) return -1;
    throw new XmlFormatError('markup that is neither an element, a comment nor a CDATA section');
  }

  private name(name: string): string {
    if (this.names.has(name)) return name;
    if (!NAME.test(name) || name.endsWith(':')) throw new XmlFormatError('a tag or attribute with no well-formed name');
    if (this.names.size < KEPT_NAMES) this.names.add(name);
    return name;
  }

  /** An element's start tag at `lt`. */
  private element(s: string, lt: number): number {
    const n = s.length;
    let p = lt + 1;
    while (p < n) {
      const code = s.charCodeAt(p);
      if (isSpace(code) || code === GT || code === SLASH) break;
      p++;
    }
    if (p >= n) return -1;
    const name = this.name(s.slice(lt + 1, p));
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const before = p;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return -1;
      const code = s.charCodeAt(p);
      if (code === GT) {
        p++;
        break;
      }
      if (code === SLASH) {
        if (p + 1 >= n) return -1;
        if (s.charCodeAt(p + 1) !== GT) throw new XmlFormatError('a / inside a tag');
        selfClosing = true;
        p += 2;
        break;
      }
      if (p === before) throw new XmlFormatError('attributes not parted by space');
      const start = p;
      while (p < n) {
        const c = s.charCodeAt(p);
        if (c === EQUALS || isSpace(c) || c === GT || c === SLASH) break;
        p++;
      }
      const nameEnd = p;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return -1;
      const attribute = this.name(s.slice(start, nameEnd));
      if (s.charCodeAt(p) !== EQUALS) throw new XmlFormatError('an attribute with no value');
      p++;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return -1;
      const quote = s.charCodeAt(p);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw new XmlFormatError('an attribute value not in quotes');
      const close = s.indexOf(quote === QUOTE ? '"' : "'", p + 1);
      if (close < 0) return -1;
      const value = attributeValue(s.slice(p + 1, close));
      p = close + 1;
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
      const key = local(attribute);
      if (Object.prototype.hasOwnProperty.call(attributes, key)) throw new XmlFormatError('an attribute given twice');
      attributes[key] = value;
    }
    if (!this.open.length) {
      if (this.rootSeen) throw new XmlFormatError('a second document element');
      this.rootSeen = true;
    }
    const tag = local(name);
    if (selfClosing) {
      this.handlers.open(tag, attributes, true);
      this.handlers.close?.(tag);
    } else {
      this.open.push(name);
      this.handlers.open(tag, attributes, false);
    }
    return p;
  }
}

export function xmlParser(handlers: XmlHandlers): { write(chunk: Buffer): void; end(): void } {
  const scanner = new XmlScanner(handlers);
  // a part may be UTF-16 (with its byte-order mark) or UTF-8
  let decoder: StringDecoder | null = null;
  return {
    write(chunk) {
      if (!decoder) {
        decoder = new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
        const text = decoder.write(chunk);
        scanner.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        return;
      }
      scanner.write(decoder.write(chunk));
    },
    end() {
      if (decoder) scanner.write(decoder.end());
      scanner.end();
    },
  };
}

/** A small XML part parsed whole. */
export function parseXml(data: Buffer, handlers: XmlHandlers): void {
  const parser = xmlParser(handlers);
  parser.write(data);
  parser.end();
}

/** V8 cuts strings this long out of the parser's chunk without copying them (a "sliced" string). */
const SLICED = 13;

/**
 * The same text in a string of its own: a value sliced from the XML parser's chunk would
 * otherwise keep the whole chunk alive for as long as the value lives (a row's cell, a shared string).
 */
export function detached(value: string): string {
  return value.length >= SLICED ? (' ' + value).slice(1) : value;
}
