import { IncomingMessage } from 'node:http';

/**
 * A path segment that is never personal: a word of a route (`api`, `v1`, `reporting-units`,
 * `report.xlsx`), a record id, or a code (`PK-PB`, `PK614`, `FIA-PUNJAB`).
 */
const PLAIN_SEGMENT =
  /^(?:[a-z][a-z0-9.-]*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)$/;

/**
 * The request's path as it may be logged or echoed in a problem: without its query string,
 * and each segment that is not a route's word, an id or a code replaced by `…`, so that a
 * name or a CNIC a client put in a path is not repeated.
 */
export function safePath(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '')
    .split('?')[0]
    .split('/')
    .map((segment) => (segment === '' || PLAIN_SEGMENT.test(segment) ? segment : '…'))
    .join('/');
}
