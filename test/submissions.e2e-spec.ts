import { Agent, agentOf, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';

/** `YYYY-MM` of the month `n` months from the current one, in Pakistan time. */
function monthFromNow(n: number): string {
  const today = new Date(Date.now() + 5 * 3600_000);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + n, 1)).toISOString().slice(0, 7);
}
/** The deadline as the rule states it: the 10th of the next month, end of day in Pakistan. */
function deadline(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return new Date(`${next}-10T23:59:59.999+05:00`);
}

/** The monthly cycle of two units over three months, through the API. */
describe('monthly submissions', () => {
  let t: TestApp;
  let admin: Agent;
  let analyst: Agent;
  let punjab: Agent;
  let fia: Agent;
  const [older, previous, last, current] = [-3, -2, -1, 0].map(monthFromNow);

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    admin = await signIn(t, 'admin');
    analyst = await signIn(t, 'analyst');
    punjab = await signIn(t, 'focal_person', 'PK-PB');
    const created = await admin.post('/api/v1/users', {
      email: 'fia-focal@test.example',
      role: 'focal_person',
      reportingUnit: 'FIA',
    });
    const first = agentOf(t.http, {
      id: created.body.id,
      email: created.body.email,
      token: await t.login(created.body.email, created.body.oneTimePassword),
    });
    await first.post('/api/v1/auth/password', {
      currentPassword: created.body.oneTimePassword,
      newPassword: TEST_PASSWORD,
    });
    fia = agentOf(t.http, { ...first, token: await t.login(created.body.email) });

    // the Punjab Police: one case a month for a year, then eight in `last` (an outlier);
    // a convicted case of `previous` with no prosecution, planted as old data would have it
    const [{ code: district }] = await t.dataSource.query(
      `SELECT code FROM districts WHERE jurisdiction_code = 'PK-PB' ORDER BY code LIMIT 1`,
    );
    const plant = (month: string, n: number, status = 'registered') =>
      t.dataSource.query(
        `INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, reporting_agency, reporting_unit_code,
                            fir_number, fir_year, fir_date, offence_family, status, status_date, investigation_concluded_on)
         SELECT 'PK-PB', $1, 'PS Test', 'pstest', 'police', 'POLICE-PK-PB', $2 || '-' || g, extract(year FROM $3::date)::int,
                $3::date + (g % 20), 'tip', $4::varchar, $3::date + (g % 20) + 1, CASE WHEN $4::varchar = 'convicted' THEN $3::date + (g % 20) END
           FROM generate_series(1, $5::int) g`,
        [district, `${status.slice(0, 3)}${month}`, `${month}-01`, status, n],
      );
    for (let i = -14; i <= -2; i++) await plant(monthFromNow(i), 1);
    await plant(last, 8);
    await plant(previous, 1, 'convicted');
  });
  afterAll(() => t.close());

  const submit = (who: Agent, month: string, extra: object = {}) =>
    who.post('/api/v1/submissions', { month, ...extra });

  it('runs the cycle: submit with checks, return, correct, resubmit, approve, re-open, submit and approve again', async () => {
    // the current month has not ended; another role cannot submit
    expectProblem(await submit(punjab, current), 422, 'SUBMISSION.MONTH_NOT_ENDED');
    expect((await submit(analyst, last)).status).toBe(403);

    const first = await submit(punjab, last, { note: 'All cases entered' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      reportingUnit: 'POLICE-PK-PB',
      month: last,
      status: 'submitted',
      nilReturn: false,
      late: Date.now() > deadline(last).getTime(),
      deadline: deadline(last).toISOString(),
    });
    const outlier = first.body.checks.find((c: { code: string }) => c.code === 'REGISTERED_OUTLIER');
    expect(outlier).toMatchObject({ count: 8 });
    expect(outlier.caseIds).toHaveLength(8);

    // returned with a comment; the focal person deletes five cases entered twice and resubmits
    expect((await analyst.post(`/api/v1/submissions/${first.body.id}/return`, {})).status).toBe(400);
    const returned = await analyst.post(`/api/v1/submissions/${first.body.id}/return`, {
      comment: 'Eight cases in one month: check for double entries',
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      comment: 'Eight cases in one month: check for double entries',
    });
    expect((await punjab.get(`/api/v1/submissions/${first.body.id}`)).body.status).toBe('returned');
    for (const id of outlier.caseIds.slice(0, 5)) expect((await punjab.delete(`/api/v1/cases/${id}`)).status).toBe(204);
    const again = await submit(punjab, last);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'submitted', late: first.body.late });
    expect(again.body.checks.map((c: { code: string }) => c.code)).not.toContain('REGISTERED_OUTLIER');

    // the reviewer sees the month's figures against the 12 before
    const detail = await analyst.get(`/api/v1/submissions/${first.body.id}`);
    const registered = detail.body.figures.find((f: { metric: string }) => f.metric === 'casesRegistered');
    expect(registered.months).toHaveLength(13);
    expect(registered.months.at(-1)).toEqual({ month: last, value: 3 });
    // one a month before, two in `previous` (the planted conviction)
    for (const m of registered.months.slice(0, -1))
      expect(m).toEqual({ month: m.month, value: m.month === previous ? 2 : 1 });

    const approved = await analyst.post(`/api/v1/submissions/${first.body.id}/approve`, {});
    expect(approved.body.status).toBe('approved');
    // the approved month is locked: a delete of one of its cases is refused, and nothing is deleted;
    // the FIA's cases and the Punjab Police's other months are not
    const kept = outlier.caseIds[5];
    const locked = await punjab.delete(`/api/v1/cases/${kept}`);
    expectProblem(locked, 409, 'SUBMISSION.MONTH_LOCKED');
    expect(locked.body.months).toEqual([last]);
    expect((await punjab.get(`/api/v1/cases/${kept}`)).status).toBe(200);
    const [{ id: earlier }] = await t.dataSource.query(
      `SELECT id FROM cases WHERE reporting_unit_code = 'POLICE-PK-PB' AND deleted_at IS NULL AND to_char(fir_date, 'YYYY-MM') = $1`,
      [older],
    );
    expect((await punjab.patch(`/api/v1/cases/${earlier}`, { remarks: 'checked' })).status).toBe(200);
    expectProblem(
      await analyst.post(`/api/v1/submissions/${first.body.id}/approve`, {}),
      409,
      'SUBMISSION.NOT_SUBMITTED',
    );
    expectProblem(await submit(punjab, last), 409, 'SUBMISSION.ALREADY_APPROVED');

    // only an administrator re-opens, with a reason; the month is then submitted and approved again
    expect((await analyst.post(`/api/v1/submissions/${first.body.id}/reopen`, { reason: 'A late FIR' })).status).toBe(
      403,
    );
    expect((await admin.post(`/api/v1/submissions/${first.body.id}/reopen`, {})).status).toBe(400);
    const reopened = await admin.post(`/api/v1/submissions/${first.body.id}/reopen`, { reason: 'A late FIR came in' });
    expect(reopened.body).toMatchObject({ status: 'reopened', comment: 'A late FIR came in' });
    // re-opened, the month takes the delete refused before
    expect((await punjab.delete(`/api/v1/cases/${kept}`)).status).toBe(204);
    expect((await submit(punjab, last)).body.status).toBe('submitted');
    expect((await admin.post(`/api/v1/submissions/${first.body.id}/approve`, { comment: 'Checked' })).body.status).toBe(
      'approved',
    );

    // every step, in order, with who and why; and in the audit log
    const steps = (await punjab.get(`/api/v1/submissions/${first.body.id}`)).body.steps;
    expect(steps.map((s: { action: string; by: string }) => `${s.action}:${s.by}`)).toEqual([
      `submit:${punjab.email}`,
      `return:${analyst.email}`,
      `submit:${punjab.email}`,
      `approve:${analyst.email}`,
      `reopen:${admin.email}`,
      `submit:${punjab.email}`,
      `approve:${admin.email}`,
    ]);
    expect(steps[1].comment).toBe('Eight cases in one month: check for double entries');
    expect(steps[0].warnings).toBeGreaterThan(0);
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity = 'submission' AND entity_id = $1 ORDER BY id`,
      [first.body.id],
    );
    expect(audited.map((a: { action: string }) => a.action)).toEqual(
      ['submit', 'return', 'submit', 'approve', 'reopen', 'submit', 'approve'].map((a) => `submission.${a}`),
    );
  });

  it('flags a conviction without a prosecution, takes a nil return only without cases, and keeps each unit to its own', async () => {
    const checked = await submit(punjab, previous);
    expect(checked.body.checks.map((c: { code: string }) => c.code)).toContain('CONVICTED_WITHOUT_PROSECUTION');
    // the FIA had no case in `previous`: a nil return; in `older` it registers one, so a nil return is refused
    const nil = await submit(fia, previous, { nilReturn: true });
    expect(nil.body).toMatchObject({ reportingUnit: 'FIA', nilReturn: true, status: 'submitted', checks: [] });
    const made = await fia.post('/api/v1/cases', {
      district: 'Lahore',
      policeStation: 'AHTC Lahore',
      firNumber: 'NIL-1',
      firYear: Number(older.slice(0, 4)),
      firDate: `${older}-05`,
      offenceFamily: 'tip',
    });
    expect(made.status).toBe(201);
    const refused = await submit(fia, older, { nilReturn: true });
    expectProblem(refused, 409, 'SUBMISSION.NIL_RETURN_WITH_CASES');
    expect(refused.body.cases).toBe(1);
    // the focal persons see their own unit's submissions only
    expect((await fia.get(`/api/v1/submissions/${checked.body.id}`)).status).toBe(404);
    expect((await fia.get('/api/v1/submissions')).body.map((s: { reportingUnit: string }) => s.reportingUnit)).toEqual([
      'FIA',
    ]);
    expectProblem(await fia.get('/api/v1/submissions?reportingUnit=POLICE-PK-PB'), 403, 'AUTH.UNIT_FORBIDDEN');
    expect((await fia.post(`/api/v1/submissions/${nil.body.id}/approve`, {})).status).toBe(403);
  });

  it('answers the completeness grid and reporting rates as the submissions made say', async () => {
    const res = await analyst.get(`/api/v1/submissions/completeness?from=${older}&to=${last}`);
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual([older, previous, last]);
    const made: Array<{
      reporting_unit_code: string;
      month: string;
      status: string;
      late: boolean;
      nil_return: boolean;
    }> = await t.dataSource.query(
      `SELECT reporting_unit_code, to_char(month, 'YYYY-MM') AS month, status, late, nil_return FROM submissions`,
    );
    const units: Array<{ code: string }> = await t.dataSource.query(
      `SELECT code FROM reporting_units WHERE active ORDER BY code`,
    );
    expect(res.body.units.map((u: { reportingUnit: string }) => u.reportingUnit).sort()).toEqual(
      units.map((u) => u.code),
    );
    const national = { expected: 0, reported: 0, onTime: 0 };
    for (const unit of res.body.units) {
      const own = { expected: 0, reported: 0, onTime: 0 };
      for (const cell of unit.months) {
        const s = made.find((m) => m.reporting_unit_code === unit.reportingUnit && m.month === cell.month);
        const due = Date.now() > deadline(cell.month).getTime();
        expect(cell).toEqual({
          month: cell.month,
          status: s?.status ?? (due ? 'missing' : 'not_due'),
          late: s?.late ?? false,
          nilReturn: s?.nil_return ?? false,
        });
        const reported = s?.status === 'submitted' || s?.status === 'approved';
        if (s || due) own.expected++;
        if (reported) own.reported++;
        if (reported && !s.late) own.onTime++;
      }
      expect(unit).toMatchObject({
        ...own,
        reportingRate: own.expected ? own.reported / own.expected : null,
        onTimeRate: own.expected ? own.onTime / own.expected : null,
      });
      for (const k of ['expected', 'reported', 'onTime'] as const) national[k] += own[k];
    }
    expect(res.body.national).toMatchObject(national);
    // the nil return counts as reported
    const fiaRow = res.body.units.find((u: { reportingUnit: string }) => u.reportingUnit === 'FIA');
    expect(fiaRow.months.find((m: { month: string }) => m.month === previous)).toMatchObject({ nilReturn: true });
    expect(fiaRow.reported).toBeGreaterThanOrEqual(1);
    // a focal person's grid is their unit's
    const own = await punjab.get(`/api/v1/submissions/completeness?from=${older}&to=${last}`);
    expect(own.body.units.map((u: { reportingUnit: string }) => u.reportingUnit)).toEqual(['POLICE-PK-PB']);
  });
});
