import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { caseBody, caseWithRecords } from 'test/support/case-body';
import { expectFieldProblem, expectProblem } from 'test/support/problem';
import { routeCatalogue, RouteEntry } from 'test/support/route-catalogue';
import { createTestApp, TestApp } from 'test/support/test-app';

/** The records one unit's focal person owns, each with the values that must never reach anyone else. */
interface Owned {
  readonly focal: Agent;
  readonly ids: Record<Kind, string>;
  /** Personal and identifying values of the records: a name, a CNIC, a FIR number, a police station. */
  readonly secrets: string[];
}

type Kind = 'case' | 'victim' | 'defendant' | 'prosecution' | 'import' | 'submission' | 'notice' | 'user' | 'export';

/**
 * Which record a path parameter names, read from the route's path: a route added under a
 * resource the test knows is covered at once; a route naming a new kind of record fails
 * here until the test learns how to make one.
 */
function kindOf(route: RouteEntry, param: string): Kind | 'reference' {
  const p = route.path;
  if (param === 'code') return 'reference'; // jurisdictions, districts, reporting units: the same for every user
  if (param === 'caseId') return 'case';
  if (param === 'pid') return 'prosecution';
  if (param === 'id') {
    for (const [segment, kind] of [
      ['/victims/:id', 'victim'],
      ['/defendants/:id', 'defendant'],
      ['/cases/:id', 'case'],
      ['/imports/:id', 'import'],
      ['/submissions/:id', 'submission'],
      ['/notices/:id', 'notice'],
      ['/users/:id', 'user'],
      ['/exports/:id', 'export'],
    ] as const)
      if (p.includes(segment)) return kind;
  }
  throw new Error(`no record of another unit to try for :${param} of ${route.method} ${p}: teach kindOf`);
}

