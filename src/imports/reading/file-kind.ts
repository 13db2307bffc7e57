import { looksUtf16le } from './csv';
import { READ_LIMITS } from './read-limits';
import { mainPart, MAIN_CONTENT_TYPES } from './xlsx-package';
import { findEntry, inflateSmall, InflateBudgetError, isZip, listZip, ZipEntry, ZipFormatError } from './zip-archive';

/**
 * What an upload is, told by its bytes (never its name or MIME type), and for what cannot
 * be read, what the person should do instead. Reading only the zip's directory and its two
 * small package parts, it inflates nothing large.
 */
export type UploadFormat =
  'xls' | 'encrypted' | 'ods' | 'xlsb' | 'numbers' | 'pdf' | 'image' | 'word' | 'archive' | 'damaged' | 'unknown';

export type FileKind =
  | { readonly kind: 'xlsx'; readonly workbookPart: string }
  | { readonly kind: 'csv' }
  | { readonly kind: 'unsupported'; readonly format: UploadFormat; readonly message: string }
  | { readonly kind: 'limits'; readonly message: string };

const SAVE_AS_XLSX = 'save it as "Excel Workbook (.xlsx)" and upload that file';

export const FORMAT_ADVICE: Record<UploadFormat, string> = {
  xls: `This is an Excel 97–2003 workbook (.xls). Open it in Excel or LibreOffice Calc and ${SAVE_AS_XLSX}.`,
  encrypted:
    'This workbook is protected with a password, so it cannot be read. Open it in Excel, remove the password ' +
    '(File › Info › Protect Workbook › Encrypt with Password, and clear it), save it as .xlsx and upload it again.',
  ods: 'This is an OpenDocument spreadsheet (.ods). Open it in LibreOffice Calc and save it as "Excel 2007-365 (.xlsx)", then upload that file.',
  xlsb: `This is an Excel binary workbook (.xlsb). Open it in Excel and ${SAVE_AS_XLSX}.`,
  numbers:
    'This is an Apple Numbers document. In Numbers choose File › Export To › Excel, and upload the .xlsx file it makes.',
  pdf: 'This is a PDF document, not a spreadsheet. Upload the workbook the cases were typed in (.xlsx or .csv); the template is at /api/v1/imports/template.',
  image:
    'This is a picture, not a spreadsheet. Upload the workbook the cases were typed in (.xlsx or .csv); the template is at /api/v1/imports/template.',
  word: `This is a word-processing document, not a spreadsheet. Copy the table into the import template in Excel and ${SAVE_AS_XLSX}.`,
  archive: 'This is a compressed archive. Extract the workbook from it and upload the .xlsx file itself.',
  damaged:
    'This workbook is damaged: its zip container cannot be read (it may have been cut short while copied or downloaded, ' +
    `or written by a faulty program). Open the original in Excel or LibreOffice Calc and ${SAVE_AS_XLSX}.`,
  unknown: `This file is neither an .xlsx workbook nor a CSV text file. Open it in the program that made it and ${SAVE_AS_XLSX}.`,
};

const MAGIC: ReadonlyArray<readonly [string, UploadFormat]> = [
  ['%PDF', 'pdf'],
  ['\x89PNG', 'image'],
  ['\xFF\xD8\xFF', 'image'],
  ['GIF8', 'image'],
  ['BM', 'image'],
  ['II*\x00', 'image'],
  ['MM\x00*', 'image'],
  ['\x1F\x8B', 'archive'],
  ['Rar!', 'archive'],
  ['7z\xBC\xAF', 'archive'],
  ['{\\rtf', 'word'],
];

const OLE = Buffer.from('D0CF11E0A1B11AE1', 'hex');
const utf16 = (name: string) => Buffer.from(name, 'utf16le');

/** An OLE compound file: an encrypted Office package, an old workbook, or a Word file — told apart by its stream names. */
function oleFormat(buffer: Buffer): UploadFormat {
  if (buffer.includes(utf16('EncryptedPackage')) || buffer.includes(utf16('EncryptionInfo'))) return 'encrypted';
  if (buffer.includes(utf16('Workbook')) || buffer.includes(utf16('Book'))) return 'xls';
  if (buffer.includes(utf16('WordDocument'))) return 'word';
  return 'unknown';
}

