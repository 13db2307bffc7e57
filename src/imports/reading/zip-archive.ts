import * as yauzl from 'yauzl';

/**
 * A zip read with yauzl, never trusting the sizes it declares: every part is inflated as a
 * stream whose bytes are counted against a budget as they come, and yauzl stops a part that
 * produces more than its directory entry declares.
 */
export type ZipEntry = yauzl.Entry;

export interface ZipArchive {
  readonly zip: yauzl.ZipFile;
  /** The parts by name, lower-cased (OPC part names are case-insensitive). */
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

export type ZipListing =
  | ({ readonly ok: true } & ZipArchive)
  | { readonly ok: false; readonly reason: 'unreadable' | 'too-many' | 'duplicate' | 'encrypted' };

export class InflateBudgetError extends Error {
  constructor(readonly part: string) {
    super(`the part ${part} expands beyond the budget`);
  }
}

/** A part that inflates to more than its directory entry declares: a damaged or crafted zip. */
export class DeclaredSizeError extends Error {
  constructor(readonly part: string) {
    super(`the part ${part} expands beyond its declared size`);
  }
}

export class ZipFormatError extends Error {}

/** Whether the bytes start as a zip file does. */
export function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

/** The parts of a zip, from its central directory; a zip of more than `maxEntries` parts is not listed. */
export async function listZip(buffer: Buffer, maxEntries: number): Promise<ZipListing> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      validateEntrySizes: true,
      decodeStrings: true,
      strictFileNames: false,
    });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (zip.entryCount > maxEntries) return { ok: false, reason: 'too-many' };
  const entries = new Map<string, ZipEntry>();
  return new Promise<ZipListing>((resolve) => {
    zip.on('error', () => resolve({ ok: false, reason: 'unreadable' }));
    zip.on('end', () => resolve({ ok: true, zip, entries }));
    zip.on('entry', (entry: ZipEntry) => {
      if (entry.isEncrypted()) return resolve({ ok: false, reason: 'encrypted' });
      // two parts of one name make the package ambiguous: readers disagree on which is meant
      const key = entry.fileName.toLowerCase();
      if (entries.has(key)) return resolve({ ok: false, reason: 'duplicate' });
      entries.set(key, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** An entry by its part name (OPC part names are case-insensitive; a leading slash is allowed). */
export function findEntry(entries: ReadonlyMap<string, ZipEntry>, partName: string): ZipEntry | undefined {
  const key = partName.replace(/^\//, '').toLowerCase();
  const found = entries.get(key);
  if (found) return found;
  // the part name as the zip may store it: percent-encoded, as the packaging standard writes names
  for (const [name, entry] of entries) if (name.includes('%') && decoded(name) === key) return entry;
  return undefined;
}

function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
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
}

/**
 * A part's bytes in chunks as they are inflated, each counted against the budget before it
 * is handed on: the first chunk past it ends the inflation.
 */
export async function* inflateChunks(
  archive: ZipArchive,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  if (!entry.canDecodeFileData()) throw new ZipFormatError(`the part ${entry.fileName} uses an unknown compression`);
  let stream;
  try {
    stream = await archive.zip.openReadStreamPromise(entry);
  } catch {
    throw new ZipFormatError(`the part ${entry.fileName} cannot be read`);
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.take(entry.fileName, chunk.length);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof InflateBudgetError) throw error;
    if (error instanceof Error && /too many bytes/i.test(error.message)) throw new DeclaredSizeError(entry.fileName);
    throw new ZipFormatError(`the part ${entry.fileName} is damaged`);
  } finally {
    stream.destroy();
  }
}

/** A small part whole, or an error once it produces more than `maxBytes`. */
export async function inflateSmall(archive: ZipArchive, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of inflateChunks(archive, entry, new InflateBudget(maxBytes))) chunks.push(chunk);
  return Buffer.concat(chunks);
}
