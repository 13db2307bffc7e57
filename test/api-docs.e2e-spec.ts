import { createTestApp } from 'test/support/test-app';

describe('API description', () => {
  it('is served at /api/docs when enabled, and is not there at all when disabled', async () => {
    for (const [flag, status] of [['true', 200], ['false', 404]] as const) {
      const t = await createTestApp({ API_DOCS_ENABLED: flag });
      try {
        const json = await t.http.get('/api/docs/openapi.json');
        expect(json.status).toBe(status);
        expect((await t.http.get('/api/docs')).status).toBe(status === 200 ? 200 : 404);
        if (status === 200) expect(json.body.paths['/api/v1/cases']).toBeDefined();
        else expect(json.body.code).toBe('COMMON.NOT_FOUND');
      } finally {
        await t.close();
      }
    }
  });
});
