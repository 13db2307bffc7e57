import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from 'src/common/errors/domain-error';
import { CaseErrors } from 'src/common/errors/error-codes';
import { CommonFieldCodes } from 'src/common/errors/field-codes';
import { ProblemFilter } from 'src/common/errors/problem.filter';

function run(exception: unknown) {
  const sent: { status?: number; type?: string; body?: Record<string, unknown> } = {};
  const res = {
    headersSent: false,
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    json(b: Record<string, unknown>) {
      sent.body = b;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/api/v1/cases?x=1', id: 'req-1' }),
      getResponse: () => res,
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  it('answers an unexpected error with a bare 500 that reveals nothing internal', () => {
    const sent = run(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=secret at /srv/app/dist/x.js'));
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.body).toMatchObject({
      code: 'COMMON.INTERNAL',
      status: 500,
      requestId: 'req-1',
      instance: '/api/v1/cases',
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/ECONNREFUSED|secret|dist|10\.0\.0\.5/);
  });

  it('answers 503 when the database cannot be reached or the connection was cut, naming neither', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const terminated = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    for (const error of [refused, terminated, new Error('Connection terminated unexpectedly')]) {
      const sent = run(error);
      expect([sent.status, sent.body?.code]).toEqual([503, 'COMMON.DATABASE_UNAVAILABLE']);
      expect(JSON.stringify(sent.body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|administrator|terminated/);
    }
  });

  it('keeps a domain error code, status and field list', () => {
    const sent = run(
      new DomainError(CaseErrors.INVALID, 'bad', {
        errors: [{ field: 'age', code: CommonFieldCodes.MAX, message: 'm' }],
      }),
    );
    expect(sent.status).toBe(422);
    expect(sent.body).toMatchObject({
      code: 'CASE.INVALID',
      detail: 'bad',
      errors: [{ field: 'age', code: 'COMMON.MAX' }],
    });
  });

  it("does not echo a framework exception's text, which may quote input", () => {
    const sent = run(new BadRequestException('Unexpected token in JSON at position 3: "35202-1234567-1"'));
    expect(sent.status).toBe(400);
    expect(JSON.stringify(sent.body)).not.toContain('35202');
  });

  it('maps database rule violations to 422/409 naming only the rule', () => {
    const check = new QueryFailedError(
      'INSERT …',
      ['Secret Name'],
      Object.assign(new Error('violates'), { code: '23514', constraint: 'CHK_victims_age' }),
    );
    const sent = run(check);
    expect(sent.status).toBe(422);
    expect(sent.body?.detail).toContain('CHK_victims_age');
    expect(JSON.stringify(sent.body)).not.toContain('Secret Name');
  });

  it('answers a value the database cannot hold (NUL, out of range) with a 400, not a 500', () => {
    for (const code of ['22021', '22003', '22008']) {
      const sent = run(new QueryFailedError('SELECT …', ['a\u0000b'], Object.assign(new Error('invalid'), { code })));
      expect(sent.status).toBe(400);
      expect(sent.body).toMatchObject({ code: 'COMMON.MALFORMED_REQUEST' });
    }
    expect(
      run(new QueryFailedError('SELECT 1/0', [], Object.assign(new Error('division by zero'), { code: '22012' })))
        .status,
    ).toBe(500);
  });
});