describe('records of other units: every route that names a record, tried by everyone else', () => {
  let t: TestApp;
  let admin: Agent;
  let punjab: Owned;
  let sindh: Owned;
  let routes: RouteEntry[];
  /** A workbook for NPB only (the internal audience), with case-level rows. */
  let internalExport: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '100000' });
    admin = await signIn(t, 'admin');
    const generated = await admin.post('/api/v1/exports/monthly', { month: '2024-03', audience: 'internal' });
    expect(generated.status).toBe(201);
    internalExport = generated.body.id;
    punjab = await own(await signIn(t, 'focal_person', 'PK-PB'), 'Lahore', 'Tariq Mehmood Khan', '35202-7654321-3');
    sindh = await own(
      await signIn(t, 'focal_person', 'PK-SD'),
      'Karachi South',
      'Ghulam Rasool Shah',
      '42101-1234567-9',
    );
    routes = routeCatalogue(t.app).filter((r) => r.pathParams.length > 0);
  });
  afterAll(() => t.close());

  /** A case with one of everything, a rejected upload, a submitted month and a notice, all of `focal`'s unit. */
  async function own(focal: Agent, district: string, name: string, cnic: string): Promise<Owned> {
    const fir = `F${Math.floor(Math.random() * 1e6)}`;
    const station = `PS ${name.split(' ')[0]}pura`;
    const c = await focal.post(
      '/api/v1/cases',
      caseBody({
        district,
        policeStation: station,
        firNumber: fir,
        route: undefined,
        status: 'under_trial',
        statusDate: '2024-03-01',
        investigationConcludedOn: '2024-02-20',
      }),
    );
    expect(c.status).toBe(201);
    const caseId = c.body.id;
    const victim = await focal.post(`/api/v1/cases/${caseId}/victims`, { ref: 'V1', cnic });
    const defendant = await focal.post(`/api/v1/cases/${caseId}/defendants`, { ref: 'D1', name, cnic });
    const prosecution = await focal.post(`/api/v1/cases/${caseId}/prosecutions`, {
      defendantId: defendant.body.id,
      prosecutionDate: '2024-03-01',
    });
    expect([victim.status, defendant.status, prosecution.status]).toEqual([201, 201, 201]);
    // a rejected upload (a bad FIR date), which keeps its file for the error report
    const upload = await focal.upload(await buildWorkbook(goodCase(fir, { 'FIR Date': 'not a date' })));
    expect(upload.status).toBe(422);
    const submission = await focal.post('/api/v1/submissions', { month: '2023-06' });
    expect(submission.status).toBe(200);
    const [notice] = await t.dataSource.query(
      `INSERT INTO notices (user_id, kind, month, reporting_unit_code, due_at)
       SELECT id, 'submission_due', '2023-07-01', reporting_unit_code, now() FROM users WHERE id = $1 RETURNING id`,
      [focal.id],
    );
    return {
      focal,
      ids: {
        case: caseId,
        victim: victim.body.id,
        defendant: defendant.body.id,
        prosecution: prosecution.body.id,
        import: upload.body.id,
        submission: submission.body.id,
        notice: notice.id,
        user: focal.id,
        export: internalExport,
      },
      secrets: [name, cnic, cnic.replace(/-/g, ''), fir, station],
    };
  }

  const pathWith = (route: RouteEntry, idOf: (kind: Kind, param: string) => string) =>
    route.path.replace(/:(\w+)/g, (_, param: string) => {
      const kind = kindOf(route, param);
      if (kind === 'reference') return route.path.startsWith('/api/v1/districts') ? 'PK614' : 'PK-PB';
      return idOf(kind, param);
    });

  /** A body each write would take, so that the answer is about the record the path names, not the body. */
  const bodyFor = (route: RouteEntry, who: Agent): object => {
    const own = [punjab, sindh].find((o) => o.focal === who);
    const unique = Math.random().toString(36).slice(2, 8);
    if (route.path.endsWith('/victims')) return { ref: `V${unique}` };
    if (route.path.endsWith('/defendants')) return { ref: `D${unique}` };
    if (route.path.endsWith('/prosecutions'))
      return { defendantId: own?.ids.defendant ?? punjab.ids.defendant, prosecutionDate: '2024-03-01' };
    if (route.path.endsWith('/conviction')) return { judgmentDate: '2024-06-01' };
    if (route.path.endsWith('/return')) return { comment: 'Please correct the figures' };
    if (route.path.endsWith('/reopen')) return { reason: 'A late correction' };
    return {};
  };

  const send = (who: Agent, route: RouteEntry, path: string) => {
    const req = who[route.method.toLowerCase() as 'get'](path);
    return route.method === 'GET' || route.method === 'DELETE' ? req : req.send(bodyFor(route, who));
  };

  /** What the owner sees of its records: compared before and after the attempts, so nothing was changed. */
  const ownersView = async (owner: Owned) => {
    const c = owner.ids.case;
    return Promise.all(
      [
        `/api/v1/cases/${c}`,
        `/api/v1/cases/${c}/victims`,
        `/api/v1/cases/${c}/defendants`,
        `/api/v1/cases/${c}/prosecutions`,
        `/api/v1/imports/${owner.ids.import}`,
        `/api/v1/submissions/${owner.ids.submission}`,
        '/api/v1/notices',
      ].map(async (url) => {
        const res = await owner.focal.get(url);
        return [url, res.status, JSON.stringify(res.body).replace(/"updatedAt":"[^"]*"/g, '')];
      }),
    );
  };

  it('knows which record every path parameter of every route names', () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) for (const param of route.pathParams) expect(() => kindOf(route, param)).not.toThrow();
  });

  it("answers another unit's focal person 404 (or 403 where the role may not call the route) with ids of the owner's records, leaking nothing, changing nothing", async () => {
    const leaks: string[] = [];
    const wrong: string[] = [];
    let tried = 0;
    for (const [owner, intruder] of [
      [punjab, sindh],
      [sindh, punjab],
    ] as const) {
      const before = await ownersView(owner);
      for (const route of routes) {
        if (route.pathParams.every((p) => kindOf(route, p) === 'reference')) continue;
        const allowed = route.roles === 'public' || route.roles.includes('focal_person');
        // every id the owner's, and each id the owner's under the intruder's own parent records
        const attempts = [pathWith(route, (kind) => owner.ids[kind])];
        for (const param of route.pathParams.slice(1))
          attempts.push(pathWith(route, (kind, p) => (p === param ? owner.ids[kind] : intruder.ids[kind])));
        for (const path of attempts) {
          const res = await send(intruder.focal, route, path);
          tried++;
          const expected = allowed ? 404 : 403;
          if (res.status !== expected) wrong.push(`${route.method} ${route.path} as ${path}: ${res.status}`);
          const text = JSON.stringify(res.body) + (res.text ?? '');
          for (const secret of owner.secrets)
            if (text.includes(secret)) leaks.push(`${route.method} ${path}: ${secret}`);
        }
      }
      expect(await ownersView(owner)).toEqual(before);
    }
    expect(wrong).toEqual([]);
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(40);
  });

  it('answers a viewer (a ministry) 404 for a workbook of the internal audience', async () => {
    const viewer = await signIn(t, 'viewer');
    const exportRoutes = routes.filter((r) => r.pathParams.some((p) => kindOf(r, p) === 'export'));
    expect(exportRoutes.length).toBeGreaterThan(0);
    for (const route of exportRoutes) {
      const res = await send(
        viewer,
        route,
        pathWith(route, (kind) => punjab.ids[kind]),
      );
      expect([route.path, res.status]).toEqual([route.path, 404]);
    }
  });

  it('answers every other user 404 for a notice that is not theirs, and leaves it unread', async () => {
    const others = [sindh.focal, admin, await signIn(t, 'analyst'), await signIn(t, 'viewer')];
    for (const route of routes.filter((r) => r.pathParams.some((p) => kindOf(r, p) === 'notice'))) {
      for (const who of others) {
        const res = await send(
          who,
          route,
          pathWith(route, (kind) => punjab.ids[kind]),
        );
        expect([route.path, who.email, res.status]).toEqual([route.path, who.email, 404]);
      }
    }
    const [notice] = await t.dataSource.query('SELECT read_at FROM notices WHERE id = $1', [punjab.ids.notice]);
    expect(notice.read_at).toBeNull();
  });

  it("lists none of the other unit's records in any list a focal person can read", async () => {
    const lists = routeCatalogue(t.app).filter(
      (r) =>
        r.method === 'GET' &&
        r.pathParams.length === 0 &&
        r.roles !== 'public' &&
        r.roles.includes('focal_person') &&
        !r.path.startsWith('/api/v1/statistics/'),
    );
    expect(lists.length).toBeGreaterThan(4);
    for (const route of lists) {
      const res = await sindh.focal.get(route.path);
      const text = JSON.stringify(res.body) + (res.text ?? '');
      for (const secret of [...punjab.secrets, punjab.ids.case, punjab.ids.import, punjab.ids.submission])
        expect([route.path, text.includes(secret)]).toEqual([route.path, false]);
    }
  });
});

