import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from 'src/common/errors/error-codes';
import { ALSO_FIELD_CODES } from 'src/common/errors/field-codes';
import { PROBLEM_CODES, problemCodeTable, problemSchemas } from 'src/common/errors/problem-catalogue';

const MODULES = [
  'COMMON',
  'AUTH',
  'USER',
  'REPORTING_UNIT',
  'SUBMISSION',
  'NOTICE',
  'REFERENCE',
  'CASE',
  'STATISTICS',
  'IMPORT',
  'EXPORT',
  'INTERNATIONAL',
];

/** The README's table as rows of cells, between its markers. */
function readmeTable(): string[][] {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const block = readme.split('<!-- problem-codes:start -->')[1].split('<!-- problem-codes:end -->')[0];
  return block
    .trim()
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

describe('problem codes', () => {
  it('are each declared once, named MODULE.NAME after a module', () => {
    const codes = PROBLEM_CODES.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z_]+\.[A-Z0-9_]+$/);
      expect(MODULES).toContain(code.split('.')[0]);
    }
  });

  it('give every top-level code its status and only field codes none', () => {
    for (const e of PROBLEM_CODES)
      expect([e.code, e.status]).toEqual([e.code, ERROR_STATUS[e.code as keyof typeof ERROR_STATUS] ?? null]);
    expect(Object.keys(ERROR_STATUS).sort()).toEqual(
      PROBLEM_CODES.filter((e) => e.status !== null)
        .map((e) => e.code)
        .sort(),
    );
    for (const code of ALSO_FIELD_CODES) {
      const entry = PROBLEM_CODES.find((e) => e.code === code);
      expect(entry).toMatchObject({ field: true });
      expect(typeof entry?.status).toBe('number');
    }
  });

  it("are the README's table, row for row", () => {
    const rows = readmeTable();
    expect(rows.map(([code]) => code.replace(/`/g, ''))).toEqual(PROBLEM_CODES.map((e) => e.code));
    for (const [i, [, where, meaning]] of rows.entries()) {
      const e = PROBLEM_CODES[i];
      expect([e.code, where]).toEqual([
        e.code,
        [e.status ?? '', e.field ? 'field/cell' : ''].filter(Boolean).join(', '),
      ]);
      expect([e.code, meaning]).toEqual([e.code, e.meaning]);
    }
    // the script that rewrites it writes the same text
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(problemCodeTable());
  });

  it('are enumerated in the OpenAPI schemas', () => {
    const schemas = problemSchemas() as Record<string, { enum?: string[]; description?: string }>;
    expect(schemas.ProblemCode.enum).toEqual(PROBLEM_CODES.map((e) => e.code));
    expect(schemas.FieldProblemCode.enum).toEqual(PROBLEM_CODES.filter((e) => e.field).map((e) => e.code));
    expect(schemas.ProblemCode.description).toContain('`STATISTICS.BEFORE_FROM` (field/cell)');
    expect(schemas.ProblemCode.description).toContain('`IMPORT.BUSY` (409)');
  });
});
