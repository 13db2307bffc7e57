import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary, sheets } from 'test/support/workbook-reader';

const KEY = 'htcds-test-key-htcds-test-key-0123456789';
const K = 5;
const PERIOD = 'from=2024-01-01&to=2024-12-31';

/** The standard's value lists (IOM's choices file, as published) and its fields. */
const STANDARDS = join(__dirname, 'fixtures', 'htcds');
const CHOICES = new Map<string, Set<string>>();
for (const { list_name, name } of parse<{ list_name: string; name: string }>(
  readFileSync(join(STANDARDS, 'htcds_v2_choices.csv')),
  { columns: true },
)) {
  // the published file writes one value with a trailing space ("DebtBondage ")
  if (!CHOICES.has(list_name)) CHOICES.set(list_name, new Set());
  CHOICES.get(list_name)!.add(name.trim());
}
const FIELD_STANDARDS: string[][] = parse(readFileSync(join(STANDARDS, 'htcds_v2_field_standards.csv')), {
  relax_column_count: true,
});
const STANDARD_FIELDS = new Set(FIELD_STANDARDS.map((r) => r[6]).filter((f) => /^[a-z]{3}_\w+$/.test(f ?? '')));
const EVENT_TYPES = FIELD_STANDARDS.find((r) => r[6] === 'hte_Type')![9]
  .split('\n')
  .map((v) => v.trim());

/** Each coded column and the standard's list its values come from (`;` separates a multiselect's values). */
const CODED: Record<string, string> = {
  prs_Gender: 'gender',
  prs_Citizenship: 'citizenship',
  vic_TraffickingStatus: 'traffickingstatus',
  vic_TraffickingStatusDecisionMakingOrg: 'traffickingstatusdecisionmakingorg',
  vic_TypeOfExploitation: 'typeofexploitation',
  vic_ForcedLabourIndustry: 'forcedlabourindustry',
  vic_MethodsOfControl: 'methodsofcontrol',
  cas_Status: 'status',
  hte_Country_Recruitment: 'citizenship',
  hte_Country_Transit: 'citizenship',
  hte_Country_Exploitation: 'citizenship',
};
/** The export's own columns (not in the standard) and the values the README gives for each. */
const EXTENSIONS: Record<string, RegExp> = {
  ext_PseudonymousId: /^[0-9a-f]{64}$/,
  ext_YearOfIdentification: /^\d{4}$/,
  ext_AgeBand: /^(0-11|12-17|18-25|26-40|41-60|61\+|0-17|18\+|unknown)$/,
  ext_ProsecutionOutcome: /^(convicted|pending|acquitted|discharged|withdrawn|none)$/,
};
const CLOSURE_REASONS =
  /^(|Convicted|Acquitted|Cancelled \(case not made out\)|Untraced \(accused not found\)|Transferred|Closed \(other\))$/;
const QUASI_IDENTIFIERS = [
  'prs_Gender',
  'ext_AgeBand',
  'prs_Citizenship',
  'ext_YearOfIdentification',
  'vic_TypeOfExploitation',
];

/** Personal values of the fixture that must never reach the export. */
const NAMES = ['Zarghuna Qaiserkhel', 'Bahadur Sherdil Mengal', 'Farrukh Jahanzeb Tiwana'];
const CNICS = ['3520298765431', '6110134567892', '4210187654323'];
const REMARKS = 'Complainant met IO Nasreen Qazalbash at the Qila Gujar Singh safehouse';
const PLACE = 'Behind Mochi Gate lorry adda';
const STATION = '=HYPERLINK("http://x","PS Qilaqand")';

type Row = Record<string, string>;

/** The groups of victims of the fixture (every one identified in 2024), and what the export must show of each. */
interface Group {
  readonly name: string;
  readonly case: Record<string, unknown>;
  readonly victims: Array<Record<string, unknown>>;
  /** What its rows show, after the k-anonymity's generalisation; absent when its rows are withheld. */
  readonly expected?: Row;
}

const route = (...points: Array<[string, string, string?]>) =>
  points.map(([kind, country, district]) => ({ kind, country, ...(district ? { district } : {}) }));
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

