import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary } from 'test/support/workbook-reader';

describe('spreadsheet import', () => {
  let t: TestApp;
  let punjab: Agent;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, query = '', who = punjab, name = 'upload.xlsx') => who.upload(file, { query, name });

  /**
   * The size on disk of the tables an import writes and of their indexes: a write, even rolled
   * back, makes it larger; autovacuum can only make it smaller.
   */
  const caseTablesSize = async (): Promise<number> =>
    Number(
      (
        await t.dataSource.query(
          `WITH written AS (SELECT unnest(ARRAY['cases', 'case_status_events', 'route_points', 'victims', 'defendants', 'prosecutions', 'convictions']::regclass[]) AS rel)
     SELECT sum(pg_relation_size(rel))::bigint AS n
       FROM (SELECT rel FROM written UNION ALL SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT rel FROM written)) AS r`,
        )
      )[0].n,
    );

  /** A dry run of the file, which must change nothing and count exactly what the commit that follows it then does. */
  const commitAfterDryRun = async (file: Buffer) => {
    const size = await caseTablesSize();
    const dry = await upload(file, '?dryRun=true');
    expect([dry.status, dry.body.status, dry.body.errors]).toEqual([200, 'validated', []]);
    expect(await caseTablesSize()).toBeLessThanOrEqual(size);
    const committed = await upload(file);
    expect([committed.status, committed.body.errors]).toEqual([201, []]);
    expect(committed.body.counts).toEqual(dry.body.counts);
    return committed;
  };

  /** What a re-upload of goodCase() counts: every row unchanged. */
  const GOOD_CASE_UNCHANGED = {
    cases: { created: 0, updated: 0, unchanged: 1 },
    victims: { created: 0, updated: 0, unchanged: 2 },
    defendants: { created: 0, updated: 0, unchanged: 2 },
    prosecutions: { created: 0, updated: 0, unchanged: 2 },
  };

  it('commits a good workbook and reports everything unchanged on re-upload', async () => {
    const file = await buildWorkbook(goodCase());
    const dry = await upload(file, '?dryRun=true');
    expect([dry.status, dry.body.errors]).toEqual([200, []]);
    expect(dry.body).toMatchObject({
      status: 'validated',
      dryRun: true,
      counts: { cases: { created: 1, updated: 0, unchanged: 0 }, victims: { created: 2 } },
    });
    expect((await t.dataSource.query('SELECT count(*)::int n FROM cases'))[0].n).toBe(0);

    const first = await upload(file);
    expect([first.status, first.body.errors]).toEqual([201, []]);
    expect(first.body.counts).toEqual({
      cases: { created: 1, updated: 0, unchanged: 0 },
      victims: { created: 2, updated: 0, unchanged: 0 },
      defendants: { created: 2, updated: 0, unchanged: 0 },
      prosecutions: { created: 2, updated: 0, unchanged: 0 },
    });
    const again = await upload(file);
    expect(again.body.counts).toEqual(GOOD_CASE_UNCHANGED);
    const [c] = await t.dataSource.query(`SELECT id, status, fir_number, district_code, law_sections FROM cases`);
    expect(c).toMatchObject({
      status: 'convicted',
      fir_number: '0012',
      district_code: 'PK628',
      law_sections: ['PTPA-3', 'PPC-371A'],
    });
    const events = await t.dataSource.query(
      'SELECT from_status, to_status, status_date::text FROM case_status_events WHERE case_id = $1 ORDER BY id',
      [c.id],
    );
    expect(events).toEqual([
      { from_status: null, to_status: 'registered', status_date: '2024-01-15' },
      { from_status: 'registered', to_status: 'convicted', status_date: '2024-11-20' },
    ]);
    const conviction = await t.dataSource.query('SELECT imprisonment_months, fine_pkr, appeal_status FROM convictions');
    expect(conviction).toEqual([{ imprisonment_months: 84, fine_pkr: '500000', appeal_status: 'pending' }]);
    const route = await t.dataSource.query(
      'SELECT kind, country_code, district_code FROM route_points ORDER BY position',
    );
    expect(route).toEqual([
      { kind: 'origin', country_code: 'PAK', district_code: 'PK628' },
      { kind: 'transit', country_code: 'IRN', district_code: null },
      { kind: 'destination', country_code: 'OMN', district_code: null },
    ]);
  });

  it('on re-upload updates only the rows that changed, leaves the others untouched and dates the status change', async () => {
    const before = goodCase('0200', { Status: 'Under Trial', 'Status Date': '10/03/2024' });
    for (const p of before.Prosecutions) {
      p.Outcome = 'Pending';
      for (const column of ['Outcome Date', 'Sentence Months', 'Fine PKR', 'Appeal Status']) delete p[column];
    }
    const first = await upload(await buildWorkbook(before));
    expect([first.status, first.body.errors]).toEqual([201, []]);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM cases WHERE fir_number = '0200'`);
    const versions = () =>
      t.dataSource.query(
        `SELECT 'v' || ref AS row, xmin::text FROM victims WHERE case_id = $1 UNION ALL SELECT 'd' || ref, xmin::text FROM defendants WHERE case_id = $1 ORDER BY 1`,
        [id],
      );
    const stored = await versions();

    const after = goodCase('0200');
    after.Victims[1].Age = 30;
    const second = await commitAfterDryRun(await buildWorkbook(after));
    expect(second.body.counts).toEqual({
      cases: { created: 0, updated: 1, unchanged: 0 },
      victims: { created: 0, updated: 1, unchanged: 1 },
      defendants: { created: 0, updated: 0, unchanged: 2 },
      prosecutions: { created: 0, updated: 2, unchanged: 0 },
    });
    const now = await versions();
    expect(now.filter((r: { row: string }) => r.row !== 'vV2')).toEqual(
      stored.filter((r: { row: string }) => r.row !== 'vV2'),
    );
    expect(now.find((r: { row: string }) => r.row === 'vV2')).not.toEqual(
      stored.find((r: { row: string }) => r.row === 'vV2'),
    );
    expect(await t.dataSource.query('SELECT age FROM victims WHERE case_id = $1 ORDER BY ref', [id])).toEqual([
      { age: 15 },
      { age: 30 },
    ]);
    expect(
      await t.dataSource.query(
        'SELECT from_status, to_status, status_date::text FROM case_status_events WHERE case_id = $1 ORDER BY status_date, id',
        [id],
      ),
    ).toEqual([
      { from_status: null, to_status: 'registered', status_date: '2024-01-15' },
      { from_status: 'registered', to_status: 'under_trial', status_date: '2024-03-10' },
      { from_status: 'under_trial', to_status: 'convicted', status_date: '2024-11-20' },
    ]);
    expect(
      await t.dataSource.query(
        'SELECT cv.imprisonment_months FROM convictions cv JOIN prosecutions p ON p.id = cv.prosecution_id WHERE p.case_id = $1',
        [id],
      ),
    ).toEqual([{ imprisonment_months: 84 }]);

    const third = await commitAfterDryRun(await buildWorkbook(after));
    expect(third.body.counts).toEqual(GOOD_CASE_UNCHANGED);

    // a new route alone makes the case updated
    after.Cases[0].Transit = 'Iran; United Arab Emirates';
    const fourth = await commitAfterDryRun(await buildWorkbook(after));
    expect(fourth.body.counts.cases).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(
      await t.dataSource.query('SELECT kind, country_code FROM route_points WHERE case_id = $1 ORDER BY position', [
        id,
      ]),
    ).toEqual([
      { kind: 'origin', country_code: 'PAK' },
      { kind: 'transit', country_code: 'IRN' },
      { kind: 'transit', country_code: 'ARE' },
      { kind: 'destination', country_code: 'OMN' },
    ]);
  });

  it('writes a large sheet while reading it, commits none of it when a later row is bad, and analyses the tables it wrote', async () => {
    const data = goodCase('0400');
    const victim = data.Victims[1];
    data.Victims = Array.from({ length: 12_001 }, (_, i) => ({ ...victim, 'Victim Ref': `V${i + 1}` }));
    data.Victims[11_000].Age = 130;
    const bad = await upload(await buildWorkbook(data));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ sheet: 'Victims', row: 11_002, code: 'IMPORT.INVALID_AGE' }),
    ]);
    expect((await t.dataSource.query(`SELECT count(*)::int n FROM cases WHERE fir_number = '0400'`))[0].n).toBe(0);

    data.Victims[11_000].Age = 30;
    const [{ now: committing }] = await t.dataSource.query('SELECT now()');
    const good = await commitAfterDryRun(await buildWorkbook(data));
    expect(good.body.counts.victims).toEqual({ created: 12_001, updated: 0, unchanged: 0 });
    // so many new rows: the tables written are analysed at once, not when autovacuum gets to them
    const analysed = async () =>
      (await t.dataSource.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'victims'`))[0]
        .last_analyze;
    for (let i = 0; i < 100 && !((await analysed()) > committing); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await analysed()).toBeInstanceOf(Date);
    expect((await analysed()).getTime()).toBeGreaterThan(committing.getTime());
    const [{ n, aged }] = await t.dataSource.query(
      `SELECT count(*)::int n, count(*) FILTER (WHERE v.age = 30)::int aged FROM victims v JOIN cases c ON c.id = v.case_id WHERE c.fir_number = '0400'`,
    );
    expect({ n, aged }).toEqual({ n: 12_001, aged: 1 });

    data.Victims[5].Sex = 'F';
    const again = await commitAfterDryRun(await buildWorkbook(data));
    expect(again.body.counts.victims).toEqual({ created: 0, updated: 1, unchanged: 12_000 });
  }, 60_000);

  it('rejects a workbook with problems, lists every one, and writes nothing', async () => {
    const before = await t.dataSource.query('SELECT (SELECT count(*) FROM cases) c, (SELECT count(*) FROM victims) v');
    const data = goodCase('0099', { 'FIR Year': 2023, Status: 'Teleported' });
    data.Victims[0].Age = 130;
    data.Victims[1].Sex = 'Alien';
    data.Prosecutions[0]['Defendant Ref'] = 'D9';
    const res = await upload(await buildWorkbook(data));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT.REJECTED', status: 'rejected' });
    const found = res.body.errors.map(
      (e: { sheet: string; row: number; column: string; code: string }) => `${e.sheet}:${e.row}:${e.column}:${e.code}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'Cases:2:FIR Year:IMPORT.FIR_YEAR_MISMATCH',
        'Cases:2:Status:IMPORT.UNKNOWN_CODE',
        'Victims:2:Age:IMPORT.INVALID_AGE',
        'Victims:3:Sex:IMPORT.UNKNOWN_CODE',
      ]),
    );
    // the file's hash, ids and times are hex and digits that may hold "130" by chance
    const { id: _id, fileSha256: _sha, uploadedAt: _at, finishedAt: _done, ...told } = res.body;
    expect(JSON.stringify(told)).not.toMatch(/Alien|Teleported|130|Accused One/);
    expect(await t.dataSource.query('SELECT (SELECT count(*) FROM cases) c, (SELECT count(*) FROM victims) v')).toEqual(
      before,
    );

    const report = await binary(punjab.get(`/api/v1/imports/${res.body.id}/report.xlsx`));
    expect(report.status).toBe(200);
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.body);
    const victims = wb.getWorksheet('Victims')!;
    const header = (victims.getRow(1).values as unknown[]).slice(1);
    expect(header[header.length - 1]).toBe('Errors');
    expect(victims.getRow(2).getCell(header.length).text).toContain('IMPORT.INVALID_AGE');
    const ageCol = header.indexOf('Age') + 1;
    expect((victims.getRow(2).getCell(ageCol).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
  });

  it('marks the cells at fault in the report of a sheet whose header row is below a title', async () => {
    const data = goodCase('0098');
    data.Victims[0].Age = 130;
    const res = await upload(await buildWorkbook(data, { title: 'Punjab Police — TIP cases, January 2024' }));
    expect(
      res.body.errors.map((e: { sheet: string; row: number; code: string }) => `${e.sheet}:${e.row}:${e.code}`),
    ).toEqual(['Victims:4:IMPORT.INVALID_AGE']);
    const report = await binary(punjab.get(`/api/v1/imports/${res.body.id}/report.xlsx`));
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.body);
    const victims = wb.getWorksheet('Victims')!;
    expect(victims.getRow(1).getCell(1).value).toBe('Punjab Police — TIP cases, January 2024');
    const header = (victims.getRow(2).values as unknown[]).slice(1);
    expect(header[header.length - 1]).toBe('Errors');
    expect(victims.getRow(3).getCell(header.length).text).toContain('IMPORT.INVALID_AGE');
    expect(
      (victims.getRow(3).getCell(header.indexOf('Age') + 1).fill as { fgColor?: { argb?: string } }).fgColor?.argb,
    ).toBe('FFFFC7CE');
  });

  it('serves a template with instructions, frozen headers, dropdowns and the caller’s districts', async () => {
    const res = await binary(punjab.get('/api/v1/imports/template'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('tip-upload-template.xlsx');
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Instructions', 'Cases', 'Victims', 'Defendants', 'Prosecutions', 'Districts']),
    );
    const cases = wb.getWorksheet('Cases')!;
    expect(cases.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(cases.getRow(1).font?.bold).toBe(true);
    const validations = (
      cases as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    const statusColumn = (cases.getRow(1).values as unknown[]).indexOf('Status');
    const letter = String.fromCharCode(64 + statusColumn);
    const statusRule = Object.entries(validations).find(([range]) => range.startsWith(`${letter}2`));
    expect(statusRule?.[1].type).toBe('list');
    const districts = wb.getWorksheet('Districts')!;
    const jurisdictions = new Set<string>();
    districts.eachRow((row, n) => n > 1 && jurisdictions.add(row.getCell(3).text));
    expect([...jurisdictions]).toEqual(['PK-PB']);
    expect(districts.rowCount - 1).toBe(
      Number((await t.dataSource.query(`SELECT count(*) n FROM districts WHERE jurisdiction_code = 'PK-PB'`))[0].n),
    );
    const instructions: string[] = [];
    wb.getWorksheet('Instructions')!.eachRow((row) => instructions.push(row.getCell(2).text));
    expect(instructions).toEqual(expect.arrayContaining(['FIR No', 'Victim Ref', 'Appeal Status']));
  });

  it('runs an async upload in the background and reports its phase, then its result', async () => {
    const res = await upload(await buildWorkbook(goodCase('0500')), '?async=true&dryRun=true');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'processing', dryRun: true });
    let batch = res.body;
    for (let i = 0; i < 100 && batch.status === 'processing'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      batch = (await punjab.get(`/api/v1/imports/${res.body.id}`)).body;
    }
    expect(batch).toMatchObject({
      status: 'validated',
      phase: 'done',
      rowsProcessed: 11,
      counts: { cases: { created: 1 } },
    });
  });

  it('takes one import per reporting unit at a time, in this instance or another, and frees the unit when it ends', async () => {
    const file = await buildWorkbook(goodCase('0501'));
    // another instance of the service importing for the Punjab Police holds its lock on its own connection
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    await other.query(`SELECT pg_advisory_lock(hashtext('tip-import:' || 'POLICE-PK-PB'))`);
    try {
      const busy = await upload(file, '?dryRun=true');
      expect([busy.status, busy.body.code]).toEqual([409, 'IMPORT.BUSY']);
      const national = await upload(file, '?dryRun=true', await signIn(t, 'admin'));
      expect([national.status, national.body.code]).toEqual([409, 'IMPORT.BUSY']);
    } finally {
      await other.query(`SELECT pg_advisory_unlock_all()`);
      await other.release();
    }
    // two at once in this instance: one runs, the other is refused; afterwards the unit is free
    const [a, b] = await Promise.all([upload(file, '?dryRun=true'), upload(file, '?dryRun=true')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await upload(file, '?dryRun=true')).status).toBe(200);
  });

  it('keeps an upload history scoped like the cases, and audits every upload', async () => {
    const sindh = await signIn(t, 'focal_person', 'PK-SD');
    const analyst = await signIn(t, 'analyst');
    const mine = (await punjab.get('/api/v1/imports')).body;
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items[0]).toMatchObject({
      fileName: 'upload.xlsx',
      uploadedBy: expect.stringContaining('focal_person'),
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await sindh.get('/api/v1/imports')).body.total).toBe(0);
    expect((await sindh.get(`/api/v1/imports/${mine.items[0].id}`)).status).toBe(404);
    expect((await analyst.get('/api/v1/imports')).body.total).toBe(mine.total);
    const audited = await t.dataSource.query(
      `SELECT action, detail FROM audit_events WHERE action LIKE 'import.%' AND entity_id = $1`,
      [mine.items[0].id],
    );
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toMatch(/Accused One|35202/);
  });

  it('accepts prosecutions of defendants already stored, and refuses those of defendants that exist nowhere', async () => {
    const stored = goodCase('0300', { Status: 'Under Trial', 'Status Date': '10/03/2024' });
    stored.Prosecutions = [];
    expect((await upload(await buildWorkbook(stored))).status).toBe(201);
    const { Prosecutions } = goodCase('0300');
    for (const p of Prosecutions) {
      p.Outcome = 'Pending';
      for (const column of ['Outcome Date', 'Sentence Months', 'Fine PKR', 'Appeal Status']) delete p[column];
    }
    const ok = await commitAfterDryRun(await buildWorkbook({ Prosecutions }));
    expect(ok.body.counts.prosecutions).toEqual({ created: 2, updated: 0, unchanged: 0 });
    // a new defendant of the stored case, with its prosecution, in the same file
    const { Defendants } = goodCase('0300');
    const added = await commitAfterDryRun(
      await buildWorkbook({
        Defendants: [{ ...Defendants[1], 'Defendant Ref': 'D3' }],
        Prosecutions: [{ ...Prosecutions[1], 'Defendant Ref': 'D3' }],
      }),
    );
    expect([added.body.counts.defendants, added.body.counts.prosecutions]).toEqual([
      { created: 1, updated: 0, unchanged: 0 },
      { created: 1, updated: 0, unchanged: 0 },
    ]);
    const bad = await upload(await buildWorkbook({ Prosecutions: [{ ...Prosecutions[0], 'Defendant Ref': 'D9' }] }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Prosecutions',
        row: 2,
        column: 'Defendant Ref',
        code: 'IMPORT.UNKNOWN_DEFENDANT',
      }),
    ]);
  });

  it('checks a case against its stored prosecutions that the file leaves out', async () => {
    const stored = goodCase('0500');
    expect((await upload(await buildWorkbook(stored))).status).toBe(201);
    // the case stays convicted through the stored conviction of D1, which this file does not repeat
    const d2 = { ...stored.Prosecutions[1], Court: 'High Court' };
    const ok = await upload(await buildWorkbook({ Prosecutions: [d2] }));
    expect([ok.status, ok.body.errors]).toEqual([201, []]);
    expect(ok.body.counts.prosecutions).toEqual({ created: 0, updated: 1, unchanged: 0 });
    // without it the same case would have no conviction left
    const bad = await upload(
      await buildWorkbook({
        Prosecutions: [
          {
            ...stored.Prosecutions[0],
            Outcome: 'Acquitted',
            'Sentence Months': null,
            'Fine PKR': null,
            'Appeal Status': null,
          },
          d2,
        ],
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { code: string }) => e.code)).toContain('IMPORT.INCONSISTENT_STATUS');
  });

  it('reads a CSV sheet named by the form field, keeping identifiers as text', async () => {
    const csv =
      'District,Police Station,FIR No,FIR Year,Defendant Ref,Name,CNIC\nRahim Yar Khan,PS Saddar,0012,2024,D3,New Accused,35202-7654321-3\n';
    const res = await punjab.upload(Buffer.from(csv), { sheet: 'Defendants', name: 'defendants.csv' });
    expect([res.status, res.body.errors]).toEqual([201, []]);
    expect(res.body.counts.defendants).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const [d] = await t.dataSource.query(
      `SELECT d.cnic_hash FROM defendants d JOIN cases c ON c.id = d.case_id WHERE d.ref = 'D3' AND c.fir_number = '0012'`,
    );
    expect(d.cnic_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a stored case for a later sheet even when its FIR number holds the key separator', async () => {
    const first = await upload(await buildWorkbook(goodCase('77|B')));
    expect([first.status, first.body.errors]).toEqual([201, []]);
    const later = goodCase('77|B').Victims.map((v) => ({ ...v, 'Victim Ref': `${v['Victim Ref'] as string}-later` }));
    const res = await upload(await buildWorkbook({ Victims: later }));
    expect([res.status, res.body.errors]).toEqual([201, []]);
    expect(res.body.counts.victims).toEqual({ created: 2, updated: 0, unchanged: 0 });
  });

  it('stores text that looks like an array literal exactly as typed, and finds it unchanged on re-upload', async () => {
    // quotes, backslashes, braces, commas and the word NULL are what an array parameter's text escapes
    const texts = {
      station: 'PS "Saddar" \\ {North}, NULL',
      fir: '{9},"x"',
      remarks: 'NULL',
      name: '"Accused" \\\\ One, {x} ٹیسٹ',
      court: '{}',
    };
    const data = goodCase(texts.fir);
    for (const rows of Object.values(data)) for (const row of rows) row['Police Station'] = texts.station;
    data.Cases[0].Remarks = texts.remarks;
    data.Defendants[0].Name = texts.name;
    data.Prosecutions[0].Court = texts.court;
    const file = await buildWorkbook(data);
    const first = await upload(file);
    expect([first.status, first.body.errors]).toEqual([201, []]);
    const stored = await t.dataSource.query(
      `SELECT c.police_station, c.fir_number, c.remarks, d.name, p.court
         FROM cases c JOIN defendants d ON d.case_id = c.id AND d.ref = 'D1' JOIN prosecutions p ON p.defendant_id = d.id
        WHERE c.fir_number = $1`,
      [texts.fir],
    );
    expect(stored).toEqual([
      {
        police_station: texts.station,
        fir_number: texts.fir,
        remarks: texts.remarks,
        name: texts.name,
        court: texts.court,
      },
    ]);
    const again = await upload(file);
    expect(again.body.counts).toEqual(GOOD_CASE_UNCHANGED);
  });

  const storedRows = (fir: string) =>
    t.dataSource.query(
      `SELECT (SELECT count(*) FROM victims v WHERE v.case_id = c.id)::int victims, (SELECT count(*) FROM defendants d WHERE d.case_id = c.id)::int defendants,
            (SELECT count(*) FROM prosecutions p WHERE p.case_id = c.id)::int prosecutions,
            (SELECT count(*) FROM convictions cv JOIN prosecutions p ON p.id = cv.prosecution_id WHERE p.case_id = c.id)::int convictions
       FROM cases c WHERE c.fir_number = $1`,
      [fir],
    );

  it('writes every row whatever the order of the sheets', async () => {
    const { Cases, Victims, Defendants, Prosecutions } = goodCase('0700');
    const res = await commitAfterDryRun(await buildWorkbook({ Prosecutions, Victims, Defendants, Cases }));
    expect(res.body.counts).toEqual({
      cases: { created: 1, updated: 0, unchanged: 0 },
      victims: { created: 2, updated: 0, unchanged: 0 },
      defendants: { created: 2, updated: 0, unchanged: 0 },
      prosecutions: { created: 2, updated: 0, unchanged: 0 },
    });
    expect(await storedRows('0700')).toEqual([{ victims: 2, defendants: 2, prosecutions: 2, convictions: 1 }]);

    // a second sheet of cases after the victims that name its cases
    const a = goodCase('0701');
    const b = goodCase('0702');
    const split = await commitAfterDryRun(
      await buildWorkbook({
        Cases: a.Cases,
        Victims: [...a.Victims, ...b.Victims],
        'Cases.': b.Cases,
        Defendants: [...a.Defendants, ...b.Defendants],
        Prosecutions: [...a.Prosecutions, ...b.Prosecutions],
      }),
    );
    expect(split.body.counts.victims).toEqual({ created: 4, updated: 0, unchanged: 0 });
    for (const fir of ['0701', '0702'])
      expect(await storedRows(fir)).toEqual([{ victims: 2, defendants: 2, prosecutions: 2, convictions: 1 }]);
  });

  it('answers a row the database would refuse with the check it fails, and writes nothing', async () => {
    const key = { District: 'Rahim Yar Khan', 'Police Station': 'PS Saddar', 'FIR No': '0800', 'FIR Year': 2024 };
    const stored = {
      ...key,
      'FIR Date': '15/01/2024',
      'Offence Family': 'TIP',
      Status: 'Under Investigation',
      'Status Date': '20/01/2024',
    };
    expect((await upload(await buildWorkbook({ Cases: [stored] }))).status).toBe(201);
    // the same status without a date keeps the stored one, which this FIR date comes after
    const later = { ...stored, 'FIR Date': '25/01/2024', 'Status Date': null };
    const file = await buildWorkbook({ Cases: [later], Victims: [{ ...key, 'Victim Ref': 'V1', Sex: 'F', Age: 20 }] });
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(file, query);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ sheet: 'Cases', row: 2, code: 'IMPORT.DATE_ORDER' })]);
    }
    expect(await t.dataSource.query(`SELECT fir_date::text FROM cases WHERE fir_number = '0800'`)).toEqual([
      { fir_date: '2024-01-15' },
    ]);
    expect(await storedRows('0800')).toEqual([{ victims: 0, defendants: 0, prosecutions: 0, convictions: 0 }]);
  });
});
