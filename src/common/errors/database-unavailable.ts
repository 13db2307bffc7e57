import { QueryFailedError } from 'typeorm';

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs of a server that is going away or not yet accepting: admin_shutdown (also a
 * terminated backend), crash_shutdown, cannot_connect_now, too_many_connections.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres says when a connection ends under a query or cannot be had in time. */
const CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established)/;

/**
 * Whether an error means the database cannot be reached for the moment (stopped, restarting,
 * the connection cut), rather than a fault of the request or of the service: such a request
 * may succeed when tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (typeof cause !== 'object' || cause === null) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')))
    return true;
  if (cause instanceof AggregateError) return cause.errors.some(isDatabaseUnavailable);
  const message = (cause as { message?: unknown }).message;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}
