import { NextFunction, Request, Response } from 'express';
import { DomainError } from 'src/common/errors/domain-error';
import { CommonErrors } from 'src/common/errors/error-codes';

/** Far deeper than any request body the API takes (a case's route points are three levels down). */
export const MAX_JSON_DEPTH = 32;

/** How deeply arrays and objects nest in a parsed JSON value, walked without recursion. */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > stopAt) break;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses a JSON body nested deeper than MAX_JSON_DEPTH before validation walks it (a body
 * nested thousands deep overflowed the validator's stack: a 500). Runs after the JSON parser.
 */
export function rejectDeepJson(req: Request, _res: Response, next: NextFunction): void {
  if (req.body !== null && typeof req.body === 'object' && jsonDepth(req.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    next(
      new DomainError(
        CommonErrors.MALFORMED_REQUEST,
        `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`,
      ),
    );
    return;
  }
  next();
}
