import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('reference data and health', () => {
  let t: TestApp;
  let admin: Agent;
  let focal: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin');
    focal = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());
  const get = (url: string, who = focal) => who.get(url);

  it('reports a reachable, fully migrated database without a token', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', migrations: { pending: false } });
  });

  it('publishes the OpenAPI description with bearer authentication', async () => {
    const res = await t.http.get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/auth/login', '/api/v1/health']),
    );
  });

  it('serves the seven jurisdictions with ISO and OCHA codes', async () => {
    const res = await get('/api/v1/jurisdictions');
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.map((j: { code: string; pcode: string }) => [j.code, j.pcode]));
    expect(byCode).toEqual({
      'PK-PB': 'PK6',
      'PK-SD': 'PK7',
      'PK-KP': 'PK5',
      'PK-BA': 'PK2',
      'PK-IS': 'PK4',
      'PK-JK': 'PK1',
      'PK-GB': 'PK3',
    });
  });

  it('serves all 160 districts of the reference file, each under its province', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync('seeds/data/pk_districts_ocha_pcodes.csv', 'utf8').trim().split('\n').slice(1);
    const expected: Record<string, number> = {};
    const iso: Record<string, string> = {
      PK1: 'PK-JK',
      PK2: 'PK-BA',
      PK3: 'PK-GB',
      PK4: 'PK-IS',
      PK5: 'PK-KP',
      PK6: 'PK-PB',
      PK7: 'PK-SD',
    };
    for (const line of lines) expected[iso[line.split(',')[1]]] = (expected[iso[line.split(',')[1]]] ?? 0) + 1;
    let total = 0;
    for (const [code, count] of Object.entries(expected)) {
      const res = await get(`/api/v1/jurisdictions/${code}/districts`);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(count);
      total += res.body.length;
    }
    expect(total).toBe(160);
    const punjab = (await get('/api/v1/jurisdictions/PK-PB/districts')).body;
    const leiah = punjab.find((d: { name: string }) => d.name === 'Leiah');
    expect(leiah.aliases).toContain('Layyah');
    expect((await get('/api/v1/jurisdictions/PK-XX/districts')).status).toBe(404);
  });

  it('resolves the documented district spellings', async () => {
    const { DistrictResolver } = await import('src/jurisdictions/district-resolver.service');
    const lookup = await t.app.get(DistrictResolver).load();
    const cases: Array<[string, string]> = [
      ['D.G. Khan', 'Dera Ghazi Khan'],
      ['DG Khan', 'Dera Ghazi Khan'],
      ['d g khan', 'Dera Ghazi Khan'],
      ['D.I. Khan', 'D. I. Khan'],
      ['Dera Ismail Khan', 'D. I. Khan'],
      ['R.Y. Khan', 'Rahim Yar Khan'],
      ['T.T. Singh', 'Toba Tek Singh'],
      ['M.B. Din', 'Mandi Bahauddin'],
      ['Karachi South', 'South Karachi'],
      ['karachi east', 'East Karachi'],
      ['Karachi West', 'West Karachi'],
      ['KARACHI CENTRAL', 'Central Karachi'],
      ['Layyah', 'Leiah'],
      ['Leiah', 'Leiah'],
      ['lahore', 'Lahore'],
      ['PK614', 'Kasur'],
    ];
    for (const [text, name] of cases) expect([text, lookup.find(text)?.name]).toEqual([text, name]);
    expect(lookup.find('Atlantis')).toBeNull();
  });

  it('lets an admin add a newly notified district and an alias, and nobody else', async () => {
    const body = { code: 'PK7-KMR', name: 'Keamari', validFrom: '2020-07-01', aliases: ['Kemari', 'Karachi Keamari'] };
    expect((await focal.post('/api/v1/jurisdictions/PK-SD/districts', body)).status).toBe(403);
    const res = await admin.post('/api/v1/jurisdictions/PK-SD/districts', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'PK7-KMR', name: 'Keamari', validFrom: '2020-07-01' });
    expect(res.body.aliases).toEqual(expect.arrayContaining(['Kemari', 'Karachi Keamari']));
    const again = await admin.post('/api/v1/jurisdictions/PK-SD/districts', body);
    expect(again.status).toBe(409);
    const alias = await admin.post('/api/v1/districts/PK7-KMR/aliases', { alias: 'Kiamari' });
    expect(alias.status).toBe(201);
    const taken = await admin.post('/api/v1/districts/PK7-KMR/aliases', { alias: 'Lahore' });
    expectProblem(taken, 409, 'REFERENCE.ALIAS_EXISTS');
    const { DistrictResolver } = await import('src/jurisdictions/district-resolver.service');
    expect((await t.app.get(DistrictResolver).load()).find('kiamari')?.code).toBe('PK7-KMR');
  });

  it('serves countries from ISO 3166 and the coded lists', async () => {
    const countries = (await get('/api/v1/reference/countries')).body;
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(countries).toEqual(expect.arrayContaining([{ alpha3: 'AFG', alpha2: 'AF', name: 'Afghanistan' }]));
    const lists = (await get('/api/v1/reference/code-lists')).body;
    expect(lists.exploitation_form.map((i: { code: string }) => i.code)).toContain('forced_begging');
    expect(lists.case_status).toHaveLength(10);
    const sections = (await get('/api/v1/reference/law-sections')).body;
    expect(sections.find((s: { code: string }) => s.code === 'PSMA-3').family).toBe('som');
  });

  it('records the request id of the call in audit events', async () => {
    await t.http
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'req-check-123')
      .send({ email: 'x@test.example', password: 'nope-nope-nope' });
    const rows = await t.dataSource.query(`SELECT request_id FROM audit_events WHERE actor_email = 'x@test.example'`);
    expect(rows[0].request_id).toBe('req-check-123');
  });
});
