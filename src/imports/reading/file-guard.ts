import { inflateRawSync } from 'node:zlib';

/**
 * Checks made on the raw bytes before any parser sees them: what kind of file it is (by its
 * magic bytes, not its name or MIME type) and, for a workbook, that its zip container is
 * within limits — read from the central directory alone, so a zip bomb is never inflated.
 */
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxUncompressedBytes: number;
  readonly maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 200, maxUncompressedBytes: 400 * 1024 * 1024, maxRatio: 150 };

export type FileKind = 'xlsx' | 'csv' | 'unsupported';

/** Signatures of files people upload by mistake (PDF, old .xls, images, archives). */
const FOREIGN = ['%PDF', '\xD0\xCF\x11\xE0', '\x89PNG', '\xFF\xD8\xFF', 'GIF8', '\x1F\x8B', 'Rar!', '7z\xBC\xAF', '{\\rtf'].map((m) => Buffer.from(m, 'latin1'));

export function sniffKind(buffer: Buffer): FileKind {
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (FOREIGN.some((magic) => buffer.subarray(0, magic.length).equals(magic))) return 'unsupported';
  if (buffer.length === 0 || buffer.includes(0)) return 'unsupported';
  // a CSV is readable UTF-8 text
  const text = buffer.subarray(0, 64 * 1024).toString('utf8');
  return text.includes('\uFFFD') && !/[\uFFFD]$/.test(text) ? 'unsupported' : 'csv';
}

export type ZipCheck = { ok: true } | { ok: false; code: 'IMPORT.NOT_XLSX' | 'IMPORT.ZIP_LIMITS'; message: string };

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly localHeader: number;
  /** Offset and length of the entry's central-directory record. */
  readonly central: number;
  readonly centralLength: number;
}

/** The entries of a zip's central directory, or an error message when there is none to read. */
function centralDirectory(buffer: Buffer, maxEntries: number): ZipEntry[] | 'unreadable' | 'zip64' | 'too-many' {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) return 'unreadable';
  const count = buffer.readUInt16LE(eocd + 10);
  const dirSize = buffer.readUInt32LE(eocd + 12);
  const dirOffset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return 'zip64';
  if (count > maxEntries) return 'too-many';
  if (dirOffset + dirSize > buffer.length) return 'unreadable';
  const entries: ZipEntry[] = [];
  let offset = dirOffset;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return 'unreadable';
    const nameLength = buffer.readUInt16LE(offset + 28);
    const centralLength = 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
    entries.push({
      name: buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'),
      flags: buffer.readUInt16LE(offset + 8),
      method: buffer.readUInt16LE(offset + 10),
      compressed: buffer.readUInt32LE(offset + 20),
      uncompressed: buffer.readUInt32LE(offset + 24),
      localHeader: buffer.readUInt32LE(offset + 42),
      central: offset,
      centralLength,
    });
    offset += centralLength;
  }
  return entries;
}

export function checkZip(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  const entries = centralDirectory(buffer, limits.maxEntries);
  const notXlsx = { ok: false as const, code: 'IMPORT.NOT_XLSX' as const, message: 'The file is not a readable .xlsx workbook' };
  if (entries === 'unreadable') return notXlsx;
  if (entries === 'zip64') return { ok: false, code: 'IMPORT.ZIP_LIMITS', message: 'ZIP64 workbooks are not accepted' };
  if (entries === 'too-many') return { ok: false, code: 'IMPORT.ZIP_LIMITS', message: `The workbook has more than ${limits.maxEntries} parts` };
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) return { ok: false, code: 'IMPORT.NOT_XLSX', message: 'The zip file holds no Excel workbook' };
  let total = 0;
  let compressedTotal = 0;
  for (const e of entries) {
    total += e.uncompressed;
    compressedTotal += e.compressed;
    if (e.uncompressed > 1024 * 1024 && e.uncompressed / Math.max(e.compressed, 1) > limits.maxRatio) {
      return { ok: false, code: 'IMPORT.ZIP_LIMITS', message: 'A part of the workbook is compressed beyond the accepted ratio' };
    }
  }
  if (total > limits.maxUncompressedBytes) {
    return { ok: false, code: 'IMPORT.ZIP_LIMITS', message: `The workbook expands beyond ${Math.round(limits.maxUncompressedBytes / 1048576)} MB` };
  }
  if (total > 10 * 1024 * 1024 && total / Math.max(compressedTotal, 1) > limits.maxRatio) {
    return { ok: false, code: 'IMPORT.ZIP_LIMITS', message: 'The workbook is compressed beyond the accepted ratio' };
  }
  return { ok: true };
}

/** One small part of a checked zip, inflated (used for xl/workbook.xml). */
export function readZipEntry(buffer: Buffer, name: string): Buffer | null {
  const entries = centralDirectory(buffer, Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(entries)) return null;
  const entry = entries.find((e) => e.name === name);
  if (!entry || entry.uncompressed > 16 * 1024 * 1024) return null;
  const h = entry.localHeader;
  const start = h + 30 + buffer.readUInt16LE(h + 26) + buffer.readUInt16LE(h + 28);
  const data = buffer.subarray(start, start + entry.compressed);
  return entry.method === 8 ? inflateRawSync(data, { maxOutputLength: entry.uncompressed + 1 }) : data;
}

/** The parts a streaming reader must meet before any worksheet, in this order. */
const LEADING_PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The same zip with the workbook, its relations, shared strings and styles moved ahead of
 * the worksheets (entries copied as they are, not re-compressed). Writers store parts in
 * any order; exceljs' streaming reader resolves sheet names and shared strings only for
 * parts it has already met.
 */
export function workbookFirst(buffer: Buffer): Buffer {
  const entries = centralDirectory(buffer, Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(entries)) return buffer;
  const rank = (e: ZipEntry) => (LEADING_PARTS.includes(e.name) ? LEADING_PARTS.indexOf(e.name) : LEADING_PARTS.length);
  const ordered = [...entries].sort((a, b) => rank(a) - rank(b) || a.localHeader - b.localHeader);
  if (ordered.every((e, i) => e === entries.slice().sort((a, b) => a.localHeader - b.localHeader)[i])) return buffer;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    const h = e.localHeader;
    let end = h + 30 + buffer.readUInt16LE(h + 26) + buffer.readUInt16LE(h + 28) + e.compressed;
    if (e.flags & 0x08) end += buffer.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
    locals.push(buffer.subarray(h, end));
    const central = Buffer.from(buffer.subarray(e.central, e.central + e.centralLength));
    central.writeUInt32LE(offset, 42);
    centrals.push(central);
    offset += end - h;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.from(buffer.subarray(findEndOfCentralDirectory(buffer), findEndOfCentralDirectory(buffer) + 22));
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  eocd.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, directory, eocd]);
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= stop; i--) if (buffer.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