describe('fields the server owns, and scope smuggled in a body', () => {
  let t: TestApp;
  let admin: Agent;
  let focal: Agent;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '100000' });
    admin = await signIn(t, 'admin');
    focal = await signIn(t, 'focal_person', 'PK-PB');
    Object.assign(
      ids,
      await caseWithRecords(
        focal,
        caseBody({ status: 'under_trial', statusDate: '2024-03-01', investigationConcludedOn: '2024-02-20' }),
      ),
    );
    ids.userId = (await t.userWithToken('viewer')).id;
  });
  afterAll(() => t.close());

  /** Fields a client must never set: identity, timestamps, authorship, history, versions, batches, secrets. */
  const SERVER_OWNED: Record<string, unknown> = {
    id: '00000000-0000-4000-8000-000000000001',
    createdAt: '2000-01-01T00:00:00Z',
    updatedAt: '2000-01-01T00:00:00Z',
    deletedAt: '2000-01-01T00:00:00Z',
    createdBy: '00000000-0000-4000-8000-000000000002',
    createdById: '00000000-0000-4000-8000-000000000002',
    updatedBy: '00000000-0000-4000-8000-000000000002',
    statusHistory: [{ status: 'convicted', date: '2024-01-01' }],
    history: [],
    version: 99,
    importBatchId: '00000000-0000-4000-8000-000000000003',
    batchId: '00000000-0000-4000-8000-000000000003',
    reportingUnitCode: 'FIA',
    caseId: '00000000-0000-4000-8000-000000000004',
    userId: '00000000-0000-4000-8000-000000000005',
    tokenVersion: 0,
    passwordHash: 'x',
    mustChangePassword: false,
    lastLoginAt: '2000-01-01T00:00:00Z',
    approvedBy: '00000000-0000-4000-8000-000000000002',
    approvedAt: '2000-01-01T00:00:00Z',
    hasCnic: true,
    cnicHash: 'x',
    __proto__: { role: 'admin' },
    constructor: { prototype: { role: 'admin' } },
  };

  it('refuses every server-owned field in the body of every route that takes one, naming it', async () => {
    const withBody = routeCatalogue(t.app).filter((r) => r.bodyFields.length > 0 && r.roles !== 'public');
    expect(withBody.length).toBeGreaterThan(10);
    const accepted: string[] = [];
    for (const route of withBody) {
      const who = route.roles !== 'public' && route.roles.includes('focal_person') ? focal : admin;
      const path = route.path.replace(/:(\w+)/g, (_, param: string) => {
        if (param === 'code') return route.path.startsWith('/api/v1/districts') ? 'PK614' : 'PK-PB';
        if (param !== 'id') return ids[param];
        if (route.path.includes('/victims/')) return ids.victimId;
        if (route.path.includes('/defendants/')) return ids.defendantId;
        if (route.path.startsWith('/api/v1/users/')) return ids.userId;
        return ids.caseId;
      });
      for (const [field, value] of Object.entries(SERVER_OWNED)) {
        if (route.bodyFields.includes(field)) continue;
        const body = `{${JSON.stringify(field)}:${JSON.stringify(value)}}`;
        const res = await who[route.method.toLowerCase() as 'post'](path)
          .set('Content-Type', 'application/json')
          .send(body);
        const named = (res.body.errors ?? []).some(
          (e: { field?: string; code: string }) => e.field === field && e.code === 'COMMON.UNKNOWN_FIELD',
        );
        if (res.status !== 400 || !named) accepted.push(`${route.method} ${route.path} ${field}: ${res.status}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("refuses a focal person's case, person or upload placed in another unit or jurisdiction by the body", async () => {
    const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);
    const before = await count();
    for (const smuggled of [
      { reportingUnit: 'FIA' },
      { reportingUnit: 'POLICE-PK-SD' },
      { jurisdiction: 'PK-SD' },
      { reportingAgency: 'fia' },
    ]) {
      const created = await focal.post('/api/v1/cases', caseBody({ firNumber: 'S-1', ...smuggled }));
      expect([smuggled, created.status]).toEqual([smuggled, expect.any(Number)]);
      expect([smuggled, created.status >= 400 && created.status < 500]).toEqual([smuggled, true]);
      const moved = await focal.patch(`/api/v1/cases/${ids.caseId}`, smuggled);
      expect([smuggled, moved.status >= 400 && moved.status < 500]).toEqual([smuggled, true]);
    }
    expect(await count()).toBe(before);
    const [stored] = await t.dataSource.query(
      'SELECT reporting_unit_code, jurisdiction_code FROM cases WHERE id = $1',
      [ids.caseId],
    );
    expect(stored).toEqual({ reporting_unit_code: 'POLICE-PK-PB', jurisdiction_code: 'PK-PB' });
    // its own unit, named, is fine
    expect(
      (await focal.post('/api/v1/cases', caseBody({ firNumber: 'S-2', reportingUnit: 'POLICE-PK-PB' }))).status,
    ).toBe(201);
  });

  it('refuses a role, unit or user id sent with a password change, and an upload that names another unit in its form', async () => {
    const changed = await focal.post('/api/v1/auth/password', {
      currentPassword: 'whatever it is now',
      newPassword: 'a lantern over the river bend',
      role: 'admin',
    });
    expectFieldProblem(changed, 'role', 'COMMON.UNKNOWN_FIELD');
    for (const field of ['reportingUnit', 'jurisdiction', 'userId']) {
      const res = await focal
        .post('/api/v1/imports')
        .field(field, field === 'userId' ? admin.id : 'FIA')
        .attach('file', await buildWorkbook(goodCase('0777')), 'upload.xlsx');
      expect([field, res.status]).toEqual([field, 400]);
    }
    const me = await focal.get('/api/v1/auth/me');
    expect([me.body.role, me.body.reportingUnit.code]).toEqual(['focal_person', 'POLICE-PK-PB']);
    expect((await t.dataSource.query(`SELECT 1 FROM cases WHERE fir_number = '0777'`)).length).toBe(0);
  });

  it('refuses a focal person made, by an admin, with a scope for another role, and a second admin smuggled through a focal body', async () => {
    expectProblem(
      await admin.post('/api/v1/users', { email: 'a1@test.example', role: 'analyst', reportingUnit: 'FIA' }),
      422,
      'USER.INVALID_ROLE_SCOPE',
    );
    expectProblem(
      await focal.post('/api/v1/users', { email: 'a2@test.example', role: 'admin' }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectProblem(await focal.patch(`/api/v1/users/${focal.id}`, { role: 'admin' }), 403, 'AUTH.FORBIDDEN');
  });
});
