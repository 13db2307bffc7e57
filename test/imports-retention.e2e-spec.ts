import { SchedulerRegistry } from '@nestjs/schedule';
import * as ExcelJS from 'exceljs';
import { UploadRetention } from 'src/imports/storage/upload-retention';
import { UploadVault } from 'src/imports/storage/upload-vault';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary, PlainCell } from 'test/support/workbook-reader';

const CNIC = '35202-9876543-1';
const NAME = 'Shahid Rehmatullah';
/** Any 13 digits in a row, however separated: what must never be readable in a report. */
const READABLE_CNIC = /\p{Nd}(?:[\p{Pd}\u2212\p{Zs}.]?\p{Nd}){12}/u;

/** A Defendants CSV that is rejected (its cases are stored nowhere, one district is unknown), holding CNICs written three ways. */
const rejectedCsv = (cnic = CNIC, name = NAME) =>
  Buffer.from(
    'District,Police Station,FIR No,FIR Year,Defendant Ref,Name,CNIC,Group Name\n' +
      `Rahim Yar Khan,PS Saddar,0901,2024,D1,${name},${cnic},ring of 35202 1112223 4\n` +
      'Nowhere At All,PS Saddar,0902,2024,D2,Other Person,3520255566677,\n',
  );

/** Every value of every sheet of a workbook, as text. */
async function cellTexts(xlsx: Buffer): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheets = new Map<string, string[][]>();
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push((row.values as PlainCell[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
    );
    sheets.set(ws.name, rows);
  });
  return sheets;
}