/*
 * k = 5. The quasi-identifiers of each group as recorded, and where the ladder takes them:
 *   A 6 girls 12-17, Pakistani, sexual exploitation, recruited in Pakistan: 6 ≥ 5, as recorded.
 *   B 5 men 26-40, Pakistani, forced labour: 5, as recorded (the case convicted).
 *   C 3 men 18-25, Pakistani, forced labour: 3 → 18+ (3) → Pakistani kept (3) → citizenship and
 *     recruitment not stated (3) → exploitation not stated: meets D.
 *   D 2 men 41-60, Afghan, forced begging, recruited in Afghanistan: 2 → 18+ (2) → citizenship and
 *     recruitment not stated (2) → (2) → exploitation not stated: with C, 5 men 18+, nothing else stated.
 *   G 5 women, 2 of 18-25 and 3 of 26-40, Pakistani, domestic servitude: 2 and 3 → 18+ together: 5.
 *   E 2 girls 0-11, Indian, child labour: 2 at every rung: withheld.
 *   F 1 transgender person of unknown age and nationality, no form recorded: 1: withheld.
 * Published 6 + 5 + 3 + 2 + 5 = 21; coarsened C, D, G = 10; withheld E, F = 3.
 */
const GROUPS: Group[] = [
  {
    name: 'A',
    case: {
      firDate: '2024-03-10',
      exploitationForms: ['sexual_exploitation'],
      route: route(['origin', 'PAK', 'Lahore'], ['destination', 'ARE']),
      remarks: REMARKS,
    },
    // two without an identified-on date: their year is the FIR's
    victims: times(6, (i) => ({
      sex: 'female',
      age: 12 + i,
      nationality: 'PAK',
      identifiedOn: i < 4 ? '2024-04-01' : undefined,
      cnic: i === 0 ? '35202-9876543-1' : undefined,
    })),
    expected: {
      prs_Gender: 'Feminine',
      ext_AgeBand: '12-17',
      prs_Citizenship: 'PK',
      ext_YearOfIdentification: '2024',
      vic_TypeOfExploitation: 'SexualExploitation',
      vic_ForcedLabourIndustry: '',
      vic_MethodsOfControl: '',
      hte_Country_Recruitment: 'PK',
      hte_Country_Transit: '',
      hte_Country_Exploitation: 'AE',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
      cas_Status: 'Active',
      cas_ReasonForCaseClosure: '',
      ext_ProsecutionOutcome: 'none',
    },
  },
  {
    name: 'B',
    case: { firDate: '2024-02-01', exploitationForms: ['forced_labour'] },
    victims: [26, 30, 33, 38, 40].map((age) => ({ sex: 'male', age, nationality: 'PAK', identifiedOn: '2024-02-02' })),
    expected: {
      prs_Gender: 'Masculine',
      ext_AgeBand: '26-40',
      prs_Citizenship: 'PK',
      ext_YearOfIdentification: '2024',
      vic_TypeOfExploitation: 'ForcedLabour',
      vic_ForcedLabourIndustry: '',
      vic_MethodsOfControl: '',
      hte_Country_Recruitment: 'PK',
      hte_Country_Transit: 'IR',
      hte_Country_Exploitation: 'OM',
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'CourtOrProsecution',
      cas_Status: 'Closed',
      cas_ReasonForCaseClosure: 'Convicted',
      ext_ProsecutionOutcome: 'convicted',
    },
  },
  {
    name: 'C',
    case: { firDate: '2024-05-05', exploitationForms: ['bonded_labour'] },
    victims: [19, 22, 25].map((age) => ({ sex: 'male', age, nationality: 'PAK' })),
    expected: {
      prs_Gender: 'Masculine',
      ext_AgeBand: '18+',
      prs_Citizenship: '',
      ext_YearOfIdentification: '2024',
      vic_TypeOfExploitation: '',
      vic_ForcedLabourIndustry: '',
      vic_MethodsOfControl: '',
      hte_Country_Recruitment: '',
      hte_Country_Transit: 'IR',
      hte_Country_Exploitation: 'OM',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
      cas_Status: 'Active',
      cas_ReasonForCaseClosure: '',
      ext_ProsecutionOutcome: 'none',
    },
  },
  {
    name: 'D',
    case: {
      firDate: '2024-06-01',
      exploitationForms: ['forced_begging'],
      route: route(['origin', 'AFG'], ['destination', 'PAK', 'Lahore']),
      status: 'cancelled',
      statusDate: '2024-07-01',
      investigationConcludedOn: '2024-07-01',
    },
    victims: [45, 50].map((age) => ({ sex: 'male', age, nationality: 'AFG', identifiedOn: '2024-06-02' })),
    expected: {
      prs_Gender: 'Masculine',
      ext_AgeBand: '18+',
      prs_Citizenship: '',
      ext_YearOfIdentification: '2024',
      vic_TypeOfExploitation: '',
      vic_ForcedLabourIndustry: '',
      vic_MethodsOfControl: '',
      hte_Country_Recruitment: '',
      hte_Country_Transit: '',
      hte_Country_Exploitation: 'PK',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
      cas_Status: 'Closed',
      cas_ReasonForCaseClosure: 'Cancelled (case not made out)',
      ext_ProsecutionOutcome: 'none',
    },
  },
  {
    name: 'G',
    case: {
      firDate: '2024-08-01',
      traffickingType: 'internal',
      exploitationForms: ['forced_labour'],
      route: route(['origin', 'PAK', 'Rahim Yar Khan'], ['destination', 'PAK', 'Lahore']),
    },
    // the victims' own form, not the case's
    victims: [18, 24, 27, 33, 39].map((age) => ({
      sex: 'female',
      age,
      nationality: 'PAK',
      exploitationForms: ['domestic_servitude'],
    })),
    expected: {
      prs_Gender: 'Feminine',
      ext_AgeBand: '18+',
      prs_Citizenship: 'PK',
      ext_YearOfIdentification: '2024',
      vic_TypeOfExploitation: 'Servitude',
      vic_ForcedLabourIndustry: 'T_ActivitiesOfHouseholdsAsEmployers',
      vic_MethodsOfControl: '',
      hte_Country_Recruitment: 'PK',
      hte_Country_Transit: '',
      hte_Country_Exploitation: 'PK',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
      cas_Status: 'Active',
      cas_ReasonForCaseClosure: '',
      ext_ProsecutionOutcome: 'none',
    },
  },
  {
    name: 'E',
    case: {
      firDate: '2024-09-01',
      exploitationForms: ['child_labour'],
      route: route(['origin', 'IND'], ['destination', 'PAK', 'Lahore']),
    },
    victims: [8, 10].map((age) => ({ sex: 'female', age, nationality: 'IND', cnic: '61101-3456789-2' })),
  },
  {
    name: 'F',
    case: { firDate: '2024-10-01', exploitationForms: [], route: [], traffickingType: 'internal' },
    victims: [{ sex: 'transgender' }],
  },
];
const PUBLISHED = 21;
const COARSENED = 10;
const WITHHELD = 3;