function unsupported(format: UploadFormat): FileKind {
  return { kind: 'unsupported', format, message: FORMAT_ADVICE[format] };
}

async function zipKind(buffer: Buffer): Promise<FileKind> {
  const listing = await listZip(buffer, READ_LIMITS.maxZipEntries);
  if (!listing.ok) {
    if (listing.reason === 'too-many')
      return { kind: 'limits', message: `The workbook has more than ${READ_LIMITS.maxZipEntries} parts` };
    if (listing.reason === 'encrypted') return unsupported('encrypted');
    // cut short, two parts of one name, a part named outside the package (`../x`): no reader agrees on what it holds
    return unsupported('damaged');
  }
  const { entries } = listing;
  const declared = declaredSizeProblem([...entries.values()]);
  if (declared) return { kind: 'limits', message: declared };
  try {
    const mimetype = findEntry(entries, 'mimetype');
    if (mimetype && mimetype.uncompressedSize < 200) {
      const type = (await inflateSmall(listing, mimetype, 200)).toString('latin1');
      if (type.startsWith('application/vnd.oasis.opendocument'))
        return unsupported(type.includes('spreadsheet') ? 'ods' : 'word');
    }
    if (
      [...entries.keys()].some((name) => name.startsWith('index/') && name.endsWith('.iwa')) ||
      findEntry(entries, 'Index.zip')
    ) {
      return unsupported('numbers');
    }
    const main = await mainPart(listing);
    if (!main) return unsupported(findEntry(entries, 'content.xml') ? 'ods' : 'archive');
    if (main.contentType === MAIN_CONTENT_TYPES.binary || main.part.endsWith('.bin')) return unsupported('xlsb');
    if (main.contentType.includes('wordprocessingml') || main.contentType.includes('presentationml'))
      return unsupported('word');
    return { kind: 'xlsx', workbookPart: main.part };
  } catch (error) {
    if (error instanceof ZipFormatError) return unsupported('damaged');
    if (error instanceof InflateBudgetError) return unsupported('unknown');
    // the package's small parts are not well-formed XML
    return unsupported('unknown');
  }
}

/** A compression ratio beyond what spreadsheets reach (repetitive XML compresses about 10–40 times). */
const MAX_RATIO = 150;

/**
 * What the zip's directory says its parts expand to, checked before anything is inflated:
 * an honest zip bomb is refused at once (a dishonest one meets the inflation budget).
 */
function declaredSizeProblem(entries: ReadonlyArray<ZipEntry>): string | null {
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    compressed += e.compressedSize;
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(e.compressedSize, 1) > MAX_RATIO)
      return 'A part of the workbook is compressed beyond the accepted ratio';
  }
  if (total > READ_LIMITS.maxInflatedBytes)
    return `The workbook expands beyond ${Math.round(READ_LIMITS.maxInflatedBytes / 1048576)} MB`;
  if (total > 10 * 1024 * 1024 && total / Math.max(compressed, 1) > MAX_RATIO)
    return 'The workbook is compressed beyond the accepted ratio';
  return null;
}

export async function identify(buffer: Buffer): Promise<FileKind> {
  if (buffer.length === 0) return unsupported('unknown');
  if (isZip(buffer)) return zipKind(buffer);
  if (buffer.subarray(0, 8).equals(OLE)) return unsupported(oleFormat(buffer));
  for (const [magic, format] of MAGIC)
    if (buffer.subarray(0, magic.length).equals(Buffer.from(magic, 'latin1'))) return unsupported(format);
  if (
    buffer
      .subarray(4, 12)
      .toString('latin1')
      .match(/^ftyp(heic|heix|mif1|avif)/) ||
    buffer.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return unsupported('image');
  }
  return isText(buffer) ? { kind: 'csv' } : unsupported('unknown');
}

/** Text in UTF-8, UTF-16 or a single-byte Windows code page: no control characters but tab, CR, LF (and form feed). */
function isText(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 64 * 1024);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || looksUtf16le(head))
    return true;
  for (const byte of head)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  return true;
}