describe('stored uploads: sealed, masked in the report, deleted when no longer needed', () => {
  let t: TestApp;
  let punjab: Agent;
  let sindh: Agent;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
    sindh = await signIn(t, 'focal_person', 'PK-SD');
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  const uploadCsv = async (csv: Buffer, who = punjab) => {
    const res = await who.upload(csv, { sheet: 'Defendants', name: 'defendants.csv' });
    expect([res.status, res.body.status]).toEqual([422, 'rejected']);
    return res.body.id as string;
  };
  const report = (id: string, who = punjab) => binary(who.get(`/api/v1/imports/${id}/report.xlsx`));
  const storedFile = async (id: string): Promise<Buffer | null> =>
    (await t.dataSource.query('SELECT file FROM import_batches WHERE id = $1', [id]))[0].file;

  it('keeps a rejected upload only sealed: neither the CNIC, however written, nor the name is readable in the database', async () => {
    const csv = rejectedCsv();
    const id = await uploadCsv(csv);
    const needles = [CNIC, CNIC.replace(/-/g, ''), '9876543', NAME, 'Rehmatullah', '5556667'];
    const [row] = await t.dataSource.query(
      `SELECT b::text AS whole, encode(b.file, 'escape') AS escaped, encode(b.file, 'hex') AS hex FROM import_batches b WHERE id = $1`,
      [id],
    );
    const audit = (await t.dataSource.query(`SELECT string_agg(a::text, ' ') AS text FROM audit_events a`))[0]
      .text as string;
    for (const needle of needles) {
      const hex = Buffer.from(needle).toString('hex');
      expect(row.whole).not.toContain(needle);
      expect(row.whole.toLowerCase()).not.toContain(hex);
      expect(row.escaped).not.toContain(needle);
      expect(row.hex).not.toContain(hex);
      expect(audit).not.toContain(needle);
    }
    // the file is there, sealed: it opens to exactly what was uploaded
    expect(t.app.get(UploadVault).open(id, (await storedFile(id))!)).toEqual(csv);
  });

  it('reports the rejected rows with every CNIC masked, wherever it is written, and the names kept', async () => {
    const id = await uploadCsv(rejectedCsv());
    const res = await report(id);
    expect(res.status).toBe(200);
    const sheets = await cellTexts(res.body);
    const [header, first, second] = sheets.get('Defendants')!;
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    expect(at(first, 'CNIC')).toBe('35202-*******-1');
    expect(at(first, 'Group Name')).toBe('ring of 35202-*******-4');
    expect(at(second, 'CNIC')).toBe('35202-*******-7');
    expect(at(first, 'Name')).toBe(NAME);
    expect(at(second, 'Errors')).toContain('IMPORT.UNKNOWN_DISTRICT');
    for (const rows of sheets.values()) for (const cell of rows.flat()) expect(cell).not.toMatch(READABLE_CNIC);
  });

  it('masks CNICs of a workbook too, a CNIC typed as a number included, in the Victims and Defendants sheets', async () => {
    const data = goodCase('0903', { Status: 'Teleported' });
    data.Defendants[0].CNIC = 3520298765431;
    data.Victims[1].CNIC = '35202 7654321 9';
    const res = await punjab.upload(await buildWorkbook(data));
    expect([res.status, res.body.status]).toEqual([422, 'rejected']);
    const sheets = await cellTexts((await report(res.body.id)).body);
    const column = (sheet: string, name: string) => {
      const [header, ...rows] = sheets.get(sheet)!;
      return rows.map((r) => r[header.indexOf(name)] ?? '');
    };
    expect(column('Defendants', 'CNIC')).toEqual(['35202-*******-1', '']);
    expect(column('Victims', 'CNIC')).toEqual(['35202-*******-1', '35202-*******-9']);
    expect(column('Defendants', 'Name')).toEqual(['Accused One', '']);
    for (const rows of sheets.values()) for (const cell of rows.flat()) expect(cell).not.toMatch(READABLE_CNIC);
  });

  it('deletes the file once the retention period has passed, and the report then answers that it expired', async () => {
    const days = t.config.uploadRetentionDays;
    const [old, young] = [await uploadCsv(rejectedCsv()), await uploadCsv(rejectedCsv())];
    await t.dataSource.query(
      `UPDATE import_batches SET created_at = now() - make_interval(days => $2, mins => 1) WHERE id = $1`,
      [old, days],
    );
    await t.dataSource.query(
      `UPDATE import_batches SET created_at = now() - make_interval(days => $2) + interval '1 hour' WHERE id = $1`,
      [young, days],
    );

    expect(await t.app.get(UploadRetention).purgeExpired()).toBe(1);
    expect(await storedFile(old)).toBeNull();
    expect(await storedFile(young)).not.toBeNull();
    const expired = await report(old);
    expect(expired.status).toBe(410);
    expect(JSON.parse(expired.body.toString())).toMatchObject({ code: 'IMPORT.REPORT_EXPIRED' });
    const batch = await punjab.get(`/api/v1/imports/${old}`);
    expect(Date.now() - Date.parse(batch.body.filePurgedAt)).toBeLessThan(60_000);
    expect((await report(young)).status).toBe(200);

    // the job as it will run two hours from now
    expect(await t.app.get(UploadRetention).purgeExpired(new Date(Date.now() + 2 * 3_600_000))).toBeGreaterThanOrEqual(
      1,
    );
    expect(await storedFile(young)).toBeNull();
    expect((await report(young)).status).toBe(410);
  });

  it('deletes the earlier rejected files of a jurisdiction when one of its uploads commits, and only those', async () => {
    const punjabRejected = await uploadCsv(rejectedCsv());
    const sindhRejected = await uploadCsv(rejectedCsv(), sindh);
    const nationalRejected = await uploadCsv(rejectedCsv(), admin);
    const file = await buildWorkbook(goodCase('0904'));

    const dry = await punjab.upload(file, { query: '?dryRun=true' });
    expect([dry.status, dry.body.status]).toEqual([200, 'validated']);
    expect(await storedFile(punjabRejected)).not.toBeNull();

    const committed = await punjab.upload(file);
    expect([committed.status, committed.body.status]).toEqual([201, 'committed']);
    expect(await storedFile(punjabRejected)).toBeNull();
    expect((await report(punjabRejected)).status).toBe(410);
    expect(await storedFile(sindhRejected)).not.toBeNull();
    expect(await storedFile(nationalRejected)).not.toBeNull();
    // a committed upload keeps its hash and counts, never its file
    const [stored] = await t.dataSource.query('SELECT file, file_sha256, counts FROM import_batches WHERE id = $1', [
      committed.body.id,
    ]);
    expect(stored).toMatchObject({
      file: null,
      file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      counts: committed.body.counts,
    });

    // a national commit clears the national uploads'
    const national = goodCase('0905');
    national.Cases[0].Jurisdiction = 'PK-PB';
    const nationalCommit = await admin.upload(await buildWorkbook(national));
    expect([nationalCommit.status, nationalCommit.body.errors]).toEqual([201, []]);
    expect(await storedFile(nationalRejected)).toBeNull();
    expect(await storedFile(sindhRejected)).not.toBeNull();
  });

  it('answers an altered or moved file with a clear error, never a report of garbage', async () => {
    const [first, second] = [
      await uploadCsv(rejectedCsv()),
      await uploadCsv(rejectedCsv('35202-1234567-3', 'Someone Else')),
    ];
    const sealed = (await storedFile(first))!;
    await t.dataSource.query(
      'UPDATE import_batches SET file = set_byte(file, $2, get_byte(file, $2) # 1) WHERE id = $1',
      [first, sealed.length - 5],
    );
    // the other batch's file, intact, under this batch's id
    await t.dataSource.query('UPDATE import_batches SET file = $2 WHERE id = $1', [second, sealed]);
    for (const id of [first, second]) {
      const res = await report(id);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = JSON.parse(res.body.toString());
      expect(problem).toMatchObject({
        code: 'IMPORT.REPORT_UNREADABLE',
        detail: expect.stringContaining('integrity check'),
      });
      expect(res.body.toString()).not.toMatch(/35202|Rehmatullah|Someone/);
    }
    // put back where it belongs, the file opens again
    await t.dataSource.query('UPDATE import_batches SET file = $2 WHERE id = $1', [first, sealed]);
    expect((await report(first)).status).toBe(200);
  });

  it('runs the purge every hour when the scheduler is on', async () => {
    const scheduled = await createTestApp({ LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'true' });
    try {
      const job = scheduled.app.get(SchedulerRegistry).getCronJob('upload-retention');
      const next = job.nextDates(2).map((d) => d.toMillis());
      expect(next[1] - next[0]).toBe(3_600_000);
      expect(next[0] - Date.now()).toBeLessThanOrEqual(3_600_000);
    } finally {
      await scheduled.close();
    }
  });
});
