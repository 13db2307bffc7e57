import { createInflateRaw, inflateRawSync } from 'node:zlib';

/**
 * A zip read from its central directory, never trusting the sizes it declares: a part is
 * inflated with a budget of bytes actually produced, so a part that lies about its size is
 * stopped at the budget whatever its headers say.
 */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly localHeader: number;
}

export type ZipListing =
  | { readonly ok: true; readonly entries: ReadonlyMap<string, ZipEntry> }
  | { readonly ok: false; readonly reason: 'unreadable' | 'zip64' | 'too-many' | 'duplicate' | 'encrypted' };

export class InflateBudgetError extends Error {
  constructor(readonly part: string) {
    super(`the part ${part} expands beyond the budget`);
  }
}

export class ZipFormatError extends Error {}

/** A part that inflates to more than its directory entry declares: a damaged or crafted zip. */
export class DeclaredSizeError extends Error {
  constructor(readonly part: string) {
    super(`the part ${part} expands beyond its declared size`);
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

function findEndOfCentralDirectory(buffer: Buffer): number {
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= stop; i--) if (buffer.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  return -1;
}

/** Whether the bytes start as a zip file does. */
export function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === LOCAL_HEADER;
}

/** The entries of a zip's central directory, by name (part names compared as written). */
export function listZip(buffer: Buffer, maxEntries: number): ZipListing {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) return { ok: false, reason: 'unreadable' };
  const count = buffer.readUInt16LE(eocd + 10);
  const dirSize = buffer.readUInt32LE(eocd + 12);
  const dirOffset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) return { ok: false, reason: 'zip64' };
  if (count > maxEntries) return { ok: false, reason: 'too-many' };
  if (dirOffset + dirSize > buffer.length) return { ok: false, reason: 'unreadable' };
  const entries = new Map<string, ZipEntry>();
  let offset = dirOffset;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_HEADER) return { ok: false, reason: 'unreadable' };
    const nameLength = buffer.readUInt16LE(offset + 28);
    const entry: ZipEntry = {
      name: buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'),
      flags: buffer.readUInt16LE(offset + 8),
      method: buffer.readUInt16LE(offset + 10),
      compressed: buffer.readUInt32LE(offset + 20),
      uncompressed: buffer.readUInt32LE(offset + 24),
      localHeader: buffer.readUInt32LE(offset + 42),
    };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff || entry.localHeader === 0xffffffff) {
      return { ok: false, reason: 'zip64' };
    }
    if (entry.flags & 0x01) return { ok: false, reason: 'encrypted' };
    // two parts of one name make the package ambiguous: readers disagree on which is meant
    const key = entry.name.toLowerCase();
    if (entries.has(key)) return { ok: false, reason: 'duplicate' };
    entries.set(key, entry);
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return { ok: true, entries };
}

/** An entry by its part name (OPC part names are case-insensitive; a leading slash is allowed). */
export function findEntry(entries: ReadonlyMap<string, ZipEntry>, partName: string): ZipEntry | undefined {
  return entries.get(partName.replace(/^\//, '').toLowerCase());
}

function compressedData(buffer: Buffer, entry: ZipEntry): Buffer {
  const h = entry.localHeader;
  if (h + 30 > buffer.length || buffer.readUInt32LE(h) !== LOCAL_HEADER) throw new ZipFormatError(`the part ${entry.name} cannot be found`);
  const start = h + 30 + buffer.readUInt16LE(h + 26) + buffer.readUInt16LE(h + 28);
  if (start + entry.compressed > buffer.length) throw new ZipFormatError(`the part ${entry.name} is cut short`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`the part ${entry.name} uses an unknown compression`);
  return buffer.subarray(start, start + entry.compressed);
}

/** A small part whole, or an error once it produces more than `maxBytes`. */
export function inflateSmall(buffer: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const data = compressedData(buffer, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new InflateBudgetError(entry.name);
    return data;
  }
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.min(maxBytes, entry.uncompressed) + 1 });
    if (out.length > maxBytes) throw new InflateBudgetError(entry.name);
    if (out.length > entry.uncompressed) throw new DeclaredSizeError(entry.name);
    return out;
  } catch (error) {
    if (error instanceof InflateBudgetError || error instanceof DeclaredSizeError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' && entry.uncompressed < maxBytes) throw new DeclaredSizeError(entry.name);
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateBudgetError(entry.name);
    throw new ZipFormatError(`the part ${entry.name} is damaged`);
  }
}

/** Bytes inflated so far across the parts of one file, against one budget. */
export class InflateBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  take(part: string, bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw new InflateBudgetError(part);
  }

  get spent(): number {
    return this.used;
  }
}

/**
 * A part's bytes in chunks as they are inflated, each counted against the budget before it
 * is handed on: the first chunk past it ends the inflation.
 */
export async function* inflateChunks(buffer: Buffer, entry: ZipEntry, budget: InflateBudget): AsyncGenerator<Buffer> {
  const data = compressedData(buffer, entry);
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 1 << 16) {
      const chunk = data.subarray(i, i + (1 << 16));
      budget.take(entry.name, chunk.length);
      yield chunk;
    }
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 1 << 16 });
  inflater.end(data);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      // an honest zip states each part's size exactly; one that grows past it is stopped at once
      if (produced > entry.uncompressed) throw new DeclaredSizeError(entry.name);
      budget.take(entry.name, chunk.length);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof InflateBudgetError || error instanceof DeclaredSizeError) throw error;
    throw new ZipFormatError(`the part ${entry.name} is damaged`);
  } finally {
    inflater.destroy();
  }
}
