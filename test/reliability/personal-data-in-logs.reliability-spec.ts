import { Writable } from 'node:stream';
import { PinoLogger } from 'nestjs-pino';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary, sheets } from 'test/support/workbook-reader';

/** The people of the flows below: nothing of them may reach the log or an error's answer. */
const PEOPLE = [
  { name: 'Shahnawaz Qaisrani Baloch', cnic: '3520298765431', ref: 'DSECRET-41' },
  { name: 'Rukhsana Bibi Dasti', cnic: '3210154321987', ref: 'DSECRET-42' },
  { name: 'Muhammad Iqbal Jatoi', cnic: '4130412312345', ref: 'DSECRET-43' },
];
const VICTIMS = [
  { cnic: '3740567890123', ref: 'VSECRET-51' },
  { cnic: '6110198765432', ref: 'VSECRET-52' },
];

/** A CNIC as people write it: 13 digits, 5-7-1 with dashes, with spaces, with dots. */
const spellings = (cnic: string) => {
  const [a, b, c] = [cnic.slice(0, 5), cnic.slice(5, 12), cnic.slice(12)];
  return [cnic, `${a}-${b}-${c}`, `${a} ${b} ${c}`, `${a}.${b}.${c}`, `${a}${b}-${c}`];
};

/** Every value that must not be logged, and the spellings a search of the log must try. */
const SECRETS = [
  ...PEOPLE.flatMap((p) => [p.name, p.name.toLowerCase(), p.name.toUpperCase(), p.ref, ...spellings(p.cnic)]),
  ...VICTIMS.flatMap((v) => [v.ref, ...spellings(v.cnic)]),
];
/** Parts of a name on their own (a log line could hold the family name only). */
const NAME_PARTS = PEOPLE.flatMap((p) => p.name.split(' ').filter((w) => w.length > 5 && w !== 'Muhammad'));

