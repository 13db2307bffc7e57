import { HttpStatus } from '@nestjs/common';
import { codeGroup, CodeOf } from 'src/common/errors/code-group';

/**
 * Every stable code a problem answer has at its top level, grouped by the module that owns
 * it with what it means, and the one map from code to HTTP status. A new code does not
 * compile until it has a status. The codes of single fields and spreadsheet cells (the
 * members of `errors`) are in field-codes.ts.
 */
export const CommonErrors = codeGroup('COMMON', {
  VALIDATION_FAILED: 'a field of the request is not valid; `errors` names each field and rule',
  MALFORMED_REQUEST: 'the body is not JSON, or nests deeper than 32 levels',
  NOT_FOUND: 'no such route',
  CONFLICT: 'the change conflicts with a stored record (a unique key)',
  CONSTRAINT_VIOLATION: 'the database refused a value by one of its rules',
  PAYLOAD_TOO_LARGE: 'the body or upload is larger than allowed',
  UNSUPPORTED_MEDIA_TYPE: 'the body is of a type the route does not take',
  TOO_MANY_REQUESTS: 'too many requests; try again later',
  INTERNAL: "a fault on the service's side (its log has the request id)",
  DATABASE_UNAVAILABLE:
    'the database cannot be reached for the moment (stopped, restarting or the connection was lost); try again shortly',
});

export const AuthErrors = codeGroup('AUTH', {
  INVALID_CREDENTIALS: 'wrong e-mail or password, or the account is disabled',
  LOGIN_THROTTLED: 'too many failed sign-ins for this e-mail from this address (`retryAfterSeconds`)',
  UNAUTHENTICATED: 'no valid bearer token or session cookie (missing, expired or revoked)',
  SESSION_ENDED:
    'the browser session’s cookie is no longer valid (expired, signed out elsewhere, password reset, account disabled); the cookie is cleared',
  CSRF: 'a change made with the session cookie lacks the X-TIP-CSRF header the service’s own pages send',
  PASSWORD_CHANGE_REQUIRED:
    'the password was set by an admin: until the user sets their own (POST /auth/password) only GET /auth/me and POST /auth/logout are open',
  FORBIDDEN: 'the role may not do this',
  JURISDICTION_FORBIDDEN: "the jurisdiction is outside the caller's own",
  UNIT_FORBIDDEN: "the reporting unit or agency is outside the caller's own",
});

export const UserErrors = codeGroup('USER', {
  ALREADY_EXISTS: 'a user with this e-mail exists',
  NOT_FOUND: 'no such user',
  INVALID_ROLE_SCOPE: 'the role and reporting unit (or jurisdiction) do not go together',
  LAST_ADMIN: 'the change would leave no active admin',
});

export const ReferenceErrors = codeGroup('REFERENCE', {
  JURISDICTION_NOT_FOUND: 'no such jurisdiction',
  DISTRICT_NOT_FOUND: 'no such district',
  DISTRICT_EXISTS: 'a district with this code exists',
  ALIAS_EXISTS: 'this spelling already names another district',
});

export const ReportingUnitErrors = codeGroup('REPORTING_UNIT', {
  NOT_FOUND: 'no such reporting unit',
  EXISTS: 'a reporting unit with this code exists',
  INACTIVE: 'the reporting unit is inactive: it takes no new users, cases or uploads',
  JURISDICTION_IN_USE:
    'the unit has cases in a jurisdiction the change would take from it (`jurisdictions`, `cases`); move or delete them first',
  AGENCY_IN_USE: 'the agency of a unit that has cases cannot change (`cases`)',
  OUTSIDE_JURISDICTIONS: "the case's jurisdiction is not one of its reporting unit's",
});

export const SubmissionErrors = codeGroup('SUBMISSION', {
  NOT_FOUND: 'no such submission the caller may read',
  MONTH_NOT_ENDED: 'a month is submitted once it has ended',
  ALREADY_APPROVED: 'the month is approved: an administrator re-opens it before it is submitted again',
  NOT_SUBMITTED: 'only a submitted month (not yet reviewed) is approved or returned',
  NOT_APPROVED: 'only an approved month is re-opened',
  NIL_RETURN_WITH_CASES:
    'a nil return states there were no cases, but the unit has cases registered in the month (`cases`)',
  NO_UNIT: 'only a focal person, for their reporting unit, submits a month',
  MONTH_LOCKED:
    'the write would change a figure of an approved month of the reporting unit (`months`, `reportingUnit`); nothing was written',
});

export const NoticeErrors = codeGroup('NOTICE', {
  NOT_FOUND: 'no such notice of yours',
});

export const CaseErrors = codeGroup('CASE', {
  NOT_FOUND: 'no such case the caller may read',
  DUPLICATE: 'a case with the same natural key exists (`existingId`)',
  INVALID: 'the case, or the change to it, is inconsistent; `errors` names each field',
  ILLEGAL_TRANSITION: 'the status may not move this way',
  CHILD_NOT_FOUND: 'no such victim, defendant, prosecution or conviction in this case',
  DUPLICATE_REF: 'another victim or defendant of the case has this ref, or the defendant is already prosecuted',
  CHANGED:
    'the case was changed since it was read (its If-Match names an earlier version; `version` is the current one); nothing was written: read it again',
});

