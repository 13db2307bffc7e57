import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { READ_LIMITS, ReadFailureCodes, ReadLimitError, ReadLimits, UNREADABLE_MESSAGE } from './read-limits';
import type { Cell, SheetRow } from './sheet-rows';
import type { ReadFailure, ReadRequest } from './upload-source';
import type { ReaderMessage } from './upload-reader.worker';

/** The heap a reading worker may use: a file that needs more is refused, and the service goes on. */
export const READER_HEAP_MB = 384;

export interface UploadRows {
  readonly date1904: boolean;
  /** The rows in batches; the worker ends when they are read to the end or the caller stops. */
  readonly batches: AsyncGenerator<SheetRow[]>;
  /** Ends the worker, wherever reading is (safe to call more than once). */
  close(): void;
}

/** The compiled worker beside this module, or (running from TypeScript sources) the source through ts-node. */
function workerEntry(): { filename: string; eval: boolean } {
  const compiled = join(__dirname, 'upload-reader.worker.js');
  if (existsSync(compiled)) return { filename: compiled, eval: false };
  const prebuilt = process.env.TIP_READER_WORKER;
  if (prebuilt && existsSync(prebuilt)) return { filename: prebuilt, eval: false };
  const source = join(__dirname, 'upload-reader.worker.ts');
  return {
    filename: `require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } }); require(${JSON.stringify(source)});`,
    eval: true,
  };
}

/**
 * Rows in this realm's own arrays and Dates. Cloned from the worker they are the main
 * context's, which `instanceof Array` and `instanceof Date` do not recognise inside a
 * sandboxed context (a test runner's); in the service itself they are already, and are not copied.
 */
function inThisRealm(rows: SheetRow[]): SheetRow[] {
  // cloned into the service's own context, the batch needs no copy
  if ((rows as unknown) instanceof Array) return rows;
  return rows.map((row) => {
    const cells: Cell[] = new Array<Cell>(row.cells.length);
    for (let i = 0; i < cells.length; i++) {
      const c = row.cells[i];
      cells[i] =
        c !== null &&
        typeof c === 'object' &&
        !(c instanceof Date) &&
        Object.prototype.toString.call(c) === '[object Date]'
          ? new Date((c as unknown as Date).getTime())
          : c;
    }
    return { sheet: row.sheet, rowNumber: row.rowNumber, cells };
  });
}

function failureError(failure: ReadFailure): ReadLimitError {
  return new ReadLimitError(
    failure.code,
    failure.message || UNREADABLE_MESSAGE,
    failure.sheet,
    failure.row,
    failure.cause,
  );
}

/**
 * Reads an upload in a worker thread of its own (its heap capped at `heapMb`): the service's
 * event loop and heap never see the file's XML or CSV text, only its rows, a batch at a time
 * and one batch ahead of the caller. Whatever the worker meets — a bound passed, a file it
 * cannot parse, its heap exhausted — is a ReadLimitError for this upload.
 */
export async function readUpload(
  buffer: Buffer,
  request: ReadRequest,
  limits: ReadLimits = READ_LIMITS,
  heapMb = READER_HEAP_MB,
): Promise<UploadRows> {
  const entry = workerEntry();
  const worker = new Worker(entry.filename, {
    eval: entry.eval,
    workerData: { buffer: new Uint8Array(buffer), request, limits },
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  const queue: Array<ReaderMessage | ReadLimitError> = [];
  let waiting: (() => void) | null = null;
  let finished = false;
  const push = (item: ReaderMessage | ReadLimitError) => {
    queue.push(item);
    waiting?.();
    waiting = null;
  };
  worker.on('message', (message: ReaderMessage) => push(message));
  worker.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
      push(
        new ReadLimitError(ReadFailureCodes.READ_LIMITS, 'The file needs more memory to read than an import may use'),
      );
    else
      push(
        new ReadLimitError(
          ReadFailureCodes.UNREADABLE_WORKBOOK,
          UNREADABLE_MESSAGE,
          '',
          0,
          `${error.name}: ${error.message}`.slice(0, 300),
        ),
      );
  });
  worker.on('exit', () => {
    if (!finished)
      push(
        new ReadLimitError(
          ReadFailureCodes.UNREADABLE_WORKBOOK,
          UNREADABLE_MESSAGE,
          '',
          0,
          'the reading worker stopped',
        ),
      );
  });
  const next = async (): Promise<ReaderMessage> => {
    while (!queue.length) await new Promise<void>((resolve) => (waiting = resolve));
    const item = queue.shift()!;
    if (item instanceof ReadLimitError) throw item;
    if (item.type === 'fail') throw failureError(item.failure);
    return item;
  };
  const stop = () => {
    if (finished) return;
    finished = true;
    void worker.terminate();
  };

  let info: ReaderMessage;
  try {
    info = await next();
  } catch (error) {
    stop();
    throw error;
  }
  async function* batches(): AsyncGenerator<SheetRow[]> {
    try {
      worker.postMessage('next');
      for (;;) {
        const message = await next();
        if (message.type === 'end') return;
        if (message.type !== 'rows') continue;
        // the worker reads the next batch while the caller handles this one
        worker.postMessage('next');
        yield inThisRealm(message.rows);
      }
    } finally {
      stop();
    }
  }
  return { date1904: info.type === 'info' && info.date1904, batches: batches(), close: stop };
}
