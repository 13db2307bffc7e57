import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { Agent } from 'test/support/agent';
import { buildCases, insertCases } from 'test/support/statistics-fixture';
import { BrowserApp, checkPage, startBrowserApp } from 'test/browser/support/browser-app';

const YEAR = 2023;

interface Checks {
  exportable: boolean;
  provisional: boolean;
  checks: Array<{ code: string; severity: string; message: string }>;
}

/**
 * International reporting in the browser: an analyst picks a year, reads the checks the
 * service answers, and downloads the GLOTIP and UNTOC files the service makes; a planted
 * inconsistency blocks the files on the page as in the service; other roles have no such page.
 */
describe('international reporting in the browser', () => {
  let b: BrowserApp;
  let analyst: Agent & { password: string };
  let focal: Agent & { password: string };

  const checksOf = async (): Promise<Checks> =>
    (await analyst.get(`/api/v1/exports/glotip/checks?year=${YEAR}`)).body as Checks;
  /** A file as the service answers it to the analyst, byte for byte. */
  const bytes = (url: string) =>
    analyst
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const openYear = async (): Promise<Page> => {
    const page = await b.signedIn(analyst, '/international');
    await page.getByRole('heading', { level: 1, name: 'International reporting' }).waitFor();
    await page.getByLabel('Year').selectOption(String(YEAR));
    await page.getByRole('heading', { level: 2, name: `Checks of ${YEAR}` }).waitFor();
    return page;
  };

  beforeAll(async () => {
    b = await startBrowserApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    const districts: Array<{ code: string; jurisdiction: string }> = await b.t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts',
    );
    await insertCases(b.t.dataSource, buildCases(districts, 300, 11));
    analyst = await b.user('analyst');
    focal = await b.user('focal_person', 'PK-PB');
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it("shows the year's checks as the service answers them and downloads the files it makes", async () => {
    const checks = await checksOf();
    expect(checks.exportable).toBe(true);
    const page = await openYear();
    await page.getByRole('status').filter({ hasText: 'No hard finding' }).waitFor();
    // no month of the year is approved: the files are provisional, and the page says so
    expect(checks.provisional).toBe(true);
    await page.getByText(/^Provisional: some months of this year are not approved/).waitFor();
    // every finding but the provisional months (in the box above) is a row, in the service's order
    const listed = checks.checks.filter((c) => c.code !== 'PROVISIONAL_MONTHS');
    const findings = page.getByRole('region', { name: `Checks of ${YEAR}` }).locator('tbody tr');
    expect(await findings.count()).toBe(listed.length);
    for (const [i, c] of listed.entries()) expect(await findings.nth(i).textContent()).toContain(c.message);
    // no month approved by any unit: one line for the whole year
    await page.getByText(/^January 2023 – December 2023: not approved by FIA, POLICE-PK-BA/).waitFor();
    expect(await checkPage(page, 'international')).toEqual([]);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download GLOTIP (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^glotip-PAK-${YEAR}.*\\.csv$`));
    expect(readFileSync(await csv.path())).toEqual(
      (await bytes(`/api/v1/exports/glotip?year=${YEAR}&format=csv`)).body,
    );
    await page.getByText('GLOTIP (CSV) downloaded.').waitFor();

    const [untoc] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download UNTOC tables (Excel)' }).click(),
    ]);
    expect(untoc.suggestedFilename()).toMatch(new RegExp(`^untoc-PAK-${YEAR}.*\\.xlsx$`));
    expect(
      readFileSync(await untoc.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // the year's victims in HTCDS: the file the service makes, and what its k-anonymity check did, in words
    const [htcds] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download HTCDS (CSV)' }).click(),
    ]);
    const service = await bytes(`/api/v1/exports/htcds?from=${YEAR}-01-01&to=${YEAR}-12-31&format=csv`);
    expect(readFileSync(await htcds.path())).toEqual(service.body);
    const [rows, coarsened, withheld, k] = ['rows', 'coarsened', 'withheld', 'k'].map((h) =>
      Number(service.headers[`x-htcds-${h}`]),
    );
    expect(rows).toBeGreaterThan(0);
    await page
      .getByText(
        `HTCDS downloaded: ${rows} victim record(s), ${coarsened} coarsened and ${withheld} withheld so that each combination is shared by at least ${k}.`,
      )
      .waitFor();
  });

  it('blocks the files when a hard check fails, naming the figure and why', async () => {
    // a judgment corrected round the case rules to a date before its prosecution began
    const [conviction]: Array<{ id: string }> = await b.t.dataSource.query(
      `SELECT conviction.id FROM convictions conviction
         JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
         JOIN cases tip_case ON tip_case.id = prosecution.case_id AND tip_case.offence_family = 'tip' AND tip_case.deleted_at IS NULL
        WHERE prosecution.prosecution_date BETWEEN '${YEAR}-02-01' AND '${YEAR}-12-31'
          AND conviction.judgment_date <= '${YEAR}-12-31' LIMIT 1`,
    );
    expect(conviction).toBeDefined();
    await b.t.dataSource.query(
      `UPDATE convictions SET judgment_date = (SELECT prosecution_date - 1 FROM prosecutions WHERE id = prosecution_id)
        WHERE id = $1`,
      [conviction.id],
    );
    const checks = await checksOf();
    const hard = checks.checks.filter((c) => c.severity === 'hard');
    expect(hard.length).toBeGreaterThan(0);

    const page = await openYear();
    await page
      .getByRole('status')
      .filter({ hasText: `${hard.length} hard finding(s)` })
      .waitFor();
    const rows = page.getByRole('region', { name: `Checks of ${YEAR}` }).locator('tbody tr');
    for (const [i, c] of hard.entries()) {
      expect(await rows.nth(i).textContent()).toContain('Hard (blocks the files)');
      expect(await rows.nth(i).textContent()).toContain(c.message);
    }
    for (const name of ['Download GLOTIP (CSV)', 'Download GLOTIP (Excel)', 'Download UNTOC tables (Excel)'])
      expect(await page.getByRole('button', { name }).isDisabled()).toBe(true);
    expect(await checkPage(page, 'international-blocked')).toEqual([]);
  });

  it('is not a page for a focal person', async () => {
    const page = await b.signedIn(focal, '/international');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.getByRole('link', { name: 'International reporting' }).count()).toBe(0);
  });
});
