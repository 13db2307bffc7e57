import { ProblemCode } from 'src/common/errors/problem-catalogue';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: { code?: string; status?: number; errors?: Array<{ field?: string; code: string }> };
}

/** The answer is a problem+json of this status and code. */
export function expectProblem(res: Answer, status: number, code: ProblemCode): void {
  expect([res.status, res.body.code]).toEqual([status, code]);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

/** The answer is 400 COMMON.VALIDATION_FAILED naming this field (with this code, when given). */
export function expectFieldProblem(res: Answer, field: string, code?: ProblemCode): void {
  expectProblem(res, 400, 'COMMON.VALIDATION_FAILED');
  const fields = (res.body.errors ?? []).map((e) => `${e.field}:${e.code}`);
  expect(fields).toContainEqual(
    code ? `${field}:${code}` : expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}:`)),
  );
}
