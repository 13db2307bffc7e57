import { CodeGroup, meaningsOf } from 'src/common/errors/code-group';
import * as Top from 'src/common/errors/error-codes';
import { ERROR_STATUS, ErrorCode } from 'src/common/errors/error-codes';
import * as Field from 'src/common/errors/field-codes';
import { FieldCode } from 'src/common/errors/field-codes';

export type ProblemCode = ErrorCode | FieldCode;

export interface ProblemCodeEntry {
  readonly code: ProblemCode;
  /** The HTTP status of a problem answer with this code; null for a code only of `errors` members. */
  readonly status: number | null;
  /** Whether an `errors` member (a field or spreadsheet cell) may have this code. */
  readonly field: boolean;
  readonly meaning: string;
}

const TOP_GROUPS: Array<CodeGroup<string, string>> = [
  Top.CommonErrors,
  Top.AuthErrors,
  Top.UserErrors,
  Top.ReportingUnitErrors,
  Top.SubmissionErrors,
  Top.NoticeErrors,
  Top.ReferenceErrors,
  Top.CaseErrors,
  Top.StatisticsErrors,
  Top.ImportErrors,
  Top.ExportErrors,
  Top.InternationalErrors,
];
const FIELD_GROUPS: Array<CodeGroup<string, string>> = [
  Field.CommonFieldCodes,
  Field.AuthFieldCodes,
  Field.CaseFieldCodes,
  Field.StatisticsFieldCodes,
  Field.ImportFieldCodes,
];

/** Every code a client can receive, top-level codes first, in the order declared. */
export const PROBLEM_CODES: readonly ProblemCodeEntry[] = [
  ...TOP_GROUPS.flatMap(meaningsOf).map(([code, meaning]) => ({
    code: code as ErrorCode,
    status: ERROR_STATUS[code as ErrorCode],
    field: (Field.ALSO_FIELD_CODES as readonly string[]).includes(code),
    meaning,
  })),
  ...FIELD_GROUPS.flatMap(meaningsOf).map(([code, meaning]) => ({
    code: code as FieldCode,
    status: null,
    field: true,
    meaning,
  })),
];

/** The README's table of codes (checked against this list by problem-catalogue.spec.ts). */
export function problemCodeTable(): string {
  const rows = PROBLEM_CODES.map((e) => {
    const where = [e.status === null ? '' : String(e.status), e.field ? 'field/cell' : ''].filter(Boolean).join(', ');
    return `| \`${e.code}\` | ${where} | ${e.meaning.replace(/\|/g, '\\|')} |`;
  });
  return ['| Code | Status, or where | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * The problem answer's schemas for the OpenAPI description: `ProblemCode` enumerates every
 * code with its status and meaning, `FieldProblemCode` those of `errors` members.
 */
export function problemSchemas(): Record<string, object> {
  const describe = (entries: readonly ProblemCodeEntry[]) =>
    entries
      .map(
        (e) =>
          `- \`${e.code}\` (${[e.status ?? '', e.field ? 'field/cell' : ''].filter(Boolean).join(', ')}): ${e.meaning}`,
      )
      .join('\n');
  const fieldEntries = PROBLEM_CODES.filter((e) => e.field);
  return {
    ProblemCode: {
      type: 'string',
      enum: PROBLEM_CODES.map((e) => e.code),
      description: `Every stable code, with its HTTP status:\n\n${describe(PROBLEM_CODES)}`,
    },
    FieldProblemCode: {
      type: 'string',
      enum: [...new Set(fieldEntries.map((e) => e.code))],
      description: 'The code of one field or spreadsheet cell (an `errors` member).',
    },
    FieldProblem: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        field: { type: 'string', description: 'the field path, such as `victims[2].age` (request problems)' },
        sheet: { type: 'string', description: 'the sheet (upload problems)' },
        row: {
          type: 'integer',
          description: "the spreadsheet's own row number; 0 for the whole file (upload problems)",
        },
        column: { type: 'string', nullable: true, description: 'the column header (upload problems)' },
        code: { $ref: '#/components/schemas/FieldProblemCode' },
        message: { type: 'string', description: 'what is expected; never the value given' },
      },
    },
    Problem: {
      type: 'object',
      description: 'An error answer, application/problem+json (RFC 9457).',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { $ref: '#/components/schemas/ProblemCode' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        requestId: { type: 'string' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
      },
    },
  };
}
