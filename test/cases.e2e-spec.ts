import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('case records', () => {
  let t: TestApp;
  let punjab: Agent;
  let sindh: Agent;
  let analyst: Agent;
  let admin: Agent;
  let viewer: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    [punjab, sindh, analyst, admin, viewer] = await Promise.all([
      signIn(t, 'focal_person', 'PK-PB'),
      signIn(t, 'focal_person', 'PK-SD'),
      signIn(t, 'analyst'),
      signIn(t, 'admin'),
      signIn(t, 'viewer'),
    ]);
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('walks one case from FIR through investigation, challan, trial and a split verdict', async () => {
    const created = await punjab.post('/api/v1/cases', caseBody());
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      jurisdiction: 'PK-PB',
      district: 'PK628',
      firNumber: '0123',
      status: 'registered',
      statusDate: '2024-01-15',
    });
    expect(created.body.route.map((p: { country: string }) => p.country)).toEqual(['PAK', 'IRN', 'OMN']);

    const url = `/api/v1/cases/${id}`;
    expect((await punjab.patch(url, { status: 'under_investigation', statusDate: '2024-01-16' })).status).toBe(200);

    const v1 = await punjab.post(`${url}/victims`, {
      ref: 'V1',
      sex: 'female',
      age: 15,
      nationality: 'PAK',
      // a code given twice is one vulnerability, counted once by the figures
      vulnerabilities: ['child', 'poverty_debt', 'child'],
      identifiedOn: '2024-01-14',
      cnic: '35202-1234567-1',
    });
    expect(v1.status).toBe(201);
    expect(v1.body.vulnerabilities).toEqual(['child', 'poverty_debt']);
    expect(v1.body).toMatchObject({ ref: 'V1', age: 15, hasCnic: true });
    expect(JSON.stringify(v1.body)).not.toContain('1234567');
    const stored = await t.dataSource.query('SELECT cnic_hash FROM victims WHERE id = $1', [v1.body.id]);
    expect(stored[0].cnic_hash).toMatch(/^[0-9a-f]{64}$/);

    const d1 = await punjab.post(`${url}/defendants`, {
      ref: 'D1',
      name: 'Accused One',
      sex: 'male',
      age: 40,
      nationality: 'PAK',
      role: 'recruiter',
      custodyStatus: 'arrested',
      cnic: '3520212345672',
    });
    const d2 = await punjab.post(`${url}/defendants`, {
      ref: 'D2',
      sex: 'male',
      nationality: 'AFG',
      role: 'transporter',
      custodyStatus: 'on_bail',
    });
    expect([d1.status, d2.status]).toEqual([201, 201]);

    // challan before the investigation is concluded is inconsistent
    const early = await punjab.patch(url, { status: 'challan_submitted', statusDate: '2024-03-01' });
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: { field: string }) => e.field)).toContain('investigationConcludedOn');
    expect(
      (
        await punjab.patch(url, {
          status: 'challan_submitted',
          statusDate: '2024-03-01',
          investigationConcludedOn: '2024-03-01',
        })
      ).status,
    ).toBe(200);

    const p1 = await punjab.post(`${url}/prosecutions`, {
      defendantId: d1.body.id,
      court: 'Sessions Court RYK',
      charges: ['PTPA-3'],
      prosecutionDate: '2024-03-10',
    });
    const p2 = await punjab.post(`${url}/prosecutions`, {
      defendantId: d2.body.id,
      court: 'Sessions Court RYK',
      charges: ['PTPA-3'],
      prosecutionDate: '2024-03-10',
    });
    expect([p1.status, p2.status]).toEqual([201, 201]);
    expect((await punjab.patch(url, { status: 'under_trial', statusDate: '2024-03-10' })).status).toBe(200);

    // convicted needs a convicted prosecution first
    const tooSoon = await punjab.patch(url, { status: 'convicted', statusDate: '2024-11-20' });
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.errors.map((e: { code: string }) => e.code)).toContain('CASE.INCONSISTENT_STATUS');

    // a judgment before the prosecution began is refused, and changes nothing
    const backdated = await punjab.put(`${url}/prosecutions/${p1.body.id}/conviction`, {
      judgmentDate: '2024-03-01',
      imprisonmentMonths: 84,
    });
    expect(backdated.status).toBe(422);
    expect(await count('convictions')).toBe(0);

    const conviction = await punjab.put(`${url}/prosecutions/${p1.body.id}/conviction`, {
      judgmentDate: '2024-11-20',
      imprisonmentMonths: 84,
      finePkr: 500000,
      appealStatus: 'pending',
    });
    expect(conviction.status).toBe(200);
    expect(conviction.body).toMatchObject({
      outcome: 'convicted',
      outcomeDate: '2024-11-20',
      conviction: { imprisonmentMonths: 84, finePkr: 500000, appealStatus: 'pending' },
    });
    expect(
      (await punjab.patch(`${url}/prosecutions/${p2.body.id}`, { outcome: 'acquitted', outcomeDate: '2024-11-20' }))
        .status,
    ).toBe(200);
    expect((await punjab.patch(url, { status: 'convicted', statusDate: '2024-11-20' })).status).toBe(200);

    // with the case convicted, removing its only conviction is refused
    expect((await punjab.delete(`${url}/prosecutions/${p1.body.id}/conviction`)).status).toBe(422);

    const history = await analyst.get(`${url}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.map((e: { fromStatus: string | null; toStatus: string; statusDate: string }) => [
        e.fromStatus,
        e.toStatus,
        e.statusDate,
      ]),
    ).toEqual([
      [null, 'registered', '2024-01-15'],
      ['registered', 'under_investigation', '2024-01-16'],
      ['under_investigation', 'challan_submitted', '2024-03-01'],
      ['challan_submitted', 'under_trial', '2024-03-10'],
      ['under_trial', 'convicted', '2024-11-20'],
    ]);

    const prosecutions = (await analyst.get(`${url}/prosecutions`)).body;
    expect(prosecutions.map((p: { outcome: string }) => p.outcome).sort()).toEqual(['acquitted', 'convicted']);
    const defendants = (await analyst.get(`${url}/defendants`)).body;
    expect(defendants.find((d: { ref: string }) => d.ref === 'D1').name).toBe('Accused One');

    // a convicted case cannot go back, cancelled cannot become convicted
    const back = await punjab.patch(url, { status: 'under_investigation', statusDate: '2024-11-21' });
    expect(back.status).toBe(422);
    expect(back.body.errors.map((e: { code: string }) => e.code)).toContain('CASE.ILLEGAL_TRANSITION');

    const audit = await t.dataSource.query(
      `SELECT action, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'case.create',
      'case.update',
      'case.update',
      'case.update',
      'case.update',
    ]);
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'))).not.toMatch(/Accused One|35202/);
  });

  it('refuses every bad input with all its problems listed and writes nothing', async () => {
    const before = await count('cases');
    const bad = await punjab.post(
      '/api/v1/cases',
      caseBody({
        district: 'Karachi South',
        firYear: 2023,
        offenceFamily: 'piracy',
        lawSections: ['PPC-999'],
        exploitationForms: ['telepathy'],
        firDate: '2024-02-30',
        extra: 'x',
      }),
    );
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['offenceFamily', 'lawSections', 'exploitationForms', 'firDate', 'extra']),
    );

    const semantic = await punjab.post(
      '/api/v1/cases',
      caseBody({
        district: 'Karachi South',
        firYear: 2023,
        firDate: '2099-01-01',
        status: 'cancelled',
        statusDate: '2099-01-02',
        route: [
          { kind: 'destination', country: 'XXX' },
          { kind: 'origin', country: 'PAK', district: 'Atlantis' },
        ],
      }),
    );
    expectProblem(semantic, 422, 'CASE.INVALID');
    const codes = semantic.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'district:CASE.DISTRICT_OUTSIDE_JURISDICTION',
        'firYear:CASE.FIR_YEAR_MISMATCH',
        'firDate:CASE.FUTURE_DATE',
        'investigationConcludedOn:CASE.CONCLUSION_REQUIRED',
        'route[0].country:CASE.UNKNOWN_COUNTRY',
        'route[1].kind:CASE.ROUTE_ORDER',
        'route[1].district:CASE.UNKNOWN_DISTRICT',
      ]),
    );
    expect(await count('cases')).toBe(before);
  });

  it('answers a duplicate natural key with 409 and the existing case id', async () => {
    const first = await punjab.post('/api/v1/cases', caseBody({ firNumber: '77', policeStation: 'P.S. Civil Lines' }));
    expect(first.status).toBe(201);
    const again = await admin.post(
      '/api/v1/cases',
      caseBody({ jurisdiction: 'PK-PB', firNumber: '77', policeStation: 'ps civil lines', district: 'Rahim Yar Khan' }),
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CASE.DUPLICATE', existingId: first.body.id });
    // leading zeros make another FIR number
    expect(
      (await punjab.post('/api/v1/cases', caseBody({ firNumber: '077', policeStation: 'P.S. Civil Lines' }))).status,
    ).toBe(201);
  });

  it('refuses a prosecution for a defendant of another case, a bad CNIC and a duplicate ref', async () => {
    const a = (await punjab.post('/api/v1/cases', caseBody({ firNumber: '501' }))).body.id;
    const b = (await punjab.post('/api/v1/cases', caseBody({ firNumber: '502' }))).body.id;
    const other = (await punjab.post(`/api/v1/cases/${b}/defendants`, { ref: 'D1' })).body.id;
    const res = await punjab.post(`/api/v1/cases/${a}/prosecutions`, {
      defendantId: other,
      prosecutionDate: '2024-05-01',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('CASE.DEFENDANT_NOT_IN_CASE');
    const cnic = await punjab.post(`/api/v1/cases/${a}/victims`, { ref: 'V1', cnic: '35202-123456-1' });
    expect(cnic.status).toBe(422);
    expect(cnic.body.errors).toEqual([expect.objectContaining({ field: 'cnic', code: 'CASE.INVALID_CNIC' })]);
    expect(JSON.stringify(cnic.body)).not.toContain('123456');
    expect((await punjab.post(`/api/v1/cases/${a}/victims`, { ref: 'V1' })).status).toBe(201);
    const dup = await punjab.post(`/api/v1/cases/${a}/victims`, { ref: 'V1' });
    expectProblem(dup, 409, 'CASE.DUPLICATE_REF');
    const age = await punjab.post(`/api/v1/cases/${a}/victims`, { ref: 'V2', age: 121 });
    expect(age.status).toBe(400);
  });

  it('keeps each jurisdiction to its own cases and hides others behind 404', async () => {
    const id = (await sindh.post('/api/v1/cases', caseBody({ district: 'Karachi South', firNumber: '9', route: [] })))
      .body.id;
    expect((await punjab.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await punjab.patch(`/api/v1/cases/${id}`, { remarks: 'x' })).status).toBe(404);
    expect((await punjab.delete(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await punjab.post(`/api/v1/cases/${id}/victims`, { ref: 'V9' })).status).toBe(404);
    const named = await punjab.post(
      '/api/v1/cases',
      caseBody({ jurisdiction: 'PK-SD', district: 'Karachi South', firNumber: '10' }),
    );
    expectProblem(named, 403, 'AUTH.JURISDICTION_FORBIDDEN');
    expect((await punjab.get('/api/v1/cases?jurisdiction=PK-SD')).status).toBe(403);
    const mine = (await punjab.get('/api/v1/cases?pageSize=100')).body;
    expect(mine.items.every((c: { jurisdiction: string }) => c.jurisdiction === 'PK-PB')).toBe(true);
    const all = (await analyst.get('/api/v1/cases?pageSize=100')).body;
    expect(all.items.some((c: { jurisdiction: string }) => c.jurisdiction === 'PK-SD')).toBe(true);
    expect((await analyst.patch(`/api/v1/cases/${id}`, { remarks: 'x' })).status).toBe(403);
    expect((await viewer.get('/api/v1/cases')).status).toBe(403);
  });

  it('filters, pages with a cap and sorts only by allowed keys', async () => {
    const res = await analyst.get(
      '/api/v1/cases?offenceFamily=tip&firDateFrom=2024-01-01&firDateTo=2024-12-31&sort=firDate&order=asc&pageSize=2&page=1',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.items.length);
    expect((await analyst.get('/api/v1/cases?pageSize=1000')).status).toBe(400);
    expect((await analyst.get('/api/v1/cases?sort=fir_date;DROP TABLE cases')).status).toBe(400);
  });

  it('soft-deletes a case: gone from lists, kept in the audit log', async () => {
    const id = (await punjab.post('/api/v1/cases', caseBody({ firNumber: '880' }))).body.id;
    expect((await punjab.delete(`/api/v1/cases/${id}`)).status).toBe(204);
    expect((await punjab.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await t.dataSource.query('SELECT deleted_at FROM cases WHERE id = $1', [id]))[0].deleted_at).not.toBeNull();
    expect(
      (await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'case.delete' AND entity_id = $1`, [id]))
        .length,
    ).toBe(1);
    // the natural key is free again
    expect((await punjab.post('/api/v1/cases', caseBody({ firNumber: '880' }))).status).toBe(201);
  });
});
