import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from 'src/common/errors/database-unavailable';
import { DomainError } from 'src/common/errors/domain-error';
import { safePath } from 'src/common/request-path';
import { CommonErrors, ERROR_STATUS, ErrorCode, AuthErrors } from 'src/common/errors/error-codes';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  requestId?: string;
  [key: string]: unknown;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: CommonErrors.MALFORMED_REQUEST,
  [HttpStatus.UNAUTHORIZED]: AuthErrors.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: AuthErrors.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: CommonErrors.NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: CommonErrors.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: CommonErrors.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.TOO_MANY_REQUESTS]: CommonErrors.TOO_MANY_REQUESTS,
};

/**
 * Turns every error into `application/problem+json` (RFC 9457) with a stable `code`.
 * Framework exceptions keep their status but not their text, which can echo input;
 * anything unexpected is a 500 that says nothing internal and is logged with the request id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    // the route and its ids, never a value a client put in the path (a name, a CNIC)
    problem.instance = safePath(req);
    if (req.id) problem.requestId = String(req.id);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      const status = ERROR_STATUS[exception.code];
      return { ...exception.extra, ...base(status, exception.code, exception.message) };
    }
    if (exception instanceof ThrottlerException) {
      return base(HttpStatus.TOO_MANY_REQUESTS, CommonErrors.TOO_MANY_REQUESTS, 'Too many requests; try again later');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? CommonErrors.INTERNAL : CommonErrors.MALFORMED_REQUEST);
      return base(status, code, DETAILS[code]);
    }
    if (exception instanceof QueryFailedError) {
      // a rule the database enforces and a service did not check first: refuse, naming only the rule
      const { code, constraint } = exception.driverError as { code?: string; constraint?: string };
      if (code === '23505')
        return base(
          HttpStatus.CONFLICT,
          CommonErrors.CONFLICT,
          `Conflicts with an existing record (${constraint ?? 'unique key'})`,
        );
      if (code === '23514' || code === '23503') {
        return base(
          HttpStatus.UNPROCESSABLE_ENTITY,
          CommonErrors.CONSTRAINT_VIOLATION,
          `Refused by the database rule ${constraint ?? ''}`.trim(),
        );
      }
      // a value the database cannot hold that validation let through: the request's fault; logged so the rule gets a validator
      if (code && INPUT_VALUE_ERRORS.has(code)) {
        this.logger.warn(`value refused by the database (SQLSTATE ${code})`);
        return base(
          HttpStatus.BAD_REQUEST,
          CommonErrors.MALFORMED_REQUEST,
          'A value in the request is malformed or out of range',
        );
      }
    }
    if (isDatabaseUnavailable(exception)) {
      // the cause (which may name the server) goes to the log only
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return base(
        HttpStatus.SERVICE_UNAVAILABLE,
        CommonErrors.DATABASE_UNAVAILABLE,
        DETAILS[CommonErrors.DATABASE_UNAVAILABLE],
      );
    }
    if (isBodyParserError(exception)) {
      const status = exception.status;
      const code = status === 413 ? CommonErrors.PAYLOAD_TOO_LARGE : CommonErrors.MALFORMED_REQUEST;
      return base(status, code, DETAILS[code]);
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`unhandled ${error.name}: ${error.message}`, error.stack);
    return base(HttpStatus.INTERNAL_SERVER_ERROR, CommonErrors.INTERNAL, DETAILS[CommonErrors.INTERNAL]);
  }
}

/** SQLSTATEs of a bound value the database cannot take: NUL in text, a number, date or string out of range, unparsable text. */
const INPUT_VALUE_ERRORS = new Set(['22021', '22003', '22008', '22007', '22P02', '22001']);

const DETAILS: Partial<Record<ErrorCode, string>> = {
  [CommonErrors.MALFORMED_REQUEST]: 'The request could not be read',
  [AuthErrors.UNAUTHENTICATED]: 'A valid bearer token is required',
  [AuthErrors.FORBIDDEN]: 'Your role does not allow this',
  [CommonErrors.NOT_FOUND]: 'Not found',
  [CommonErrors.PAYLOAD_TOO_LARGE]: 'The request body is too large',
  [CommonErrors.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported media type',
  [CommonErrors.TOO_MANY_REQUESTS]: 'Too many requests; try again later',
  [CommonErrors.INTERNAL]: 'An internal error occurred; it has been logged with the request id',
  [CommonErrors.DATABASE_UNAVAILABLE]: 'The database cannot be reached for the moment; try again shortly',
};

function base(status: number, code: ErrorCode, detail = 'Request failed'): Problem {
  return { type: `urn:tip:problem:${code}`, title: code, status, code, detail };
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    typeof (e as { type?: unknown }).type === 'string' &&
    (e as { status: number }).status < 500
  );
}
