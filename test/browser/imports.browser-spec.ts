import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import {
  CORRECTED_COUNTS,
  correctedWorkbook,
  workbookWithProblems,
} from 'test/browser/fixtures/imports/upload-workbooks';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';
import { sheets } from 'test/support/workbook-reader';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Small enough that a test can send a file over it; every workbook of these tests is far below it. */
const UPLOAD_MAX_BYTES = 256 * 1024;
const SHEET_ORDER = ['Cases', 'Victims', 'Defendants', 'Prosecutions'];
const COUNTED = ['cases', 'victims', 'defendants', 'prosecutions'] as const;

interface ApiProblem {
  sheet: string;
  row: number;
  column: string | null;
  code: string;
  message: string;
}

/** How each kind of problem planted here is named on the page. */
const KIND_NAMES: Record<string, string> = {
  'IMPORT.UNKNOWN_CODE': 'Value not in the list',
  'IMPORT.INVALID_AGE': 'Age not valid',
  'IMPORT.UNKNOWN_COUNTRY': 'Country not recognised',
  'IMPORT.INVALID_CNIC': 'CNIC not valid',
};

/** The cells of each body row of a table (group headings left out), as the reader sees them. */
async function bodyRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows
        .filter((row) => row.querySelector('td'))
        .map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

/** A problem as the table shows it: sheet, row, column, what is wrong. */
const asShown = (p: ApiProblem) => [p.sheet, String(p.row), p.column ?? '—', p.message];

/** The upload's id, from the link to it in the history. */
async function uploadId(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'Open this upload in the history' }).getAttribute('href');
  const id = /^\/imports\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
  if (!id) throw new Error(`no upload link: ${href}`);
  return id;
}

async function download(page: Page, link: Locator): Promise<Buffer> {
  const started = page.waitForEvent('download');
  await link.click();
  const file = await started;
  return readFile(await file.path());
}