describe('HTCDS export of victims', () => {
  let t: TestApp;
  let focal: Agent;
  let analyst: Agent;
  let admin: Agent;
  /** Victim id → its group. */
  const groupOf = new Map<string, string>();
  const ids: string[] = [];
  const refs: string[] = [];
  let firNo = 0;

  async function addCase(body: Record<string, unknown>, family = 'tip'): Promise<string> {
    const fir = `QX${7100 + ++firNo}`;
    refs.push(fir);
    const res = await focal.post('/api/v1/cases', {
      district: 'R.Y. Khan',
      policeStation: STATION,
      firNumber: fir,
      firYear: Number(String(body.firDate).slice(0, 4)),
      offenceFamily: family,
      lawSections: family === 'som' ? ['PSMA-3'] : ['PTPA-3'],
      traffickingType: 'transnational',
      route: route(['origin', 'PAK', 'Rahim Yar Khan'], ['transit', 'IRN'], ['destination', 'OMN']).map((p) =>
        p.kind === 'transit' ? { ...p, place: PLACE } : p,
      ),
      ...body,
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
    return res.body.id as string;
  }

  async function addVictim(caseId: string, body: Record<string, unknown>, group: string): Promise<void> {
    const ref = `VZ-${group}${groupOf.size + 1}-${Math.random().toString(36).slice(2, 7)}`;
    refs.push(ref);
    const res = await focal.post(`/api/v1/cases/${caseId}/victims`, { ref, ...body });
    expect(res.status).toBe(201);
    groupOf.set(res.body.id, group);
    ids.push(res.body.id);
  }

  async function addDefendant(caseId: string, n: number): Promise<string> {
    const ref = `DZ-${n}-${Math.random().toString(36).slice(2, 7)}`;
    refs.push(ref);
    const res = await focal.post(`/api/v1/cases/${caseId}/defendants`, {
      ref,
      name: NAMES[n],
      cnic: CNICS[n].replace(/^(\d{5})(\d{7})(\d)$/, '$1-$2-$3'),
      groupName: `${NAMES[n]} gang`,
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ HTCDS_PSEUDONYM_KEY: KEY, HTCDS_K: String(K), LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    focal = await signIn(t, 'focal_person', 'PK-PB');
    analyst = await signIn(t, 'analyst');
    admin = await signIn(t, 'admin');
    for (const group of GROUPS) {
      const caseId = await addCase(group.case);
      for (const v of group.victims) await addVictim(caseId, v, group.name);
      if (group.name === 'A') await addDefendant(caseId, 0);
      if (group.name === 'B') {
        // B's case goes to court and ends in a conviction
        const defendant = await addDefendant(caseId, 1);
        await addDefendant(caseId, 2);
        await focal.patch(`/api/v1/cases/${caseId}`, {
          status: 'under_trial',
          statusDate: '2024-03-01',
          investigationConcludedOn: '2024-02-20',
        });
        const p = await focal.post(`/api/v1/cases/${caseId}/prosecutions`, {
          defendantId: defendant,
          prosecutionDate: '2024-03-01',
        });
        expect(p.status).toBe(201);
        const c = await focal.put(`/api/v1/cases/${caseId}/prosecutions/${p.body.id}/conviction`, {
          judgmentDate: '2024-06-01',
        });
        expect(c.status).toBeLessThan(300);
        const convicted = await focal.patch(`/api/v1/cases/${caseId}`, {
          status: 'convicted',
          statusDate: '2024-06-01',
        });
        expect(convicted.status).toBe(200);
      }
    }
    // victims the period does not take: identified in 2025 (in a case of 2024), in 2023, in a
    // smuggling case, in a deleted case
    const late = await addCase({ firDate: '2024-12-20' });
    await addVictim(late, { sex: 'female', age: 14, nationality: 'PAK', identifiedOn: '2025-01-05' }, 'X');
    const early = await addCase({ firDate: '2023-12-01' });
    await addVictim(early, { sex: 'female', age: 14, nationality: 'PAK', identifiedOn: '2023-12-30' }, 'X');
    const smuggling = await addCase({ firDate: '2024-04-01' }, 'som');
    await addVictim(smuggling, { sex: 'male', age: 30, nationality: 'PAK' }, 'X');
    const deleted = await addCase({ firDate: '2024-04-01' });
    await addVictim(deleted, { sex: 'male', age: 30, nationality: 'PAK' }, 'X');
    expect((await focal.delete(`/api/v1/cases/${deleted}`)).status).toBeLessThan(300);
  });
  afterAll(() => t.close());

  const pseudonym = (victimId: string) => createHmac('sha256', KEY).update(victimId).digest('hex');

  async function csvExport(who: Agent = analyst, query = PERIOD) {
    const res = await who.get(`/api/v1/exports/htcds?${query}&format=csv`);
    expect(res.status).toBe(200);
    const text = res.text;
    const rows = parse<Row>(text.replace(/^\uFEFF/, ''), { columns: true });
    return { res, text, rows };
  }

  async function xlsxExport() {
    const res = await binary(analyst.get(`/api/v1/exports/htcds?${PERIOD}`));
    expect(res.status).toBe(200);
    const book = await sheets(res.body as Buffer);
    const [header, ...body] = book.Victims as string[][];
    const rows = body.map((r) =>
      Object.fromEntries(header.map((h, i) => [h, r[i] === undefined || r[i] === null ? '' : String(r[i])])),
    );
    return { res, book, rows };
  }

  it('gives each victim identified in the period one row, as its group shows after generalisation', async () => {
    const { res, rows } = await csvExport();
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="tip-htcds-2024-01-01-2024-12-31.csv"');
    expect(rows).toHaveLength(PUBLISHED);
    const victimOf = new Map([...groupOf.keys()].map((id) => [pseudonym(id), id]));
    const shown = new Map<string, number>();
    for (const row of rows) {
      const victim = victimOf.get(row.ext_PseudonymousId);
      expect(victim).toBeDefined();
      const group = GROUPS.find((g) => g.name === groupOf.get(victim!))!;
      shown.set(group.name, (shown.get(group.name) ?? 0) + 1);
      const { ext_PseudonymousId: _id, ...rest } = row;
      expect([group.name, rest]).toEqual([group.name, group.expected]);
    }
    expect(Object.fromEntries(shown)).toEqual({ A: 6, B: 5, C: 3, D: 2, G: 5 });
  });

  it('uses only the standard’s fields and value lists, and the documented values in its own columns', async () => {
    for (const { rows } of [await csvExport(), await xlsxExport()]) {
      for (const column of Object.keys(rows[0])) {
        const event = /^hte_Country_(\w+)$/.exec(column);
        if (event) expect([column, EVENT_TYPES.includes(event[1])]).toEqual([column, true]);
        else if (column.startsWith('ext_')) expect(Object.keys(EXTENSIONS)).toContain(column);
        else expect([column, STANDARD_FIELDS.has(column)]).toEqual([column, true]);
      }
      for (const row of rows) {
        for (const [column, list] of Object.entries(CODED)) {
          const values = row[column] === '' ? [] : row[column].split(';');
          for (const v of values) expect([column, v, CHOICES.get(list)!.has(v)]).toEqual([column, v, true]);
        }
        for (const [column, pattern] of Object.entries(EXTENSIONS))
          expect([column, row[column]]).toEqual([column, expect.stringMatching(pattern)]);
        expect(row.cas_ReasonForCaseClosure).toMatch(CLOSURE_REASONS);
      }
    }
  });

  it('carries no personal value of the fixture: names, CNICs in any writing, refs, FIR numbers, text, ids, dates', async () => {
    const hashes = await t.dataSource.query<Array<{ cnic_hash: string }>>(
      `SELECT cnic_hash FROM victims WHERE cnic_hash IS NOT NULL UNION SELECT cnic_hash FROM defendants WHERE cnic_hash IS NOT NULL`,
    );
    expect(hashes.length).toBeGreaterThanOrEqual(3);
    const { text } = await csvExport();
    const { book } = await xlsxExport();
    const workbookText = JSON.stringify(book);
    for (const output of [text, workbookText]) {
      const lower = output.toLowerCase();
      const digits = output.replace(/\D/g, '');
      for (const name of NAMES)
        for (const part of name.split(' ')) expect([part, lower.includes(part.toLowerCase())]).toEqual([part, false]);
      for (const cnic of [...CNICS, '35202-9876543-1', '61101-3456789-2'].map((c) => c.replace(/\D/g, '')))
        expect([cnic, digits.includes(cnic)]).toEqual([cnic, false]);
      for (const ref of refs) expect([ref, lower.includes(ref.toLowerCase())]).toEqual([ref, false]);
      for (const words of [REMARKS, PLACE, 'Qilaqand', 'HYPERLINK', 'gang'])
        for (const word of words.split(' ').filter((w) => w.length > 4))
          expect([word, lower.includes(word.toLowerCase())]).toEqual([word, false]);
      for (const id of ids) {
        expect([id, lower.includes(id)]).toEqual([id, false]);
        expect([id, lower.includes(id.replace(/-/g, ''))]).toEqual([id, false]);
      }
      for (const { cnic_hash } of hashes) expect(lower.includes(cnic_hash)).toBe(false);
    }
    // the year of identification only: no date in the rows
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('is k-anonymous on the quasi-identifiers, and says how many rows were coarsened and withheld', async () => {
    const { res, rows } = await csvExport();
    const classes = new Map<string, number>();
    for (const row of rows) {
      const key = JSON.stringify(QUASI_IDENTIFIERS.map((q) => row[q]));
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    for (const [key, size] of classes) expect([key, size >= K]).toEqual([key, true]);
    // the fixture's comment works the ladder through by hand
    expect([res.headers['x-htcds-rows'], res.headers['x-htcds-coarsened'], res.headers['x-htcds-withheld']]).toEqual([
      String(PUBLISHED),
      String(COARSENED),
      String(WITHHELD),
    ]);
    expect(res.headers['x-htcds-k']).toBe(String(K));
    // a period without victims: the header row alone, nothing to coarsen or withhold
    const empty = await csvExport(analyst, 'from=2019-01-01&to=2019-12-31');
    expect(empty.rows).toEqual([]);
    expect(empty.text.replace(/^\uFEFF/, '')).toMatch(/^"ext_PseudonymousId","ext_YearOfIdentification",[^\r\n]*\r\n$/);
    expect([
      empty.res.headers['x-htcds-rows'],
      empty.res.headers['x-htcds-coarsened'],
      empty.res.headers['x-htcds-withheld'],
    ]).toEqual(['0', '0', '0']);

    const { book } = await xlsxExport();
    const notes = Object.fromEntries(book.Notes.map(([label, value]) => [label, value]));
    expect([notes['Rows published'], notes['Rows coarsened'], notes['Rows withheld'], notes.k]).toEqual([
      PUBLISHED,
      COARSENED,
      WITHHELD,
      K,
    ]);
    const audit = await t.dataSource.query<Array<{ detail: Record<string, unknown> }>>(
      `SELECT detail FROM audit_events WHERE action = 'export.htcds' AND detail->>'from' = '2024-01-01' AND detail->>'to' = '2024-12-31' ORDER BY id DESC LIMIT 2`,
    );
    expect(audit.map((a) => a.detail)).toEqual(
      expect.arrayContaining([
        {
          format: 'csv',
          from: '2024-01-01',
          to: '2024-12-31',
          rows: PUBLISHED,
          coarsened: COARSENED,
          withheld: WITHHELD,
          k: K,
        },
        {
          format: 'xlsx',
          from: '2024-01-01',
          to: '2024-12-31',
          rows: PUBLISHED,
          coarsened: COARSENED,
          withheld: WITHHELD,
          k: K,
        },
      ]),
    );
  });

  it('gives a victim the same pseudonymous id in every export, never its id, and the same rows in csv and xlsx', async () => {
    const first = (await csvExport()).rows;
    const second = (await csvExport(admin)).rows;
    expect(second).toEqual(first);
    const { rows: fromWorkbook, book } = await xlsxExport();
    expect(fromWorkbook).toEqual(first);
    // the route columns again as the standard's related list of events, one row per country
    const [eventHeader, ...events] = book['Historic Trafficking Events'] as string[][];
    expect(eventHeader).toEqual(['ext_PseudonymousId', 'hte_Type', 'hte_Country']);
    const flattened = first.flatMap((row) =>
      EVENT_TYPES.flatMap((type) =>
        row[`hte_Country_${type}`]
          ? row[`hte_Country_${type}`].split(';').map((c) => [row.ext_PseudonymousId, type, c])
          : [],
      ),
    );
    expect(events).toEqual(flattened);
    expect(events.length).toBeGreaterThan(PUBLISHED);
    // a longer period takes the victim identified in 2025 too; the others keep their ids
    const longer = (await csvExport(analyst, 'from=2024-01-01&to=2025-12-31')).rows.map((r) => r.ext_PseudonymousId);
    for (const row of first) expect(longer).toContain(row.ext_PseudonymousId);
    for (const row of first) {
      expect(ids).not.toContain(row.ext_PseudonymousId);
      expect(ids.map((id) => id.replace(/-/g, ''))).not.toContain(row.ext_PseudonymousId);
    }
  });

  it('writes every csv field quoted, and none that a spreadsheet would run as a formula', async () => {
    const { text, rows } = await csvExport();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(PUBLISHED + 1);
    for (const line of lines) expect(line).toMatch(/^"[^"]*"(,"[^"]*")*$/);
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is for analysts and administrators only, and refuses a period that is not one', async () => {
    for (const role of ['viewer', 'focal_person'] as const) {
      const who = role === 'focal_person' ? focal : await signIn(t, role);
      expectProblem(await who.get(`/api/v1/exports/htcds?${PERIOD}`), 403, 'AUTH.FORBIDDEN');
    }
    expectProblem(
      await analyst.get('/api/v1/exports/htcds?from=2024-12-31&to=2024-01-01'),
      400,
      'STATISTICS.INVALID_PERIOD',
    );
    expectProblem(await analyst.get('/api/v1/exports/htcds?from=2024-01-01'), 400, 'COMMON.VALIDATION_FAILED');
    expectProblem(await analyst.get(`/api/v1/exports/htcds?${PERIOD}&format=pdf`), 400, 'COMMON.VALIDATION_FAILED');
  });
});
