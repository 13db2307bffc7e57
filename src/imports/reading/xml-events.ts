import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';

/**
 * XML as a stream of element and text events, with names and attribute names stripped of
 * their namespace prefix (`<x:row>` is `row`, `r:id` is `id`): writers choose prefixes
 * freely. No entity beyond XML's five is expanded and no DTD is read, so neither external
 * entities nor entity expansion can reach the reader; an undefined entity is an error.
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

function localAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in attributes) out[local(name)] = attributes[name];
  return out;
}

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

export function xmlParser(handlers: XmlHandlers): { write(chunk: Buffer): void; end(): void } {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    handlers.open(local(tag.name), localAttributes(tag.attributes as Record<string, string>), tag.isSelfClosing);
  });
  parser.on('closetag', (tag) => handlers.close?.(local(tag.name)));
  if (handlers.text) {
    const text = handlers.text.bind(handlers);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('error', (error) => {
    throw error;
  });
  // characters since the last '<' (text, or a tag's attributes)
  let run = 0;
  const write = (text: string) => {
    const lt = text.lastIndexOf('<');
    run = lt < 0 ? run + text.length : text.length - lt;
    if (run > MAX_TEXT_RUN) throw new XmlTextRunError();
    parser.write(text);
  };
  // a part may be UTF-16 (with its byte-order mark) or UTF-8
  let decoder: StringDecoder | null = null;
  return {
    write(chunk) {
      if (!decoder) {
        decoder = new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
        const text = decoder.write(chunk);
        write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        return;
      }
      write(decoder.write(chunk));
    },
    end() {
      if (decoder) parser.write(decoder.end());
      parser.close();
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
