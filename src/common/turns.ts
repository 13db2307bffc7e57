import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The longest stretch (ms) that background work in the service's own thread — an upload's
 * rows turned into records — keeps the requests that arrive meanwhile waiting. Measured under
 * load: an upload read in the batches the reading worker hands on held the thread for up to
 * 136 ms at a time, and every request in flight waited.
 */
export const TURN_MS = 8;

/**
 * Splits work into turns: `due()` says when this one has lasted `TURN_MS`, and `pause()` lets
 * the event loop answer what came in (I/O is polled before an immediate runs) before the next.
 */
export class Turns {
  private started = performance.now();

  due(): boolean {
    return performance.now() - this.started >= TURN_MS;
  }

  async pause(): Promise<void> {
    await nextTurn();
    this.started = performance.now();
  }
}
