import { Agent, agentOf, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

/** Reporting units: the seeded ones, an administrator's changes, and what they do to focal persons' sessions. */
describe('reporting units', () => {
  let t: TestApp;
  let admin: Agent;
  let emails = 0;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  /** A focal person of `unit`, opened by the admin and signed in with their own password. */
  async function focalOf(unit: string): Promise<Agent> {
    const created = await admin.post('/api/v1/users', {
      email: `unit-focal${++emails}@test.example`,
      role: 'focal_person',
      reportingUnit: unit,
    });
    expect([unit, created.status]).toEqual([unit, 201]);
    const first = agentOf(t.http, {
      id: created.body.id,
      email: created.body.email,
      token: await t.login(created.body.email, created.body.oneTimePassword),
    });
    const changed = await first.post('/api/v1/auth/password', {
      currentPassword: created.body.oneTimePassword,
      newPassword: TEST_PASSWORD,
    });
    expect(changed.status).toBe(200);
    return agentOf(t.http, { ...first, token: await t.login(created.body.email) });
  }

  const lahoreCase = (firNumber: string, extra: object = {}) => ({
    district: 'Lahore',
    policeStation: 'AHTC Lahore',
    firNumber,
    firYear: 2024,
    firDate: '2024-02-01',
    offenceFamily: 'tip',
    ...extra,
  });

  it('seeds the police of each jurisdiction and the FIA in all of them', async () => {
    const res = await admin.get('/api/v1/reporting-units');
    expect(res.status).toBe(200);
    const jurisdictions: Array<{ code: string }> = (await admin.get('/api/v1/jurisdictions')).body;
    const all = jurisdictions.map((j) => j.code).sort();
    expect(all).toHaveLength(7);
    const byCode = new Map(res.body.map((u: { code: string }) => [u.code, u]));
    for (const code of all)
      expect(byCode.get(`POLICE-${code}`)).toMatchObject({ agency: 'police', jurisdictions: [code], active: true });
    expect(byCode.get('FIA')).toMatchObject({ agency: 'fia', jurisdictions: all, active: true });
    // every role may read them (a focal person too)
    const punjab = await signIn(t, 'focal_person', 'PK-PB');
    expect((await punjab.get('/api/v1/reporting-units/FIA')).body.name).toBe('Federal Investigation Agency');
  });

  it('adds a unit, refuses a duplicate, a bad code and an unknown jurisdiction, and audits the change', async () => {
    const body = { code: 'FIA-SINDH', name: 'FIA Sindh Zone', agency: 'fia', jurisdictions: ['PK-SD'] };
    const created = await admin.post('/api/v1/reporting-units', body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...body, active: true, cases: 0, focalPersons: 0 });
    expectProblem(await admin.post('/api/v1/reporting-units', body), 409, 'REPORTING_UNIT.EXISTS');
    const bad = await admin.post('/api/v1/reporting-units', { ...body, code: 'fia sindh', jurisdictions: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'jurisdictions']);
    expectProblem(
      await admin.post('/api/v1/reporting-units', { ...body, code: 'FIA-X', jurisdictions: ['PK-XX'] }),
      404,
      'REFERENCE.JURISDICTION_NOT_FOUND',
    );
    expectProblem(await admin.get('/api/v1/reporting-units/NOPE'), 404, 'REPORTING_UNIT.NOT_FOUND');
    const [event] = await t.dataSource.query(
      `SELECT action, entity_id, changed_fields FROM audit_events WHERE action = 'reporting_unit.create' AND entity_id = 'FIA-SINDH'`,
    );
    expect(event).toMatchObject({ entity_id: 'FIA-SINDH' });
  });

  it('keeps a case within its unit: the unit of a focal person, a jurisdiction the unit covers, the unit’s agency', async () => {
    const fia = await focalOf('FIA');
    const sindhCase = await fia.post('/api/v1/cases', lahoreCase('FIA-1', { district: 'Sukkur' }));
    expect(sindhCase.status).toBe(201);
    expect(sindhCase.body).toMatchObject({ jurisdiction: 'PK-SD', reportingUnit: 'FIA', reportingAgency: 'fia' });
    const punjab = await signIn(t, 'focal_person', 'PK-PB');
    expectProblem(
      await punjab.post('/api/v1/cases', lahoreCase('PB-1', { reportingUnit: 'FIA' })),
      403,
      'AUTH.UNIT_FORBIDDEN',
    );
    expectProblem(
      await punjab.post('/api/v1/cases', lahoreCase('PB-1', { reportingAgency: 'fia' })),
      403,
      'AUTH.UNIT_FORBIDDEN',
    );
    const own = await punjab.post('/api/v1/cases', lahoreCase('PB-1'));
    expect(own.body).toMatchObject({ jurisdiction: 'PK-PB', reportingUnit: 'POLICE-PK-PB', reportingAgency: 'police' });
    // an admin names the unit, or gets the police of the jurisdiction; a unit outside its jurisdictions is refused
    const zone = await admin.post(
      '/api/v1/cases',
      lahoreCase('ADM-1', { reportingUnit: 'FIA-SINDH', jurisdiction: 'PK-PB' }),
    );
    expectProblem(zone, 422, 'REPORTING_UNIT.OUTSIDE_JURISDICTIONS');
    const zoneDistrict = await admin.post('/api/v1/cases', lahoreCase('ADM-1', { reportingUnit: 'FIA-SINDH' }));
    expectProblem(zoneDistrict, 422, 'CASE.INVALID');
    expect(zoneDistrict.body.errors[0]).toMatchObject({
      field: 'district',
      code: 'CASE.DISTRICT_OUTSIDE_JURISDICTION',
    });
    const police = await admin.post('/api/v1/cases', lahoreCase('ADM-1'));
    expect(police.body.reportingUnit).toBe('POLICE-PK-PB');
    const byAgency = await admin.post('/api/v1/cases', lahoreCase('ADM-2', { reportingAgency: 'fia' }));
    expect(byAgency.body.reportingUnit).toBe('FIA');
    // the agency of a stored case does not change by an edit
    const edit = await admin.patch(`/api/v1/cases/${police.body.id}`, { reportingAgency: 'fia' });
    expect(edit.status).toBe(422);
    expect(edit.body.errors[0]).toMatchObject({ field: 'reportingAgency' });
    // nothing of the refusals was written
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE fir_number = ANY($1)`, [
      ['PB-1', 'ADM-1', 'ADM-2', 'FIA-1'],
    ]);
    expect(n).toBe(4);
  });

  it('ends the sessions of a unit’s focal persons when its jurisdictions change or it is deactivated, and takes effect at once', async () => {
    const zone = await admin.post('/api/v1/reporting-units', {
      code: 'FIA-PUNJAB',
      name: 'FIA Punjab Zone',
      agency: 'fia',
      jurisdictions: ['PK-PB'],
    });
    expect(zone.status).toBe(201);
    let focal = await focalOf('FIA-PUNJAB');
    const lahore = await focal.post('/api/v1/cases', lahoreCase('ZONE-1'));
    expect(lahore.body.reportingUnit).toBe('FIA-PUNJAB');
    const sukkur = await focal.post('/api/v1/cases', lahoreCase('ZONE-2', { district: 'Sukkur' }));
    expectProblem(sukkur, 422, 'CASE.INVALID');
    expect(sukkur.body.errors[0]).toMatchObject({ field: 'district', code: 'CASE.DISTRICT_OUTSIDE_JURISDICTION' });
    expectProblem(
      await focal.post('/api/v1/cases', lahoreCase('ZONE-2', { district: 'Sukkur', jurisdiction: 'PK-SD' })),
      403,
      'AUTH.JURISDICTION_FORBIDDEN',
    );

    // Sindh added: the session ends; signed in again, the focal person may register in Sindh
    const widened = await admin.patch('/api/v1/reporting-units/FIA-PUNJAB', { jurisdictions: ['PK-PB', 'PK-SD'] });
    expect(widened.body).toMatchObject({ jurisdictions: ['PK-PB', 'PK-SD'], cases: 1, focalPersons: 1 });
    expect((await focal.get('/api/v1/auth/me')).status).toBe(401);
    focal = agentOf(t.http, { ...focal, token: await t.login(focal.email) });
    expect((await focal.get('/api/v1/auth/me')).body.reportingUnit.jurisdictions).toEqual(['PK-PB', 'PK-SD']);
    expect((await focal.post('/api/v1/cases', lahoreCase('ZONE-2', { district: 'Sukkur' }))).status).toBe(201);

    // Punjab cannot be taken away while the unit has cases there
    const taken = await admin.patch('/api/v1/reporting-units/FIA-PUNJAB', { jurisdictions: ['PK-SD'] });
    expectProblem(taken, 409, 'REPORTING_UNIT.JURISDICTION_IN_USE');
    expect(taken.body).toMatchObject({ jurisdictions: ['PK-PB'], cases: 1 });
    expect((await focal.get('/api/v1/auth/me')).status).toBe(200);
    // nor the agency of a unit with cases
    expectProblem(
      await admin.patch('/api/v1/reporting-units/FIA-PUNJAB', { agency: 'police' }),
      409,
      'REPORTING_UNIT.AGENCY_IN_USE',
    );

    // deactivated: the session ends and sign-in is refused; no new focal person joins it; its cases stay counted
    const registered = async () =>
      (await admin.get('/api/v1/statistics/summary?from=2024-01-01&to=2024-12-31&reportingUnit=FIA-PUNJAB')).body
        .casesRegistered;
    expect(await registered()).toBe(2);
    expect((await admin.patch('/api/v1/reporting-units/FIA-PUNJAB', { active: false })).body.active).toBe(false);
    expect((await focal.get('/api/v1/auth/me')).status).toBe(401);
    const login = await t.http.post('/api/v1/auth/login').send({ email: focal.email, password: TEST_PASSWORD });
    expectProblem(login, 401, 'AUTH.INVALID_CREDENTIALS');
    expectProblem(
      await admin.post('/api/v1/users', {
        email: 'late@test.example',
        role: 'focal_person',
        reportingUnit: 'FIA-PUNJAB',
      }),
      409,
      'REPORTING_UNIT.INACTIVE',
    );
    expect(await registered()).toBe(2);
    // active again: the focal person signs in to it
    await admin.patch('/api/v1/reporting-units/FIA-PUNJAB', { active: true });
    expect((await t.http.post('/api/v1/auth/login').send({ email: focal.email, password: TEST_PASSWORD })).status).toBe(
      200,
    );
  });

  it('moves a focal person between units: their sessions end and the next one sees the new unit’s cases only', async () => {
    const fia = await focalOf('FIA');
    const fiaCase = await fia.post('/api/v1/cases', lahoreCase('MOVE-1'));
    expect(fiaCase.status).toBe(201);
    const mover = await signIn(t, 'focal_person', 'PK-PB');
    expect((await mover.get(`/api/v1/cases/${fiaCase.body.id}`)).status).toBe(404);
    const moved = await admin.patch(`/api/v1/users/${mover.id}`, { reportingUnit: 'FIA' });
    expect(moved.body).toMatchObject({ reportingUnit: 'FIA', jurisdiction: null });
    expect((await mover.get('/api/v1/cases')).status).toBe(401);
    const again = agentOf(t.http, { ...mover, token: await t.login(mover.email) });
    expect((await again.get(`/api/v1/cases/${fiaCase.body.id}`)).status).toBe(200);
    // jurisdiction alone still names that jurisdiction's police; a unit and a jurisdiction outside it do not go together
    const back = await admin.patch(`/api/v1/users/${mover.id}`, { jurisdiction: 'PK-SD' });
    expect(back.body).toMatchObject({ reportingUnit: 'POLICE-PK-SD', jurisdiction: 'PK-SD' });
    expectProblem(
      await admin.patch(`/api/v1/users/${mover.id}`, { reportingUnit: 'POLICE-PK-PB', jurisdiction: 'PK-SD' }),
      422,
      'USER.INVALID_ROLE_SCOPE',
    );
    expectProblem(
      await admin.patch(`/api/v1/users/${mover.id}`, { reportingUnit: 'NOPE' }),
      404,
      'REPORTING_UNIT.NOT_FOUND',
    );
    expectProblem(
      await admin.post('/api/v1/users', { email: 'analyst-unit@test.example', role: 'analyst', reportingUnit: 'FIA' }),
      422,
      'USER.INVALID_ROLE_SCOPE',
    );
  });
});
