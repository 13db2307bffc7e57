import { codeGroup, CodeOf } from 'src/common/errors/code-group';
import { CaseErrors, ImportErrors } from 'src/common/errors/error-codes';

/**
 * The codes of one field's or one spreadsheet cell's problem — the members of a problem's
 * `errors` — grouped by the module that owns each, with what it means. Top-level codes are
 * in error-codes.ts; a code may be both (`CASE.ILLEGAL_TRANSITION`, `IMPORT.ZIP_LIMITS`).
 */

/** A request field refused by the validation pipe (one per class-validator rule) or by a service. */
export const CommonFieldCodes = codeGroup('COMMON', {
  UNKNOWN_FIELD: 'the body has a field the route does not take',
  UNKNOWN_VALUE: 'the body is not an object of the expected shape',
  NESTED_VALIDATION: 'a nested field must be an object or an array of objects',
  IS_STRING: 'must be text',
  IS_INT: 'must be a whole number',
  IS_BOOLEAN: 'must be true or false',
  IS_ARRAY: 'must be a list',
  IS_EMAIL: 'must be an e-mail address',
  IS_UUID: 'must be a UUID',
  IS_IN: 'must be one of the listed codes',
  IS_ISO8601: 'must be a date (YYYY-MM-DD) or, where taken, a date and time with Z or an offset',
  DATE_IN_RANGE: 'must be a calendar date from 1900-01-01 to 2100-12-31',
  MATCHES: 'must match the pattern the message gives',
  MIN: 'below the smallest value allowed',
  MAX: 'above the largest value allowed',
  MIN_LENGTH: 'shorter than allowed',
  MAX_LENGTH: 'longer than allowed',
  ARRAY_MAX_SIZE: 'the list has more items than allowed',
  ARRAY_MIN_SIZE: 'the list has fewer items than required',
  ARRAY_UNIQUE: 'the list names an item twice',
  CONTROL_CHARACTER: 'holds a control character (or a line break outside remarks)',
  BIDI_CONTROL: 'holds a bidirectional control character',
  LONE_SURROGATE: 'is not valid Unicode (holds half of a UTF-16 surrogate pair)',
  REQUIRED: 'required with the other values given',
  NOT_ALLOWED: 'not allowed with the other values given',
  INVALID: 'refused by a rule without a code of its own',
});

/** Why a password is refused (src/auth/password-policy.ts). */
export const AuthFieldCodes = codeGroup('AUTH', {
  PASSWORD_TOO_SHORT: 'the password is shorter than 12 characters',
  PASSWORD_BLANK: 'the password is only spaces',
  PASSWORD_REPEATED: 'the password is one character repeated',
  PASSWORD_SEQUENCE: 'the password is consecutive letters or digits',
  PASSWORD_CONTAINS_EMAIL: "the password contains the account's e-mail or name",
  PASSWORD_COMMON: 'the password is, or is close to, a common or breached one',
  PASSWORD_GUESSABLE: 'the password is too easy to guess',
  PASSWORD_UNCHANGED: 'the new password is the current one',
  CURRENT_PASSWORD_WRONG: "the current password given is not the account's",
});

/** A case's field that breaks a rule of the case (src/cases/case-rules.ts and the services). */
export const CaseFieldCodes = codeGroup('CASE', {
  UNKNOWN_JURISDICTION: 'no such jurisdiction',
  UNKNOWN_DISTRICT: 'no district by this P-code, name or alias',
  DISTRICT_OUTSIDE_JURISDICTION: "the district is not in the case's jurisdiction",
  DISTRICT_OUTSIDE_PAKISTAN: 'a district is given for a route point outside Pakistan',
  UNKNOWN_COUNTRY: 'not an ISO 3166-1 alpha-3 country code',
  ROUTE_ORDER: 'the origin must come first and the destination last',
  FIR_YEAR_MISMATCH: 'the FIR year is not the year of the FIR date',
  INVALID_CNIC: 'a CNIC is 13 digits, with or without dashes',
  FUTURE_DATE: 'the date is in the future',
  DATE_ORDER: 'the date is before one it must follow (FIR, investigation, prosecution, status)',
  CONCLUSION_REQUIRED: 'the investigation-concluded date is required at this status',
  OUTCOME_DATE_REQUIRED: 'a conviction needs its judgment date',
  PENDING_HAS_DATE: 'a pending prosecution has no outcome date',
  INCONSISTENT_STATUS: "the status does not agree with the prosecutions' outcomes",
  DEFENDANT_NOT_IN_CASE: 'the defendant is not one of this case',
});

