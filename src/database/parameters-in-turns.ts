import { prepareValue } from 'pg/lib/utils';
import { Turns } from 'src/common/turns';

/**
 * A statement's parameters serialised as the pg driver serialises them (arrays to their
 * literal text, dates, JSON…), a parameter at a time in turns: an upload's statement carries
 * arrays of 10,000 rows, which the driver would otherwise turn to text in one stretch of the
 * service's thread (50–80 ms measured). The driver passes text through unchanged.
 */
export async function parametersInTurns(params: readonly unknown[]): Promise<unknown[]> {
  const turns = new Turns();
  const out: unknown[] = [];
  for (const param of params) {
    out.push(prepareValue(param));
    if (turns.due()) await turns.pause();
  }
  return out;
}
