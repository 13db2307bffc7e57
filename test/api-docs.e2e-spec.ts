import { PROBLEM_CODES } from 'src/common/errors/problem-catalogue';
import { createTestApp } from 'test/support/test-app';

describe('API description', () => {
  it('is served at /api/docs when enabled, and is not there at all when disabled', async () => {
    for (const [flag, status] of [
      ['true', 200],
      ['false', 404],
    ] as const) {
      const t = await createTestApp({ API_DOCS_ENABLED: flag });
      try {
        const json = await t.http.get('/api/docs/openapi.json');
        expect(json.status).toBe(status);
        expect((await t.http.get('/api/docs')).status).toBe(status === 200 ? 200 : 404);
        if (status === 200) {
          expect(json.body.paths['/api/v1/cases']).toBeDefined();
          // every code a client can receive, each operation's error answer the Problem schema
          const schemas = json.body.components.schemas;
          expect(schemas.ProblemCode.enum).toEqual(PROBLEM_CODES.map((e) => e.code));
          expect(schemas.ProblemCode.enum).toEqual(
            expect.arrayContaining([
              'CASE.DATE_ORDER',
              'IMPORT.UNKNOWN_CASE',
              'STATISTICS.SPAN_TOO_LONG',
              'COMMON.MAX',
            ]),
          );
          expect(schemas.Problem.properties.code.$ref).toBe('#/components/schemas/ProblemCode');
          for (const [path, operations] of Object.entries(
            json.body.paths as Record<
              string,
              Record<string, { responses: { default?: { content: Record<string, { schema: { $ref: string } }> } } }>
            >,
          )) {
            for (const [method, operation] of Object.entries(operations)) {
              expect([
                path,
                method,
                operation.responses.default?.content['application/problem+json'].schema.$ref,
              ]).toEqual([path, method, '#/components/schemas/Problem']);
            }
          }
        } else expect(json.body.code).toBe('COMMON.NOT_FOUND');
      } finally {
        await t.close();
      }
    }
  });
});