/** A problem with the period or grouping of a statistics query. */
export const StatisticsFieldCodes = codeGroup('STATISTICS', {
  BEFORE_FROM: '`to` is before `from`',
  SPAN_TOO_LONG: 'the period spans more than 50 years',
  PERSONS_ONLY: 'grouping by sex applies to victims, prosecutions and convictions, not to cases',
});

/** A problem of an uploaded spreadsheet: of a cell, a row, a sheet or the whole file (`{sheet, row, column, code}`). */
export const ImportFieldCodes = codeGroup('IMPORT', {
  REQUIRED: 'the cell is empty but required',
  UNKNOWN_CODE: 'not a known code or label of the column',
  UNKNOWN_COUNTRY: 'not a known country name, demonym or ISO code',
  UNKNOWN_DISTRICT: 'no district by this P-code, name or alias',
  DISTRICT_OUTSIDE_PAKISTAN: 'a district is given for a place outside Pakistan',
  DISTRICT_OUTSIDE_JURISDICTION: "the district is not in the row's jurisdiction",
  OTHER_JURISDICTION: 'the row belongs to a jurisdiction the uploader may not upload',
  OTHER_UNIT:
    "the row belongs to another reporting unit than the uploader's (its agency, or a stored case of another unit)",
  FIR_YEAR_MISMATCH: 'the FIR year is not the year of the FIR date',
  INVALID_YEAR: 'not a plausible year',
  INVALID_DATE: 'not a date',
  FUTURE_DATE: 'the date is in the future',
  DATE_ORDER: 'the date is before one it must follow',
  INVALID_AGE: 'not an age',
  INVALID_CNIC: 'not a CNIC (13 digits)',
  INVALID_NUMBER: 'not a whole number in range',
  INVALID_TEXT: 'not text, or text with control characters',
  TOO_LONG: 'the text is longer than the column allows',
  FORMULA_WITHOUT_VALUE: 'a formula with no saved value',
  ERROR_VALUE: 'an Excel error value (#N/A, #REF!)',
  DUPLICATE_COLUMN: 'the sheet has this column twice',
  DUPLICATE_KEY: 'the same case is on an earlier row',
  DUPLICATE_REF: 'the same victim, defendant or prosecution is on an earlier row',
  UNKNOWN_CASE: 'no such case in the file or the database',
  UNKNOWN_DEFENDANT: 'no such defendant of the case in the file or the database',
  OUTCOME_DATE_REQUIRED: 'a conviction needs its judgment date',
  CONCLUSION_REQUIRED: 'the investigation-concluded date is required at this status',
  INCONSISTENT_STATUS: "the status does not agree with the prosecutions' outcomes",
  ILLEGAL_TRANSITION: 'the stored status may not move to this one',
  MISSING_COLUMN: 'the sheet lacks a required column (the sheet is not read)',
  UNKNOWN_SHEET: "a CSV that names no sheet and has no sheet's headers",
  NO_SHEETS: 'the file has none of the sheets Cases, Victims, Defendants, Prosecutions',
  NO_ROWS: 'the file has headers but no rows',
  READ_LIMITS: 'the file needs more memory, shared strings or text than an import may use',
  TOO_MANY_ROWS: 'the file has more rows than allowed',
  TOO_MANY_COLUMNS: 'a row has more columns than allowed',
  CELL_TOO_LONG: 'a cell is longer than 4,000 characters',
  UNREADABLE_WORKBOOK: 'the workbook is damaged or malformed; save it again from Excel or LibreOffice',
  INTERRUPTED: 'the import stopped with its process (nothing was written)',
  FAILED:
    'the import stopped on a fault, such as a lost database connection (nothing was written); upload the file again',
  MONTH_LOCKED:
    'the row would change a figure of an approved month of its reporting unit (the message names the months)',
});

export type CommonFieldCode = CodeOf<typeof CommonFieldCodes>;
export type CaseFieldCode = CodeOf<typeof CaseFieldCodes> | typeof CaseErrors.ILLEGAL_TRANSITION;
export type ImportFieldCode = CodeOf<typeof ImportFieldCodes> | typeof ImportErrors.ZIP_LIMITS;

/** Every code an `errors` member may have. */
export type FieldCode =
  | CommonFieldCode
  | CodeOf<typeof AuthFieldCodes>
  | CaseFieldCode
  | CodeOf<typeof StatisticsFieldCodes>
  | ImportFieldCode;

/** Top-level codes that are also the code of a field or cell problem. */
export const ALSO_FIELD_CODES: readonly FieldCode[] = [CaseErrors.ILLEGAL_TRANSITION, ImportErrors.ZIP_LIMITS];
