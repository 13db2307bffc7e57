import { HttpStatus } from '@nestjs/common';

/**
 * Every stable error code the API answers with, grouped by the module that owns it, and
 * the one map from code to HTTP status. A new code does not compile until it has a status.
 */
export const CommonErrors = {
  VALIDATION_FAILED: 'COMMON.VALIDATION_FAILED',
  MALFORMED_REQUEST: 'COMMON.MALFORMED_REQUEST',
  NOT_FOUND: 'COMMON.NOT_FOUND',
  CONFLICT: 'COMMON.CONFLICT',
  CONSTRAINT_VIOLATION: 'COMMON.CONSTRAINT_VIOLATION',
  PAYLOAD_TOO_LARGE: 'COMMON.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'COMMON.UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS: 'COMMON.TOO_MANY_REQUESTS',
  INTERNAL: 'COMMON.INTERNAL',
} as const;

export const AuthErrors = {
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  LOGIN_THROTTLED: 'AUTH.LOGIN_THROTTLED',
  UNAUTHENTICATED: 'AUTH.UNAUTHENTICATED',
  FORBIDDEN: 'AUTH.FORBIDDEN',
  JURISDICTION_FORBIDDEN: 'AUTH.JURISDICTION_FORBIDDEN',
} as const;

export const UserErrors = {
  ALREADY_EXISTS: 'USER.ALREADY_EXISTS',
  NOT_FOUND: 'USER.NOT_FOUND',
  INVALID_ROLE_SCOPE: 'USER.INVALID_ROLE_SCOPE',
  LAST_ADMIN: 'USER.LAST_ADMIN',
} as const;

export const ReferenceErrors = {
  JURISDICTION_NOT_FOUND: 'REFERENCE.JURISDICTION_NOT_FOUND',
  DISTRICT_NOT_FOUND: 'REFERENCE.DISTRICT_NOT_FOUND',
  DISTRICT_EXISTS: 'REFERENCE.DISTRICT_EXISTS',
  ALIAS_EXISTS: 'REFERENCE.ALIAS_EXISTS',
} as const;

export const CaseErrors = {
  NOT_FOUND: 'CASE.NOT_FOUND',
  DUPLICATE: 'CASE.DUPLICATE',
  INVALID: 'CASE.INVALID',
  ILLEGAL_TRANSITION: 'CASE.ILLEGAL_TRANSITION',
  CHILD_NOT_FOUND: 'CASE.CHILD_NOT_FOUND',
  DUPLICATE_REF: 'CASE.DUPLICATE_REF',
} as const;

export const StatisticsErrors = {
  INVALID_PERIOD: 'STATISTICS.INVALID_PERIOD',
  INVALID_GROUPING: 'STATISTICS.INVALID_GROUPING',
} as const;

export const ImportErrors = {
  REJECTED: 'IMPORT.REJECTED',
  UNSUPPORTED_TYPE: 'IMPORT.UNSUPPORTED_TYPE',
  ZIP_LIMITS: 'IMPORT.ZIP_LIMITS',
  FILE_REQUIRED: 'IMPORT.FILE_REQUIRED',
  BUSY: 'IMPORT.BUSY',
  NOT_FOUND: 'IMPORT.NOT_FOUND',
  NO_REPORT: 'IMPORT.NO_REPORT',
  REPORT_EXPIRED: 'IMPORT.REPORT_EXPIRED',
  REPORT_UNREADABLE: 'IMPORT.REPORT_UNREADABLE',
} as const;

export const ExportErrors = {
  NOT_FOUND: 'EXPORT.NOT_FOUND',
  AUDIENCE_FORBIDDEN: 'EXPORT.AUDIENCE_FORBIDDEN',
  FUTURE_MONTH: 'EXPORT.FUTURE_MONTH',
  GENERATION_LIMIT: 'EXPORT.GENERATION_LIMIT',
} as const;

type Values<T> = T[keyof T];
export type ErrorCode =
  | Values<typeof CommonErrors>
  | Values<typeof AuthErrors>
  | Values<typeof UserErrors>
  | Values<typeof ReferenceErrors>
  | Values<typeof CaseErrors>
  | Values<typeof StatisticsErrors>
  | Values<typeof ImportErrors>
  | Values<typeof ExportErrors>;

export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [CommonErrors.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [CommonErrors.MALFORMED_REQUEST]: HttpStatus.BAD_REQUEST,
  [CommonErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CommonErrors.CONFLICT]: HttpStatus.CONFLICT,
  [CommonErrors.CONSTRAINT_VIOLATION]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CommonErrors.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CommonErrors.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CommonErrors.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [CommonErrors.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
  [AuthErrors.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [AuthErrors.LOGIN_THROTTLED]: HttpStatus.TOO_MANY_REQUESTS,
  [AuthErrors.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [AuthErrors.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [AuthErrors.JURISDICTION_FORBIDDEN]: HttpStatus.FORBIDDEN,
  [UserErrors.ALREADY_EXISTS]: HttpStatus.CONFLICT,
  [UserErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [UserErrors.INVALID_ROLE_SCOPE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [UserErrors.LAST_ADMIN]: HttpStatus.CONFLICT,
  [ReferenceErrors.JURISDICTION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ReferenceErrors.DISTRICT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ReferenceErrors.DISTRICT_EXISTS]: HttpStatus.CONFLICT,
  [ReferenceErrors.ALIAS_EXISTS]: HttpStatus.CONFLICT,
  [CaseErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CaseErrors.DUPLICATE]: HttpStatus.CONFLICT,
  [CaseErrors.INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CaseErrors.ILLEGAL_TRANSITION]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CaseErrors.CHILD_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CaseErrors.DUPLICATE_REF]: HttpStatus.CONFLICT,
  [StatisticsErrors.INVALID_PERIOD]: HttpStatus.BAD_REQUEST,
  [StatisticsErrors.INVALID_GROUPING]: HttpStatus.BAD_REQUEST,
  [ImportErrors.REJECTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ImportErrors.UNSUPPORTED_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ImportErrors.ZIP_LIMITS]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ImportErrors.FILE_REQUIRED]: HttpStatus.BAD_REQUEST,
  [ImportErrors.BUSY]: HttpStatus.CONFLICT,
  [ImportErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ImportErrors.NO_REPORT]: HttpStatus.NOT_FOUND,
  [ImportErrors.REPORT_EXPIRED]: HttpStatus.GONE,
  // the stored file failed its integrity check: a fault on our side, never the caller's
  [ImportErrors.REPORT_UNREADABLE]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ExportErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ExportErrors.AUDIENCE_FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ExportErrors.FUTURE_MONTH]: HttpStatus.BAD_REQUEST,
  [ExportErrors.GENERATION_LIMIT]: HttpStatus.TOO_MANY_REQUESTS,
};
