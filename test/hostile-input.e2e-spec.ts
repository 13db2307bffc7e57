import { MAX_JSON_DEPTH } from 'src/common/json-depth';
import { Agent, signIn } from 'test/support/agent';
import { caseWithRecords } from 'test/support/case-body';
import { expectFieldProblem, expectProblem } from 'test/support/problem';
import { routeCatalogue, RouteEntry } from 'test/support/route-catalogue';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('hostile input', () => {
  let t: TestApp;
  let admin: Agent;
  let focal: Agent;
  const ids: Record<string, string> = {};
  let firNumbers = 0;

  const newCase = (overrides: object = {}) => ({
    district: 'Lahore',
    policeStation: 'PS Gulberg',
    firNumber: `H-${++firNumbers}`,
    firYear: 2024,
    firDate: '2024-02-01',
    offenceFamily: 'tip',
    route: [{ kind: 'origin', country: 'PAK', district: 'Lahore', place: 'Gulberg' }],
    ...overrides,
  });
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '100000' });
    [admin, focal] = await Promise.all([signIn(t, 'admin'), signIn(t, 'focal_person', 'PK-PB')]);
    Object.assign(
      ids,
      await caseWithRecords(
        focal,
        newCase({ status: 'under_trial', statusDate: '2024-03-01', investigationConcludedOn: '2024-02-20' }),
      ),
    );
    ids.userId = (await t.userWithToken('viewer')).id;
  });
  afterAll(() => t.close());

  describe('the attacks of the security review', () => {
    it('refuses a page number beyond the last page any list can have, on every paginated list', async () => {
      for (const url of ['/api/v1/cases', '/api/v1/imports', '/api/v1/audit']) {
        const started = Date.now();
        expectFieldProblem(await admin.get(`${url}?page=100000000000000000000`), 'page', 'COMMON.MAX');
        expectFieldProblem(await admin.get(`${url}?page=10001`), 'page', 'COMMON.MAX');
        expectFieldProblem(await admin.get(`${url}?pageSize=100000000000000000000`), 'pageSize', 'COMMON.MAX');
        expect(Date.now() - started).toBeLessThan(2000);
        expect((await admin.get(`${url}?page=10000`)).status).toBe(200);
      }
    });

    it('refuses dates that are not real calendar dates between 1900 and 2100', async () => {
      expectFieldProblem(await admin.get('/api/v1/audit?from=0000-01-01'), 'from', 'COMMON.DATE_IN_RANGE');
      expectFieldProblem(await admin.get('/api/v1/audit?to=10000-01-01'), 'to');
      expectFieldProblem(await admin.get('/api/v1/audit?from=2024-W01'), 'from');
      expectFieldProblem(await admin.get('/api/v1/audit?from=2023-02-29'), 'from');
      expect((await admin.get('/api/v1/audit?from=2024-02-29&to=2024-03-01T10:00:00%2B05:00')).status).toBe(200);
      expectFieldProblem(
        await focal.get('/api/v1/cases?firDateFrom=1899-12-31'),
        'firDateFrom',
        'COMMON.DATE_IN_RANGE',
      );
      expectFieldProblem(
        await focal.get('/api/v1/statistics/summary?from=0001-01-01&to=2024-12-31'),
        'from',
        'COMMON.DATE_IN_RANGE',
      );
      expectFieldProblem(
        await focal.post('/api/v1/cases', newCase({ firDate: '0000-01-01' })),
        'firDate',
        'COMMON.DATE_IN_RANGE',
      );
    });

    it('refuses a NUL byte and other control characters in police stations, names and places, naming the field', async () => {
      expectFieldProblem(
        await focal.post('/api/v1/cases', newCase({ policeStation: 'PS\u0000Saddar' })),
        'policeStation',
        'COMMON.CONTROL_CHARACTER',
      );
      expectFieldProblem(
        await focal.post(
          '/api/v1/cases',
          newCase({ route: [{ kind: 'origin', country: 'PAK', place: 'Gul\u0000berg' }] }),
        ),
        'route[0].place',
        'COMMON.CONTROL_CHARACTER',
      );
      expectFieldProblem(
        await focal.post(`/api/v1/cases/${ids.caseId}/defendants`, { ref: 'D9', name: 'Name\u0000' }),
        'name',
        'COMMON.CONTROL_CHARACTER',
      );
      expectFieldProblem(
        await focal.post(`/api/v1/cases/${ids.caseId}/defendants`, { ref: 'D9', name: 'Line\nbreak' }),
        'name',
        'COMMON.CONTROL_CHARACTER',
      );
      expectFieldProblem(await focal.get('/api/v1/cases?district=PK%00'), 'district', 'COMMON.CONTROL_CHARACTER');
      expectFieldProblem(await admin.get('/api/v1/audit?action=auth%00'), 'action', 'COMMON.CONTROL_CHARACTER');
      expectFieldProblem(await admin.get('/api/v1/jurisdictions/PK%00/districts'), 'code', 'COMMON.MATCHES');
      // remarks may span lines, but may not hold a NUL
      const multiline = await focal.post('/api/v1/cases', newCase({ remarks: 'first line\r\n\tsecond line' }));
      expect(multiline.status).toBe(201);
      expectFieldProblem(
        await focal.patch(`/api/v1/cases/${multiline.body.id}`, { remarks: 'a\u0000b' }),
        'remarks',
        'COMMON.CONTROL_CHARACTER',
      );
    });

    it('refuses bidirectional controls (a spoofing aid in spreadsheets) in every free-text field, and keeps Urdu', async () => {
      const rlo = 'PS Saddar\u202Eexe.txt';
      expectFieldProblem(
        await focal.post('/api/v1/cases', newCase({ policeStation: rlo })),
        'policeStation',
        'COMMON.BIDI_CONTROL',
      );
      expectFieldProblem(
        await focal.post('/api/v1/cases', newCase({ remarks: 'see \u2067note\u2069' })),
        'remarks',
        'COMMON.BIDI_CONTROL',
      );
      expectFieldProblem(
        await focal.post(
          '/api/v1/cases',
          newCase({ route: [{ kind: 'transit', country: 'IRN', place: 'Taftan\u200F' }] }),
        ),
        'route[0].place',
        'COMMON.BIDI_CONTROL',
      );
      for (const field of ['name', 'groupName']) {
        expectFieldProblem(
          await focal.post(`/api/v1/cases/${ids.caseId}/defendants`, { ref: 'D9', [field]: `x\u202Dy` }),
          field,
          'COMMON.BIDI_CONTROL',
        );
      }
      expectFieldProblem(
        await focal.post(`/api/v1/cases/${ids.caseId}/prosecutions`, {
          defendantId: ids.defendantId,
          prosecutionDate: '2024-03-01',
          court: 'Court\u061C',
        }),
        'court',
        'COMMON.BIDI_CONTROL',
      );
      expectFieldProblem(
        await admin.post('/api/v1/jurisdictions/PK-SD/districts', {
          code: 'PK-NEW-1',
          name: 'New\u202E',
          aliases: ['ok', 'bad\u2066'],
        }),
        'aliases',
        'COMMON.BIDI_CONTROL',
      );
      const urdu = await focal.post(
        '/api/v1/cases',
        newCase({ policeStation: 'تھانہ سول لائنز', remarks: 'متاثرہ کی بازیابی' }),
      );
      expect(urdu.status).toBe(201);
      expect(urdu.body.policeStation).toBe('تھانہ سول لائنز');
    });

    it('refuses JSON nested 5,000 deep with a 400, quickly', async () => {
      for (const body of [
        '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
        '['.repeat(5000) + ']'.repeat(5000),
        JSON.stringify(newCase()).replace('"Gulberg"', '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)),
      ]) {
        const started = Date.now();
        const res = await focal.post('/api/v1/cases').set('Content-Type', 'application/json').send(body);
        expectProblem(res, 400, 'COMMON.MALFORMED_REQUEST');
        expect(Date.now() - started).toBeLessThan(1000);
      }
      // as deep as the API's own bodies go is fine
      expect((await focal.post('/api/v1/cases', newCase())).status).toBe(201);
    });
  });

  describe('fuzzing every route', () => {
    const BODY_VALUES: unknown[] = [
      1e20,
      -1e20,
      -1,
      0,
      1.5,
      'NaN',
      'Infinity',
      '1e400',
      '',
      ' ',
      'a\u0000b',
      '\u202Eabc',
      'x'.repeat(10_000),
      ['a', 'b'],
      [],
      { a: 1 },
      true,
      null,
      '0000-01-01',
      '9999-12-31',
      '2024-02-30',
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      '../../etc/passwd',
      "'; DROP TABLE cases; --",
    ];
    const QUERY_VALUES: Array<string | string[]> = [
      '1e20',
      '100000000000000000000',
      '-1',
      '0',
      '1.5',
      'NaN',
      'Infinity',
      '',
      'a\u0000b',
      '\u202Eabc',
      'x'.repeat(3000),
      ['a', 'b'],
      '0000-01-01',
      '9999-12-31',
      '2024-02-30',
      '2024-W01',
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      'true',
      '{"a":1}',
    ];
    const PATH_VALUES = [
      'x',
      '%00',
      '-1',
      '1e20',
      '0'.repeat(2000),
      '00000000-0000-0000-0000-000000000000',
      '%E2%80%AE',
      '..%2F..',
    ];

    /** A request each route accepts, so that a mutated field gets past the others and reaches the service. */
    function baseOf(route: RouteEntry): { query: Record<string, string>; body: Record<string, unknown> } {
      const key = `${route.method} ${route.path}`;
      const unique = `${Date.now().toString(36)}${++firNumbers}`;
      const period = { from: '2024-01-01', to: '2024-12-31' };
      const bodies: Record<string, Record<string, unknown>> = {
        'POST /api/v1/cases': newCase(),
        'POST /api/v1/cases/:caseId/victims': { ref: `V-${unique}` },
        'POST /api/v1/cases/:caseId/defendants': { ref: `D-${unique}` },
        'POST /api/v1/cases/:caseId/prosecutions': { defendantId: ids.defendantId, prosecutionDate: '2024-03-01' },
        'PUT /api/v1/cases/:caseId/prosecutions/:pid/conviction': { judgmentDate: '2024-06-01' },
        'POST /api/v1/users': {
          email: `fuzz-${unique}@test.example`,
          password: 'an unguessable kite over the harbour',
          role: 'viewer',
        },
        'POST /api/v1/jurisdictions/:code/districts': {
          code: `PK-F${unique.slice(-6).toUpperCase()}`,
          name: `District ${unique}`,
        },
        'POST /api/v1/districts/:code/aliases': { alias: `Alias ${unique}` },
        'POST /api/v1/auth/login': { email: admin.email, password: 'not the password' },
        'POST /api/v1/auth/password': {
          currentPassword: 'not the password',
          newPassword: 'an unguessable kite over the harbour',
        },
      };
      const queries: Record<string, Record<string, string>> = {
        'GET /api/v1/statistics/trends': { ...period, metric: 'casesRegistered' },
      };
      return {
        query: queries[key] ?? (route.path.startsWith('/api/v1/statistics/') ? period : {}),
        body: bodies[key] ?? {},
      };
    }

    function pathFor(route: RouteEntry, hostile?: { param: string; value: string }): string {
      return route.path.replace(/:(\w+)/g, (_, param: string) => {
        if (hostile?.param === param) return hostile.value;
        if (param === 'code') return route.path.startsWith('/api/v1/districts') ? 'PK614' : 'PK-PB';
        if (param !== 'id') return ids[param];
        if (route.path.includes('/victims/')) return ids.victimId;
        if (route.path.includes('/defendants/')) return ids.defendantId;
        if (route.path.startsWith('/api/v1/users/')) return ids.userId;
        return ids.caseId;
      });
    }

    it('discovers every route the service exposes', () => {
      const express = t.app.getHttpAdapter().getInstance();
      const stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> = (
        express.router ?? express._router
      ).stack;
      const served = stack
        .filter((l) => l.route?.path.startsWith('/api/v1/'))
        .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
      const catalogued = routeCatalogue(t.app).map((r) => `${r.method} ${r.path}`);
      expect([...catalogued].sort()).toEqual([...served].sort());
    });

    it('answers hostile values in every parameter and body field with a problem, never a 500', async () => {
      const failures: string[] = [];
      let requests = 0;
      const send = async (
        route: RouteEntry,
        label: string,
        path: string,
        query: Record<string, string | string[]>,
        body: unknown,
      ) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
        const url = params.size ? `${path}?${params}` : path;
        const who = route.roles === 'public' || route.roles.includes('focal_person') ? focal : admin;
        const started = Date.now();
        const req = who[route.method.toLowerCase() as 'get'](url);
        const res = await (route.method === 'GET' || route.method === 'DELETE'
          ? req
          : req.set('Content-Type', 'application/json').send(JSON.stringify(body)));
        requests++;
        const elapsed = Date.now() - started;
        const problem = res.status < 400 || /application\/problem\+json/.test(String(res.headers['content-type']));
        if (res.status >= 500 || !problem || elapsed > 5000)
          failures.push(`${route.method} ${route.path} ${label}: ${res.status} in ${elapsed} ms`);
      };

      for (const route of routeCatalogue(t.app)) {
        for (const param of route.pathParams) {
          for (const value of PATH_VALUES) {
            const { query, body } = baseOf(route);
            await send(route, `:${param}=${value.slice(0, 20)}`, pathFor(route, { param, value }), query, body);
          }
        }
        for (const field of route.queryFields) {
          for (const value of QUERY_VALUES) {
            const { query, body } = baseOf(route);
            await send(
              route,
              `?${field}=${JSON.stringify(value).slice(0, 20)}`,
              pathFor(route),
              { ...query, [field]: value },
              body,
            );
          }
        }
        if (route.bodyFields.length) {
          for (const whole of [
            [],
            [baseOf(route).body],
            'text',
            42,
            { ...baseOf(route).body, extra: { nested: [1, [2, [3]]] } },
          ]) {
            await send(route, `body=${JSON.stringify(whole).slice(0, 20)}`, pathFor(route), baseOf(route).query, whole);
          }
        }
        for (const field of route.bodyFields) {
          for (const value of BODY_VALUES) {
            const { query, body } = baseOf(route);
            await send(route, `body.${field}=${JSON.stringify(value)?.slice(0, 20)}`, pathFor(route), query, {
              ...body,
              [field]: value,
            });
          }
        }
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(2000);
    }, 300_000);
  });
});