export const StatisticsErrors = codeGroup('STATISTICS', {
  INVALID_PERIOD: '`from`/`to` do not make a period; `errors` says why',
  INVALID_GROUPING: 'the grouping does not apply to the metric',
});

export const ImportErrors = codeGroup('IMPORT', {
  REJECTED: 'the upload has problems and nothing was written; `errors` lists each',
  UNSUPPORTED_TYPE: 'the file is not an .xlsx workbook or a CSV (`format` says what it is)',
  ZIP_LIMITS: 'the zip holds too many parts, or parts too large or too compressed',
  FILE_REQUIRED: 'no file in the multipart field `file`',
  BUSY: 'another import of the reporting unit is running',
  NOT_FOUND: 'no such import the caller may read',
  NO_REPORT: 'the import has no error report (it was not rejected)',
  REPORT_EXPIRED: 'the rejected file was deleted after its retention period',
  REPORT_UNREADABLE: 'the stored file failed its integrity check',
});

export const ExportErrors = codeGroup('EXPORT', {
  NOT_FOUND: 'no workbook for this month and audience',
  AUDIENCE_FORBIDDEN: "the role may not have this audience's workbook",
  FUTURE_MONTH: 'the month has not begun',
  GENERATION_LIMIT: 'too many workbooks generated this hour',
});

export const InternationalErrors = codeGroup('INTERNATIONAL', {
  CHECK_FAILED:
    'a hard consistency check of the international figures failed; nothing was exported (`checks` lists each failing check: code, figure, why)',
  FUTURE_YEAR: 'the year has not begun',
});

export type ErrorCode =
  | CodeOf<typeof CommonErrors>
  | CodeOf<typeof AuthErrors>
  | CodeOf<typeof UserErrors>
  | CodeOf<typeof ReportingUnitErrors>
  | CodeOf<typeof SubmissionErrors>
  | CodeOf<typeof NoticeErrors>
  | CodeOf<typeof ReferenceErrors>
  | CodeOf<typeof CaseErrors>
  | CodeOf<typeof StatisticsErrors>
  | CodeOf<typeof ImportErrors>
  | CodeOf<typeof ExportErrors>
  | CodeOf<typeof InternationalErrors>;

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
  [CommonErrors.DATABASE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [AuthErrors.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [AuthErrors.LOGIN_THROTTLED]: HttpStatus.TOO_MANY_REQUESTS,
  [AuthErrors.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [AuthErrors.SESSION_ENDED]: HttpStatus.UNAUTHORIZED,
  [AuthErrors.CSRF]: HttpStatus.FORBIDDEN,
  [AuthErrors.PASSWORD_CHANGE_REQUIRED]: HttpStatus.FORBIDDEN,
  [AuthErrors.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [AuthErrors.JURISDICTION_FORBIDDEN]: HttpStatus.FORBIDDEN,
  [AuthErrors.UNIT_FORBIDDEN]: HttpStatus.FORBIDDEN,
  [SubmissionErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SubmissionErrors.MONTH_NOT_ENDED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SubmissionErrors.ALREADY_APPROVED]: HttpStatus.CONFLICT,
  [SubmissionErrors.NOT_SUBMITTED]: HttpStatus.CONFLICT,
  [SubmissionErrors.NOT_APPROVED]: HttpStatus.CONFLICT,
  [SubmissionErrors.NIL_RETURN_WITH_CASES]: HttpStatus.CONFLICT,
  [SubmissionErrors.NO_UNIT]: HttpStatus.FORBIDDEN,
  [NoticeErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ReportingUnitErrors.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ReportingUnitErrors.EXISTS]: HttpStatus.CONFLICT,
  [ReportingUnitErrors.INACTIVE]: HttpStatus.CONFLICT,
  [ReportingUnitErrors.JURISDICTION_IN_USE]: HttpStatus.CONFLICT,
  [ReportingUnitErrors.AGENCY_IN_USE]: HttpStatus.CONFLICT,
  [ReportingUnitErrors.OUTSIDE_JURISDICTIONS]: HttpStatus.UNPROCESSABLE_ENTITY,
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
  [CaseErrors.CHANGED]: HttpStatus.CONFLICT,
  [StatisticsErrors.INVALID_PERIOD]: HttpStatus.BAD_REQUEST,
  [StatisticsErrors.INVALID_GROUPING]: HttpStatus.BAD_REQUEST,
  [SubmissionErrors.MONTH_LOCKED]: HttpStatus.CONFLICT,
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
  [InternationalErrors.CHECK_FAILED]: HttpStatus.CONFLICT,
  [InternationalErrors.FUTURE_YEAR]: HttpStatus.BAD_REQUEST,
};
