import { Role } from 'src/users/user.entity';
import { Agent, agentOf, signIn } from 'test/support/agent';
import { caseWithRecords } from 'test/support/case-body';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

/**
 * Who may call what. Every route the service exposes must be listed here: a route added
 * without an access rule fails the first test. `public` routes need no token.
 */
const ALL: Role[] = ['admin', 'analyst', 'focal_person', 'viewer'];
const READ_CASES: Role[] = ['admin', 'analyst', 'focal_person'];
const WRITE_CASES: Role[] = ['admin', 'focal_person'];
const ACCESS: Record<string, Role[] | 'public'> = {
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/health': 'public',
  'GET /api/v1/about': 'public',
  'POST /api/v1/auth/logout': ALL,
  'GET /api/v1/auth/me': ALL,
  'POST /api/v1/auth/password': ALL,
  'GET /api/v1/audit': ['admin'],
  'GET /api/v1/users': ['admin'],
  'GET /api/v1/users/:id': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/:id': ['admin'],
  'POST /api/v1/users/:id/reset-password': ['admin'],
  'GET /api/v1/jurisdictions': ALL,
  'GET /api/v1/jurisdictions/:code/districts': ALL,
  'POST /api/v1/jurisdictions/:code/districts': ['admin'],
  'POST /api/v1/districts/:code/aliases': ['admin'],
  'GET /api/v1/reporting-units': ALL,
  'GET /api/v1/reporting-units/:code': ALL,
  'POST /api/v1/reporting-units': ['admin'],
  'PATCH /api/v1/reporting-units/:code': ['admin'],
  'POST /api/v1/submissions': ['focal_person'],
  'GET /api/v1/submissions': READ_CASES,
  'GET /api/v1/submissions/completeness': READ_CASES,
  'GET /api/v1/submissions/:id': READ_CASES,
  'POST /api/v1/submissions/:id/approve': ['admin', 'analyst'],
  'POST /api/v1/submissions/:id/return': ['admin', 'analyst'],
  'POST /api/v1/submissions/:id/reopen': ['admin'],
  'GET /api/v1/notices': ALL,
  'POST /api/v1/notices/:id/read': ALL,
  'GET /api/v1/reference/countries': ALL,
  'GET /api/v1/reference/law-sections': ALL,
  'GET /api/v1/reference/code-lists': ALL,
  'GET /api/v1/cases': READ_CASES,
  'GET /api/v1/cases/:id': READ_CASES,
  'GET /api/v1/cases/:id/history': READ_CASES,
  'POST /api/v1/cases': WRITE_CASES,
  'PATCH /api/v1/cases/:id': WRITE_CASES,
  'DELETE /api/v1/cases/:id': WRITE_CASES,
  'GET /api/v1/cases/:caseId/victims': READ_CASES,
  'GET /api/v1/cases/:caseId/victims/:id': READ_CASES,
  'POST /api/v1/cases/:caseId/victims': WRITE_CASES,
  'PATCH /api/v1/cases/:caseId/victims/:id': WRITE_CASES,
  'DELETE /api/v1/cases/:caseId/victims/:id': WRITE_CASES,
  'GET /api/v1/cases/:caseId/defendants': READ_CASES,
  'GET /api/v1/cases/:caseId/defendants/:id': READ_CASES,
  'POST /api/v1/cases/:caseId/defendants': WRITE_CASES,
  'PATCH /api/v1/cases/:caseId/defendants/:id': WRITE_CASES,
  'DELETE /api/v1/cases/:caseId/defendants/:id': WRITE_CASES,
  'GET /api/v1/cases/:caseId/prosecutions': READ_CASES,
  'GET /api/v1/cases/:caseId/prosecutions/:pid': READ_CASES,
  'POST /api/v1/cases/:caseId/prosecutions': WRITE_CASES,
  'PATCH /api/v1/cases/:caseId/prosecutions/:pid': WRITE_CASES,
  'DELETE /api/v1/cases/:caseId/prosecutions/:pid': WRITE_CASES,
  'GET /api/v1/cases/:caseId/prosecutions/:pid/conviction': READ_CASES,
  'PUT /api/v1/cases/:caseId/prosecutions/:pid/conviction': WRITE_CASES,
  'DELETE /api/v1/cases/:caseId/prosecutions/:pid/conviction': WRITE_CASES,
  'GET /api/v1/statistics/summary': READ_CASES,
  'GET /api/v1/statistics/demographics': READ_CASES,
  'GET /api/v1/statistics/trends': READ_CASES,
  'GET /api/v1/statistics/routes': READ_CASES,
  'GET /api/v1/statistics/status': READ_CASES,
  'GET /api/v1/statistics/attrition': READ_CASES,
  'GET /api/v1/statistics/vulnerabilities': READ_CASES,
  'GET /api/v1/statistics/repeat-offenders': ['admin', 'analyst'],
  'GET /api/v1/imports/template': WRITE_CASES,
  'POST /api/v1/imports': WRITE_CASES,
  'GET /api/v1/imports': READ_CASES,
  'GET /api/v1/imports/:id': READ_CASES,
  'GET /api/v1/imports/:id/report.xlsx': WRITE_CASES,
  'POST /api/v1/exports/monthly': ['admin', 'analyst'],
  'GET /api/v1/exports/monthly': ['admin', 'analyst', 'viewer'],
  'GET /api/v1/exports/cases': ['admin', 'analyst'],
  'GET /api/v1/exports/glotip': ['admin', 'analyst'],
  'GET /api/v1/exports/glotip/checks': ['admin', 'analyst'],
  'GET /api/v1/exports/untoc': ['admin', 'analyst'],
  'GET /api/v1/exports/htcds': ['admin', 'analyst'],
  'GET /api/v1/exports': ['admin', 'analyst', 'viewer'],
  'GET /api/v1/exports/:id': ['admin', 'analyst', 'viewer'],
};

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('access matrix: every role on every route', () => {
  let t: TestApp;
  let routes: string[];
  const tokens = {} as Record<Role | 'other_focal' | 'fia_focal' | 'zone_focal', Agent>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    const express = t.app.getHttpAdapter().getInstance();
    const stack: ExpressLayer[] = (express.router ?? express._router).stack;
    routes = stack
      .filter((l) => l.route && l.route.path.startsWith('/api/v1/'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    for (const role of ALL) tokens[role] = await signIn(t, role, role === 'focal_person' ? 'PK-PB' : undefined);
    tokens.other_focal = await signIn(t, 'focal_person', 'PK-SD');
    // the FIA (every jurisdiction) and an FIA zone covering Punjab, each with a focal person
    const zone = await tokens.admin.post('/api/v1/reporting-units', {
      code: 'FIA-PUNJAB',
      name: 'FIA Punjab Zone',
      agency: 'fia',
      jurisdictions: ['PK-PB'],
    });
    expect(zone.status).toBe(201);
    for (const [key, unit] of [
      ['fia_focal', 'FIA'],
      ['zone_focal', 'FIA-PUNJAB'],
    ] as const) {
      const created = await tokens.admin.post('/api/v1/users', {
        email: `${key}@test.example`,
        role: 'focal_person',
        reportingUnit: unit,
      });
      expect([unit, created.status]).toEqual([unit, 201]);
      const token = await t.login(created.body.email, created.body.oneTimePassword);
      const own = agentOf(t.http, { id: created.body.id, email: created.body.email, token });
      await own.post('/api/v1/auth/password', {
        currentPassword: created.body.oneTimePassword,
        newPassword: TEST_PASSWORD,
      });
      tokens[key] = agentOf(t.http, { ...own, token: await t.login(created.body.email) });
    }
  });
  afterAll(() => t.close());

  /** A Punjab case (in Lahore) of `focal`'s unit with one of everything, so that every id in a path names a real record. */
  async function freshCase(focal = tokens.focal_person): Promise<void> {
    Object.assign(
      ids,
      await caseWithRecords(focal, {
        district: 'Lahore',
        policeStation: 'PS Gulberg',
        firNumber: String(Math.floor(Math.random() * 1e9)),
        firYear: 2024,
        firDate: '2024-02-01',
        offenceFamily: 'tip',
        status: 'under_trial',
        statusDate: '2024-03-01',
        investigationConcludedOn: '2024-02-20',
      }),
    );
    await focal.put(`/api/v1/cases/${ids.caseId}/prosecutions/${ids.pid}/conviction`, { judgmentDate: '2024-06-01' });
  }

  async function restoreViewer(oneTimePassword: string): Promise<void> {
    const viewer = tokens.viewer;
    const changed = await agentOf(t.http, { ...viewer, token: await t.login(viewer.email, oneTimePassword) }).post(
      '/api/v1/auth/password',
      { currentPassword: oneTimePassword, newPassword: TEST_PASSWORD },
    );
    expect(changed.status).toBe(200);
    tokens.viewer = agentOf(t.http, { ...viewer, token: changed.body.accessToken });
  }

  function path(route: string): string {
    const [, p] = route.split(' ');
    const child = p.includes('/victims/')
      ? ids.victimId
      : p.includes('/defendants/')
        ? ids.defendantId
        : p.startsWith('/api/v1/users/')
          ? tokens.viewer.id
          : ids.caseId;
    return p
      .replace(':caseId', ids.caseId)
      .replace(':pid', ids.pid)
      .replace(':id', child)
      .replace(
        ':code',
        p.startsWith('/api/v1/districts') ? 'PK614' : p.startsWith('/api/v1/reporting-units') ? 'FIA' : 'PK-PB',
      );
  }

  function call(route: string, who?: Agent) {
    const [method] = route.split(' ');
    const query =
      route.includes('/statistics/') || route === 'GET /api/v1/exports/htcds'
        ? `?from=2024-01-01&to=2024-12-31${route.endsWith('trends') ? '&metric=casesRegistered' : ''}`
        : route === 'GET /api/v1/exports/monthly'
          ? '?month=2024-06&audience=ministry'
          : /exports\/(glotip|untoc)/.test(route)
            ? '?year=2024'
            : '';
    const send = (who ?? t.http) as unknown as Record<string, (u: string) => import('supertest').Test>;
    const req = send[method.toLowerCase()](path(route) + query);
    return method === 'GET' || method === 'DELETE' ? req : req.send(bodyFor(route));
  }

  /** A valid body for the write routes whose checks would otherwise stop at validation. */
  function bodyFor(route: string): object {
    if (route === 'POST /api/v1/cases/:caseId/victims') return { ref: `V${Math.random().toString(36).slice(2, 8)}` };
    if (route === 'POST /api/v1/cases/:caseId/defendants') return { ref: `D${Math.random().toString(36).slice(2, 8)}` };
    if (route === 'POST /api/v1/cases/:caseId/prosecutions')
      return { defendantId: ids.defendantId, prosecutionDate: '2024-03-01' };
    if (route === 'PUT /api/v1/cases/:caseId/prosecutions/:pid/conviction') return { judgmentDate: '2024-06-01' };
    if (route === 'POST /api/v1/exports/monthly') return { month: '2024-06', audience: 'ministry' };
    return {};
  }

  it('has an access rule for every route, and no rule for a route that does not exist', () => {
    expect(routes.filter((r) => !(r in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('refuses every non-public route without a token', async () => {
    for (const route of routes.filter((r) => ACCESS[r] !== 'public')) {
      const res = await call(route);
      expect([route, res.status]).toEqual([route, 401]);
    }
  });

  it('answers each role as its rule says (403 when refused; when allowed, neither 401/403 nor a server error)', async () => {
    // deletes last, so the records other routes name still exist
    const ordered = [...routes].sort((a, b) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')));
    for (const role of ALL) {
      await freshCase();
      for (const route of ordered) {
        const rule = ACCESS[route];
        if (rule === 'public') continue;
        const res = await call(route, tokens[role]);
        const allowed = rule.includes(role);
        const answeredAllowed = res.status !== 401 && res.status !== 403 && res.status < 500 ? 'allowed' : res.status;
        expect([route, role, allowed ? answeredAllowed : res.status]).toEqual([route, role, allowed ? 'allowed' : 403]);
        if (route === 'POST /api/v1/auth/logout')
          tokens[role] = agentOf(t.http, { ...tokens[role], token: await t.login(tokens[role].email) });
        // the reset ended the viewer's sessions (users/:id names the viewer): it sets its own password again
        if (route === 'POST /api/v1/users/:id/reset-password' && allowed) await restoreViewer(res.body.oneTimePassword);
        if (route === 'DELETE /api/v1/cases/:id' && allowed) await freshCase();
      }
    }
  });

  it('holds a user whose password an admin set at every route but me, logout and the password change', async () => {
    await freshCase();
    // what each open route answers (the password change is sent no body here)
    const OPEN: Record<string, number> = {
      'GET /api/v1/auth/me': 200,
      'POST /api/v1/auth/password': 400,
      'POST /api/v1/auth/logout': 204,
    };
    const open = Object.keys(OPEN);
    for (const role of ALL) {
      const created = await tokens.admin.post('/api/v1/users', {
        email: `held-${role}@test.example`,
        role,
        jurisdiction: role === 'focal_person' ? 'PK-PB' : undefined,
      });
      expect(created.status).toBe(201);
      const held = agentOf(t.http, {
        id: created.body.id,
        email: created.body.email,
        token: await t.login(created.body.email, created.body.oneTimePassword),
      });
      // logout last: it ends the session
      const ordered = [...routes.filter((r) => !open.includes(r)), ...open];
      for (const route of ordered) {
        if (ACCESS[route] === 'public') continue;
        const res = await call(route, held);
        if (open.includes(route)) expect([route, role, res.status]).toEqual([route, role, OPEN[route]]);
        else {
          expect([route, role, res.body.code]).toEqual([route, role, 'AUTH.PASSWORD_CHANGE_REQUIRED']);
          expectProblem(res, 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
        }
      }
    }
    // the case every route named is untouched
    const still = await t.dataSource.query('SELECT deleted_at FROM cases WHERE id = $1', [ids.caseId]);
    expect(still[0].deleted_at).toBeNull();
  });

  it("answers 404 to a focal person for every case route of another jurisdiction's case", async () => {
    await freshCase();
    const caseRoutes = routes.filter((r) => r.includes('/cases/:'));
    expect(caseRoutes.length).toBeGreaterThan(10);
    for (const route of caseRoutes) {
      const res = await call(route, tokens.other_focal);
      expect([route, res.status]).toEqual([route, 404]);
    }
    const still = await t.dataSource.query('SELECT deleted_at FROM cases WHERE id = $1', [ids.caseId]);
    expect(still[0].deleted_at).toBeNull();
  });

  it("answers 404 to each reporting unit's focal person for every case route of another unit's case in the same district", async () => {
    const caseRoutes = routes.filter((r) => r.includes('/cases/:'));
    const units = [tokens.focal_person, tokens.fia_focal, tokens.zone_focal];
    for (const owner of units) {
      await freshCase(owner);
      expect((await owner.get(`/api/v1/cases/${ids.caseId}`)).status).toBe(200);
      for (const intruder of units.filter((u) => u !== owner)) {
        for (const route of caseRoutes) {
          const res = await call(route, intruder);
          expect([owner.email, intruder.email, route, res.status]).toEqual([owner.email, intruder.email, route, 404]);
        }
      }
      const still = await t.dataSource.query('SELECT deleted_at FROM cases WHERE id = $1', [ids.caseId]);
      expect(still[0].deleted_at).toBeNull();
    }
  });

  it("limits each unit's focal person to the unit's own cases in every list and statistic, and refuses naming another", async () => {
    for (const owner of [tokens.focal_person, tokens.fia_focal, tokens.zone_focal]) await freshCase(owner);
    const unitOf = { focal_person: 'POLICE-PK-PB', fia_focal: 'FIA', zone_focal: 'FIA-PUNJAB' } as const;
    for (const [key, unit] of Object.entries(unitOf) as Array<[keyof typeof unitOf, string]>) {
      const who = tokens[key];
      const [{ own, total }] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE reporting_unit_code = $1)::int AS own, count(*)::int AS total
           FROM cases WHERE deleted_at IS NULL AND offence_family = 'tip' AND fir_date BETWEEN '2024-01-01' AND '2024-12-31'`,
        [unit],
      );
      expect(total).toBeGreaterThan(own);
      const list = await who.get('/api/v1/cases?pageSize=100');
      expect([unit, list.status]).toEqual([unit, 200]);
      expect(new Set(list.body.items.map((c: { reportingUnit: string }) => c.reportingUnit))).toEqual(new Set([unit]));
      // every statistics endpoint answers within the unit: the summary counts the unit's cases only
      for (const route of routes.filter((r) => r.startsWith('GET /api/v1/statistics/'))) {
        const res = await call(route, who);
        expect([unit, route, res.status < 300 || res.status === 403]).toEqual([unit, route, true]);
      }
      const summary = await who.get('/api/v1/statistics/summary?from=2024-01-01&to=2024-12-31');
      expect([unit, summary.body.casesRegistered]).toEqual([unit, own]);
      for (const other of Object.values(unitOf).filter((u) => u !== unit)) {
        expectProblem(await who.get(`/api/v1/cases?reportingUnit=${other}`), 403, 'AUTH.UNIT_FORBIDDEN');
        expectProblem(
          await who.get(`/api/v1/statistics/summary?from=2024-01-01&to=2024-12-31&reportingUnit=${other}`),
          403,
          'AUTH.UNIT_FORBIDDEN',
        );
      }
    }
    expectProblem(
      await tokens.focal_person.get('/api/v1/statistics/summary?from=2024-01-01&to=2024-12-31&agency=fia'),
      403,
      'AUTH.UNIT_FORBIDDEN',
    );
    expectProblem(await tokens.zone_focal.get('/api/v1/cases?jurisdiction=PK-SD'), 403, 'AUTH.JURISDICTION_FORBIDDEN');
  });
});