describe('uploading a workbook and the import history, in the browser', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
  });
  afterAll(() => b?.close());

  const caseCount = async (): Promise<number> =>
    (await b.t.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n;

  it('checks a workbook, lists every problem to sort, filter, group and download marked, then saves the corrected file and finds it in the history', async () => {
    const focal = await b.user('focal_person', 'PK-PB');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, focal.email, focal.password, '/upload');
    await page.getByRole('heading', { level: 1, name: 'Upload cases' }).waitFor();
    expect(await checkPage(page, 'upload-empty')).toEqual([]);

    // the template: an xlsx workbook with the four sheets
    const template = await download(page, page.getByRole('link', { name: 'Download the template (Excel)' }));
    expect(template.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(Object.keys(await sheets(template))).toEqual(expect.arrayContaining(SHEET_ORDER));

    // a workbook with problems in three sheets, sent over a slow connection: the bytes sent, then the check
    const { file: withProblems, planted } = await workbookWithProblems();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: withProblems.length / 2,
    });
    await page
      .getByLabel('Choose file')
      .setInputFiles({ name: 'punjab-cases.xlsx', mimeType: XLSX, buffer: withProblems });
    await page.getByRole('progressbar', { name: /^Sending the file: \d+%$/ }).waitFor();
    await page.getByRole('progressbar', { name: /^Checking the file/ }).waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.getByRole('alert').filter({ hasText: 'so nothing was saved' }).waitFor();
    expect(await caseCount()).toBe(0);

    const rejectedId = await uploadId(page);
    const rejected = (await focal.get(`/api/v1/imports/${rejectedId}`).expect(200)).body as {
      status: string;
      errorCount: number;
      errors: ApiProblem[];
    };
    expect(rejected.status).toBe('rejected');
    // every planted problem is among those the service found, in the three sheets
    expect(rejected.errors.map(({ sheet, row, column, code }) => ({ sheet, row, column, code }))).toEqual(
      expect.arrayContaining(planted),
    );
    await page
      .getByRole('alert')
      .filter({ hasText: `The file has ${rejected.errorCount} problems, so nothing was saved.` })
      .waitFor();

    // every problem listed, in the workbook's order (sheet, then row)
    const table = page.getByRole('table', { name: 'Problems found in the file' });
    const inWorkbookOrder = [...rejected.errors].sort(
      (a, b) => SHEET_ORDER.indexOf(a.sheet) - SHEET_ORDER.indexOf(b.sheet) || a.row - b.row,
    );
    expect(await bodyRows(table)).toEqual(inWorkbookOrder.map(asShown));
    expect(await checkPage(page, 'upload-problems')).toEqual([]);

    // sorted by row, then the other way, then by column
    const header = (name: string) => table.getByRole('columnheader', { name });
    await header('Row').getByRole('button').click();
    expect(await header('Row').getAttribute('aria-sort')).toBe('ascending');
    const byRow = (await bodyRows(table)).map((r) => Number(r[1]));
    expect(byRow).toEqual(rejected.errors.map((p) => p.row).sort((a, b) => a - b));
    await header('Row').getByRole('button').click();
    expect(await header('Row').getAttribute('aria-sort')).toBe('descending');
    expect((await bodyRows(table)).map((r) => Number(r[1]))).toEqual([...byRow].reverse());
    await header('Column').getByRole('button').click();
    expect(await header('Column').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Row').getAttribute('aria-sort')).toBeNull();
    const byColumn = (await bodyRows(table)).map((r) => r[2]);
    expect(byColumn).toEqual([...byColumn].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(byColumn.sort()).toEqual(rejected.errors.map((p) => p.column ?? '—').sort());

    // filtered by sheet, by kind and by words
    const sheetFilter = page.getByLabel('Sheet', { exact: true });
    const kindFilter = page.getByLabel('Kind of problem', { exact: true });
    const victims = rejected.errors.filter((p) => p.sheet === 'Victims');
    await sheetFilter.selectOption({ label: `Victims (${victims.length})` });
    expect((await bodyRows(table)).map((r) => r.join('|')).sort()).toEqual(
      victims.map((p) => asShown(p).join('|')).sort(),
    );
    const ages = rejected.errors.filter((p) => p.code === 'IMPORT.INVALID_AGE');
    expect(ages).toHaveLength(2);
    await kindFilter.selectOption({ label: `Age not valid (2)` });
    expect((await bodyRows(table)).map((r) => r.join('|')).sort()).toEqual(
      ages.map((p) => asShown(p).join('|')).sort(),
    );
    await page.getByText('Showing 2 of 2 problems').waitFor();
    await sheetFilter.selectOption({ label: 'All' });
    await kindFilter.selectOption({ label: 'All' });
    await page.getByLabel('Search the problems').fill('cnic');
    expect(await bodyRows(table)).toEqual(
      rejected.errors.filter((p) => /cnic/i.test(`${p.column} ${p.message}`)).map(asShown),
    );
    await page.getByLabel('Search the problems').fill('');

    // grouped by kind, the largest group first, each with its count
    await page.getByLabel('Group by kind of problem').check();
    const kinds = new Map<string, number>();
    for (const p of rejected.errors) kinds.set(p.code, (kinds.get(p.code) ?? 0) + 1);
    const headings = await table.getByRole('rowheader').allTextContents();
    expect(headings.sort()).toEqual([...kinds].map(([code, n]) => `${KIND_NAMES[code] ?? code}: ${n}`).sort());
    expect(headings[0]).toBe('Age not valid: 2');
    expect((await bodyRows(table)).length).toBe(rejected.errors.length);

    // the workbook back with an Errors column, the planted problems in their rows
    const report = await download(
      page,
      page.getByRole('link', { name: 'Download your workbook with the problems marked (Excel)' }),
    );
    expect(report.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const marked = await sheets(report);
    for (const p of planted) {
      const rows = marked[p.sheet];
      const headerRow = rows[0].map(String);
      expect([p.sheet, headerRow[headerRow.length - 1]]).toEqual([p.sheet, 'Errors']);
      expect([p.sheet, p.row, String(rows[p.row - 1][headerRow.indexOf('Errors')])]).toEqual([
        p.sheet,
        p.row,
        expect.stringContaining(p.code),
      ]);
    }

    // the same upload opened from the history shows its problems again, and its marked workbook
    const detail = await context.newPage();
    await detail.goto(`/imports/${rejectedId}`);
    await detail.getByRole('heading', { level: 1, name: 'Upload of punjab-cases.xlsx' }).waitFor();
    const detailTable = detail.getByRole('table', { name: 'Problems found in the file' });
    expect(await bodyRows(detailTable)).toEqual(inWorkbookOrder.map(asShown));
    await detail
      .getByRole('alert')
      .filter({ hasText: `The file has ${rejected.errorCount} problems` })
      .waitFor();
    const again = await download(
      detail,
      detail.getByRole('link', { name: 'Download your workbook with the problems marked (Excel)' }),
    );
    expect(await sheets(again)).toEqual(marked);
    expect(await checkPage(detail, 'import-detail-rejected')).toEqual([]);
    await detail.close();

    // the corrected file is checked clean and offered for saving …
    const corrected = await correctedWorkbook();
    const choose = (name: string, buffer: Buffer) =>
      page.getByLabel('Choose file').setInputFiles({ name, mimeType: XLSX, buffer });
    const clean = page.getByRole('status').filter({ hasText: 'The file has no problems.' });
    const save = page.getByRole('button', { name: 'Save the cases' });
    await choose('punjab-cases-corrected.xlsx', corrected);
    await clean.waitFor();
    await save.waitFor();
    // … until another file is chosen
    await choose('punjab-cases.xlsx', withProblems);
    await page.getByRole('alert').filter({ hasText: 'so nothing was saved' }).waitFor();
    expect(await save.count()).toBe(0);
    // dragged onto the page and dropped this time
    const dataTransfer = await page.evaluateHandle(
      ({ name, bytes, type }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
        return transfer;
      },
      { name: 'punjab-cases-corrected.xlsx', bytes: [...corrected], type: XLSX },
    );
    await page.getByText('Or drag the file here and drop it.').dispatchEvent('dragover', { dataTransfer });
    await page.getByText('Drop the file to check it.').dispatchEvent('drop', { dataTransfer });
    await page.getByText('Chosen file: punjab-cases-corrected.xlsx').waitFor();
    await clean.waitFor();
    const counts = page.getByRole('table', { name: /sheet by sheet/ });
    const expectedCounts = COUNTED.map((k, i) => [
      SHEET_ORDER[i],
      ...[CORRECTED_COUNTS[k].created, CORRECTED_COUNTS[k].updated, CORRECTED_COUNTS[k].unchanged].map(String),
    ]);
    const countRows = async () =>
      counts
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
        );
    expect(await countRows()).toEqual(expectedCounts);
    const checkedId = await uploadId(page);
    expect(await caseCount()).toBe(0);

    // saved: the same file again, without the check
    await save.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved. The cases in this file are now in the database.' })
      .waitFor();
    expect(await countRows()).toEqual(expectedCounts);
    const committedId = await uploadId(page);
    expect(committedId).not.toBe(checkedId);
    const committed = (await focal.get(`/api/v1/imports/${committedId}`).expect(200)).body;
    expect(committed).toMatchObject({ status: 'committed', dryRun: false, counts: CORRECTED_COUNTS });
    const checked = (await focal.get(`/api/v1/imports/${checkedId}`).expect(200)).body;
    expect(committed.fileSha256).toBe(checked.fileSha256);
    // the cases exist, as many as the file has
    const cases = await focal.get('/api/v1/cases?pageSize=100').expect(200);
    expect(cases.body.total).toBe(CORRECTED_COUNTS.cases.created);
    expect(await caseCount()).toBe(CORRECTED_COUNTS.cases.created);
    expect(await checkPage(page, 'upload-committed')).toEqual([]);

    // and the list of cases shows them, each FIR number the service holds
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const list = page.getByRole('table', { name: 'Cases found' });
    await list.waitFor();
    for (const c of cases.body.items as Array<{ firNumber: string }>) {
      await list.getByRole('row').filter({ hasText: c.firNumber }).first().waitFor();
    }
    expect(await list.locator('tbody tr').count()).toBe(CORRECTED_COUNTS.cases.created);

    // the history: every upload of this person, newest first, as the service lists them
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import history' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import history' }).waitFor();
    const history = (await focal.get('/api/v1/imports').expect(200)).body as {
      total: number;
      items: Array<{
        id: string;
        fileName: string;
        uploadedBy: string;
        uploadedAt: string;
        dryRun: boolean;
        status: string;
        errorCount: number;
        counts: { cases: { created: number; updated: number } } | null;
      }>;
    };
    expect(history.total).toBe(5);
    expect(history.items[0].id).toBe(committedId);
    const karachi = new Intl.DateTimeFormat('en-GB', {
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Karachi',
    });
    const statusWords: Record<string, string> = {
      committed: 'Saved',
      validated: 'Checked: no problems',
      rejected: 'Problems found, nothing saved',
    };
    const historyTable = page.getByRole('table', { name: 'Uploaded files' });
    await historyTable.waitFor();
    expect(await bodyRows(historyTable)).toEqual(
      history.items.map((item) => [
        karachi.format(new Date(item.uploadedAt)),
        item.fileName,
        focal.email,
        item.dryRun ? 'Check only' : 'Save',
        statusWords[item.status],
        item.counts ? String(item.counts.cases.created) : '—',
        item.counts ? String(item.counts.cases.updated) : '—',
        String(item.errorCount),
      ]),
    );
    expect(history.items.map((i) => i.fileName)).toEqual([
      'punjab-cases-corrected.xlsx',
      'punjab-cases-corrected.xlsx',
      'punjab-cases.xlsx',
      'punjab-cases-corrected.xlsx',
      'punjab-cases.xlsx',
    ]);
    expect(await checkPage(page, 'imports-history')).toEqual([]);

    // the saved upload opened again: the same counts
    await historyTable
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Save', exact: true }) })
      .getByRole('link')
      .click();
    await page.waitForURL((url) => url.pathname === `/imports/${committedId}`);
    await page.getByRole('heading', { level: 1, name: 'Upload of punjab-cases-corrected.xlsx' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await countRows()).toEqual(expectedCounts);
    expect(await checkPage(page, 'import-detail')).toEqual([]);

    // the first, rejected one: every problem again; its file is no longer kept once a later upload was saved
    await page.getByRole('link', { name: 'Back to the import history' }).click();
    await historyTable.getByRole('link').last().click();
    await page.waitForURL((url) => url.pathname === `/imports/${rejectedId}`);
    await table.waitFor();
    expect(await bodyRows(table)).toEqual(inWorkbookOrder.map(asShown));
    expect((await focal.get(`/api/v1/imports/${rejectedId}`).expect(200)).body.filePurgedAt).not.toBeNull();
    await page.getByText('The file is no longer kept').waitFor();
    expect(await page.getByRole('link', { name: /problems marked/ }).count()).toBe(0);
    await context.close();
  });

  it('refuses an old .xls, a text file named .xlsx and a file over the size limit in words, writing nothing', async () => {
    const focal = await b.user('focal_person', 'PK-PB');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, focal.email, focal.password, '/upload');
    const before = await caseCount();
    const batches = async () =>
      (
        await b.t.dataSource.query(
          `SELECT status, count(*)::int AS n FROM import_batches WHERE user_id = $1 GROUP BY status`,
          [focal.id],
        )
      ).reduce((all: Record<string, number>, r: { status: string; n: number }) => ({ ...all, [r.status]: r.n }), {});
    const choose = (name: string, buffer: Buffer, mimeType = XLSX) =>
      page.getByLabel('Choose file').setInputFiles({ name, mimeType, buffer });

    const xls = await readFile(
      join(__dirname, '..', 'fixtures', 'imports', 'producers', 'refused', 'excel-97-2003.xls'),
    );
    await choose('cases-2003.xls', xls, 'application/vnd.ms-excel');
    await page
      .getByRole('alert')
      .filter({
        hasText: 'This is an old-style Excel workbook (.xls). Open it in Excel or LibreOffice Calc, choose "Save as"',
      })
      .waitFor();
    expect(await batches()).toEqual({});

    await choose('cases.xlsx', Buffer.from('District,FIR No\nLahore,12\n'), XLSX);
    await page.getByRole('alert').filter({ hasText: 'The file has 1 problem, so nothing was saved.' }).waitFor();
    const table = page.getByRole('table', { name: 'Problems found in the file' });
    expect(await bodyRows(table)).toEqual([
      ['Whole file', '—', '—', expect.stringContaining('This file is not an Excel workbook: it holds plain text')],
    ]);
    expect(await page.getByRole('button', { name: 'Save the cases' }).count()).toBe(0);

    await choose('everything.xlsx', Buffer.alloc(UPLOAD_MAX_BYTES + 1024, 'a'), XLSX);
    await page.getByRole('alert').filter({ hasText: 'The file is too large to upload.' }).waitFor();
    expect(await page.getByRole('table', { name: 'Problems found in the file' }).count()).toBe(0);

    expect(await batches()).toEqual({ rejected: 1 });
    expect(await caseCount()).toBe(before);
    await context.close();
  });
});