describe('no personal data in the log, whatever the flow', () => {
  let t: TestApp;
  let focal: Agent;
  let admin: Agent;
  let analyst: Agent;
  const log: string[] = [];
  /** Every answer of the flows: an error's problem must not echo the values either. */
  const answers: Array<{ what: string; status: number; text: string }> = [];
  let errorReport: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'trace', LOGIN_IP_LIMIT_PER_MINUTE: '100000' });
    // the service's pino logger writes to this stream instead of stdout: every line, at every level
    // (found by its name: pino-http has its own copy of pino, whose symbols are not the ones pino exports here)
    const root = PinoLogger.root as unknown as Record<symbol, unknown>;
    const streamSym = Object.getOwnPropertySymbols(root).find((s) => s.description === 'pino.stream');
    expect(streamSym).toBeDefined();
    root[streamSym!] = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString());
        done();
      },
    });
    [focal, admin, analyst] = await Promise.all([
      signIn(t, 'focal_person', 'PK-PB'),
      signIn(t, 'admin'),
      signIn(t, 'analyst'),
    ]);
  });
  afterAll(() => t.close());

  const record = async (what: string, req: PromiseLike<{ status: number; text?: string; body?: unknown }>) => {
    const res = await req;
    answers.push({ what, status: res.status, text: res.text ?? JSON.stringify(res.body) });
    return res as { status: number; body: Record<string, unknown> & { id?: string } };
  };

  it('runs the flows: cases with people, refusals, searches, an upload with bad rows and its report, exports', async () => {
    const c = await record(
      'create case',
      focal.post(
        '/api/v1/cases',
        caseBody({ status: 'under_trial', statusDate: '2024-03-01', investigationConcludedOn: '2024-02-20' }),
      ),
    );
    expect(c.status).toBe(201);
    const caseId = c.body.id!;
    for (const [i, p] of PEOPLE.entries()) {
      // the API takes 13 digits, or 5-7-1 with dashes
      const cnic = spellings(p.cnic)[i % 2];
      const d = await record(
        'defendant',
        focal.post(`/api/v1/cases/${caseId}/defendants`, { ref: p.ref, name: p.name, cnic }),
      );
      expect([d.status, d.body]).toEqual([201, expect.anything()]);
      await record(
        'prosecution',
        focal.post(`/api/v1/cases/${caseId}/prosecutions`, { defendantId: d.body.id, prosecutionDate: '2024-03-01' }),
      );
      await record(
        'patch defendant',
        focal.patch(`/api/v1/cases/${caseId}/defendants/${d.body.id}`, { name: `${p.name} Jr`, groupName: p.name }),
      );
      // refusals, each carrying the values
      await record(
        'duplicate ref',
        focal.post(`/api/v1/cases/${caseId}/defendants`, { ref: p.ref, name: p.name, cnic: p.cnic }),
      );
      await record(
        'bad cnic',
        focal.post(`/api/v1/cases/${caseId}/defendants`, { ref: `${p.ref}X`, name: p.name, cnic: `${p.cnic}99` }),
      );
      await record(
        'name too long',
        focal.post(`/api/v1/cases/${caseId}/defendants`, { ref: `${p.ref}Y`, name: p.name.repeat(20), cnic: p.cnic }),
      );
      await record(
        'name with NUL',
        focal.post(`/api/v1/cases/${caseId}/defendants`, { ref: `${p.ref}Z`, name: `${p.name}\u0000` }),
      );
      await record(
        'unknown field',
        focal.post(`/api/v1/cases/${caseId}/defendants`, {
          ref: p.ref,
          name: p.name,
          fatherName: p.name,
          cnicNumber: p.cnic,
        }),
      );
      await record(
        'wrong type',
        focal.post(`/api/v1/cases/${caseId}/defendants`, {
          ref: [p.ref],
          name: { first: p.name },
          cnic: Number(p.cnic),
        }),
      );
      await record(
        'malformed json',
        focal
          .post(`/api/v1/cases/${caseId}/defendants`)
          .set('Content-Type', 'application/json')
          .send(`{"name": "${p.name}", "cnic": ${p.cnic}`),
      );
      // the values in a URL's query and path (which the service never asks for, but a client may send)
      await record('search', focal.get('/api/v1/cases').query({ search: p.name }));
      await record('bad query', focal.get('/api/v1/cases').query({ district: p.cnic, firYear: p.name }));
      await record('name in path', focal.get(`/api/v1/cases/${encodeURIComponent(p.name)}`));
      await record('cnic in path', focal.get(`/api/v1/cases/${caseId}/defendants/${p.cnic}`));
    }
    for (const v of VICTIMS) {
      expect(
        (
          await record(
            'victim',
            focal.post(`/api/v1/cases/${caseId}/victims`, { ref: v.ref, cnic: spellings(v.cnic)[1] }),
          )
        ).status,
      ).toBe(201);
      await record('victim duplicate', focal.post(`/api/v1/cases/${caseId}/victims`, { ref: v.ref, cnic: v.cnic }));
      await record(
        'victim bad cnic',
        focal.post(`/api/v1/cases/${caseId}/victims`, {
          ref: `${v.ref}X`,
          cnic: `${v.cnic.slice(0, 5)}-${v.cnic.slice(5)}`,
        }),
      );
    }

    // an upload with these people, some rows bad (a defendant of an unknown case, a bad CNIC, a bad date), then its report
    const rows = goodCase('0451');
    rows.Defendants = PEOPLE.map((p, i) => ({
      ...rows.Defendants[0],
      'Defendant Ref': p.ref,
      Name: p.name,
      CNIC: i === 1 ? `${p.cnic}7` : spellings(p.cnic)[i],
      ...(i === 2 ? { 'FIR No': '9999' } : {}),
    }));
    rows.Victims = VICTIMS.map((v, i) => ({
      ...rows.Victims[0],
      'Victim Ref': v.ref,
      CNIC: spellings(v.cnic)[2],
      'Identified On': i ? 'yesterday' : '2024-01-14',
    }));
    rows.Prosecutions = [];
    const rejected = await record('upload with errors', focal.upload(await buildWorkbook(rows)));
    expect(rejected.status).toBe(422);
    await record('dry run', focal.upload(await buildWorkbook(rows), { query: '?dryRun=true' }));
    const report = await binary(focal.get(`/api/v1/imports/${rejected.body.id}/report.xlsx`));
    expect(report.status).toBe(200);
    errorReport = report.body as Buffer;
    await record('import batch', focal.get(`/api/v1/imports/${rejected.body.id}`));
    // a CSV of the same rows, and a file that cannot be read, holding the names in its bytes
    const csv = [
      'District,Police Station,FIR No,FIR Year,Defendant Ref,Name,CNIC',
      ...PEOPLE.map((p) => `R.Y. Khan,PS Saddar,0451,2024,${p.ref},${p.name},${p.cnic}`),
    ].join('\r\n');
    await record('csv upload', focal.upload(Buffer.from(csv), { name: 'defendants.csv', sheet: 'Defendants' }));
    await record(
      'broken workbook',
      focal.upload(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(PEOPLE.map((p) => p.name).join())]), {
        name: 'x.xlsx',
      }),
    );
    // a good upload of the people, committed
    const good = goodCase('0452');
    good.Defendants[0] = {
      ...good.Defendants[0],
      'Defendant Ref': 'DSECRET-49',
      Name: PEOPLE[0].name,
      CNIC: spellings(PEOPLE[0].cnic)[1],
    };
    good.Prosecutions[0] = { ...good.Prosecutions[0], 'Defendant Ref': 'DSECRET-49' };
    expect((await record('good upload', focal.upload(await buildWorkbook(good)))).status).toBe(201);

    // reading and exporting them
    await record('defendants', focal.get(`/api/v1/cases/${caseId}/defendants`));
    await record('case export csv', analyst.get('/api/v1/exports/cases?format=csv'));
    await binary(analyst.get('/api/v1/exports/cases?format=xlsx'));
    const monthly = await record(
      'monthly',
      admin.post('/api/v1/exports/monthly', { month: '2024-03', audience: 'internal' }),
    );
    expect(monthly.status).toBe(201);
    await binary(admin.get(`/api/v1/exports/${monthly.body.id}`));
    await record('repeat offenders', analyst.get('/api/v1/statistics/repeat-offenders?from=2024-01-01&to=2024-12-31'));
    // a login with a name for an e-mail and a CNIC for a password
    await record('login', t.http.post('/api/v1/auth/login').send({ email: PEOPLE[0].name, password: PEOPLE[0].cnic }));
  });

  it('logged every request at trace level, and none of the names, CNICs (in any spelling) or refs', () => {
    const text = log.join('');
    // the capture works: requests, their ids, and the problems were logged
    expect(log.length).toBeGreaterThan(answers.length);
    expect((PinoLogger.root as unknown as { level: string }).level).toBe('trace');
    expect(text).toContain('/api/v1/cases');
    // the database's refusals (level 50) are in it too
    expect(text).toContain('"level":50');
    const found = [...SECRETS, ...NAME_PARTS].filter(
      (s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)),
    );
    expect(found).toEqual([]);
  });

  it('answered every refusal without echoing the values', () => {
    expect(answers.filter((a) => a.status >= 400).length).toBeGreaterThan(20);
    const echoed = answers
      .filter((a) => a.status >= 400)
      .flatMap((a) =>
        [...SECRETS, ...NAME_PARTS].filter((s) => a.text.includes(s)).map((s) => `${a.what} (${a.status}): ${s}`),
      );
    expect(echoed).toEqual([]);
  });

  it('masks every CNIC in the error report', async () => {
    const text = JSON.stringify(await sheets(errorReport));
    // the report holds the uploaded rows: the names are there (it goes only to those who may read them), the CNICs not
    expect(text).toContain(PEOPLE[0].name);
    expect([...PEOPLE, ...VICTIMS].flatMap((p) => spellings(p.cnic)).filter((s) => text.includes(s))).toEqual([]);
  });
});
