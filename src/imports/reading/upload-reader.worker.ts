import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ReadLimits } from './read-limits';
import type { SheetRow } from './sheet-rows';
import { openSource, readFailure, ReadRequest } from './upload-source';

/**
 * The reading worker: parses one upload outside the service's heap and hands its rows on a
 * batch at a time, each when the service asks for it. Its memory is capped by the thread's
 * resource limits, so a file that needs more ends this thread, never the service.
 */
export type ReaderMessage =
  | { readonly type: 'info'; readonly date1904: boolean }
  | { readonly type: 'rows'; readonly rows: SheetRow[] }
  | { readonly type: 'end' }
  | { readonly type: 'fail'; readonly failure: ReturnType<typeof readFailure> };

/** The niceness of the reading thread (0 normal, 19 lowest): an upload is read behind the requests people wait on. */
const READING_NICENESS = 10;

/**
 * Lowers this thread's processor priority (Linux: a thread's own id, from /proc/thread-self, is
 * a process id to setpriority); elsewhere, or where not permitted, reading runs at the usual priority.
 */
function readInBackground(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread) && thread > 0) setPriority(thread, READING_NICENESS);
  } catch {
    // no /proc, or not permitted
  }
}

const { buffer, request, limits } = workerData as { buffer: Uint8Array; request: ReadRequest; limits: ReadLimits };
const port = parentPort!;

async function run(): Promise<void> {
  readInBackground();
  const source = await openSource(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), request, limits);
  port.postMessage({ type: 'info', date1904: source.info.date1904 } satisfies ReaderMessage);
  port.on('message', () => {
    source.batches
      .next()
      .then((next) =>
        port.postMessage((next.done ? { type: 'end' } : { type: 'rows', rows: next.value }) satisfies ReaderMessage),
      )
      .catch((error: unknown) =>
        port.postMessage({ type: 'fail', failure: readFailure(error, limits) } satisfies ReaderMessage),
      );
  });
}

run().catch((error: unknown) =>
  port.postMessage({ type: 'fail', failure: readFailure(error, limits) } satisfies ReaderMessage),
);
