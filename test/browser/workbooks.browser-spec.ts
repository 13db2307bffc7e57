import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp, VIEWPORTS } from 'test/browser/support/browser-app';
import { sheets } from 'test/support/workbook-reader';

const MONTH = '2024-06';
const LIMIT = 3;

/** The monthly workbooks page: analysts generate, a ministry viewer downloads, downloads show in the history. */
describe('monthly workbooks in the browser', () => {
  let b: BrowserApp;
  let analyst: Awaited<ReturnType<BrowserApp['user']>>;
  beforeAll(async () => {
    // demonstration cases over 2023–2025, so that the month has figures to publish
    b = await startBrowserApp({ DEMO: 'true', DEMO_CASES: '150', EXPORT_GENERATIONS_PER_HOUR: String(LIMIT) });
    analyst = await b.user('analyst');
  });
  afterAll(() => b?.close());

  interface Kept {
    id: string;
    month: string;
    audience: string;
    version: number;
    trigger: string;
    generatedBy: string;
    fileName: string;
    sha256: string;
  }
  const kept = () =>
    b.t.dataSource.query<Kept[]>(
      `SELECT id, month, audience, version, trigger, generated_by AS "generatedBy", file_name AS "fileName", sha256
         FROM monthly_exports ORDER BY generated_at`,
    );

  /** The table row of a month's workbook: its row header is the month, its cells say the audience and version. */
  const row = (page: Page, month: string, ...cells: string[]) => {
    let found = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: month }) });
    for (const text of cells) found = found.filter({ hasText: text });
    return found;
  };

  const generate = async (page: Page, audience: 'Ministry' | 'Internal') => {
    await page.getByLabel('Year', { exact: true }).first().selectOption('2024');
    await page.getByLabel('Month', { exact: true }).first().selectOption({ label: 'June' });
    await page
      .getByLabel('For whom', { exact: true })
      .first()
      .selectOption({
        label: audience === 'Ministry' ? 'Ministry: small numbers protected' : 'Internal: exact numbers, NPB only',
      });
    await page.getByRole('button', { name: 'Generate workbook' }).click();
  };

  it('lets an analyst generate a month’s workbooks through the page, lists each version, and says in words when the hourly limit is reached', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, analyst.email, analyst.password, '/workbooks');
    await page.getByRole('heading', { level: 1, name: 'Monthly workbooks' }).waitFor();
    await page.getByText('No workbook has been generated yet.').waitFor();

    await generate(page, 'Ministry');
    await page
      .getByRole('status')
      .filter({ hasText: 'Version 1 of the ministry workbook for June 2024 is ready.' })
      .waitFor({ timeout: 60_000 });
    await row(page, 'June 2024', 'Ministry, version 1 (latest)', `by ${analyst.email}`, 'Not downloaded yet').waitFor();

    await generate(page, 'Internal');
    await page
      .getByRole('status')
      .filter({ hasText: 'Version 1 of the internal workbook for June 2024 is ready.' })
      .waitFor({ timeout: 60_000 });
    await generate(page, 'Ministry');
    await page
      .getByRole('status')
      .filter({ hasText: 'Version 2 of the ministry workbook for June 2024 is ready.' })
      .waitFor({ timeout: 60_000 });
    await row(page, 'June 2024', 'Ministry, version 2 (latest)').waitFor();
    await row(page, 'June 2024', 'Internal (NPB only), version 1 (latest)').waitFor();
    expect(await row(page, 'June 2024').count()).toBe(3);
    expect(await row(page, 'June 2024', 'Ministry', `by ${analyst.email}`).allTextContents()).toEqual([
      expect.stringContaining('Ministry, version 2 (latest)'),
      expect.not.stringContaining('latest'),
    ]);
    expect((await kept()).map((e) => [e.month, e.audience, e.version, e.trigger, e.generatedBy])).toEqual([
      [MONTH, 'ministry', 1, 'on_demand', analyst.id],
      [MONTH, 'internal', 1, 'on_demand', analyst.id],
      [MONTH, 'ministry', 2, 'on_demand', analyst.id],
    ]);

    // the hourly limit: refused in words, nothing kept
    await generate(page, 'Internal');
    await page
      .getByRole('alert')
      .filter({ hasText: 'You have generated as many workbooks as allowed in one hour.' })
      .waitFor({ timeout: 60_000 });
    expect(await kept()).toHaveLength(LIMIT);
    expect(await row(page, 'June 2024').count()).toBe(3);

    // narrowing the list: the choice is in the address, and only the internal version is left
    await page.getByRole('search').getByLabel('For whom').selectOption({ label: 'Internal (NPB only)' });
    await page.waitForURL((url) => url.searchParams.get('audience') === 'internal');
    await page
      .getByRole('status')
      .filter({ hasText: /^1 workbook$/ })
      .waitFor();
    expect(await row(page, 'June 2024').allTextContents()).toEqual([expect.stringContaining('Internal (NPB only)')]);
    await page.getByRole('search').getByLabel('Year').selectOption('2023');
    await page.getByText('No workbook matches these choices.').waitFor();
    // a month of every year: the Junes
    const filters = page.getByRole('search');
    await filters.getByLabel('Year').selectOption({ label: 'All years' });
    await filters.getByLabel('Month').selectOption({ label: 'May' });
    await page.getByText('No workbook matches these choices.').waitFor();
    await filters.getByLabel('Month').selectOption({ label: 'June' });
    await page.waitForURL((url) => url.searchParams.get('month') === '06' && !url.searchParams.has('year'));
    await row(page, 'June 2024', 'Internal (NPB only), version 1 (latest)').waitFor();
    expect(await row(page, 'June 2024').count()).toBe(1);
    await page.goto('/workbooks');
    await row(page, 'June 2024', 'Ministry, version 2 (latest)').waitFor();
    expect(await checkPage(page, 'workbooks-analyst')).toEqual([]);
    await context.close();
  });

  it('shows a ministry viewer only this page and the ministry versions; the workbook downloaded opens, and the analyst sees who downloaded it', async () => {
    const viewer = await b.user('viewer');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, viewer.email, viewer.password);
    await page.waitForURL((url) => url.pathname === '/workbooks');
    await page.getByRole('heading', { level: 1, name: 'Monthly workbooks' }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('list').getByRole('link').allTextContents()).toEqual(['Monthly workbooks']);

    // the ministry versions only, without who generated them, and no way to generate one
    const ministry = (await kept()).filter((e) => e.audience === 'ministry');
    await row(page, 'June 2024', 'Version 2 (latest)').waitFor();
    expect(await row(page, 'June 2024').count()).toBe(ministry.length);
    expect(await page.getByRole('table').textContent()).not.toMatch(/Internal|@/);
    expect(await page.getByRole('button', { name: 'Generate workbook' }).count()).toBe(0);
    expect(await page.getByLabel('For whom').count()).toBe(0);
    // what the workbook holds, in plain words
    await page.getByRole('heading', { name: 'What a workbook contains' }).waitFor();
    await page.getByText('totals only: no names and no case records', { exact: false }).waitFor();
    expect(await page.getByRole('term').allTextContents()).toEqual(['<5', 'x', '..', '0']);
    await page.getByRole('definition').filter({ hasText: 'A number from 1 to 4.' }).waitFor();

    const newest = ministry.find((e) => e.version === 2)!;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download June 2024, Ministry, version 2' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tip-monthly-${MONTH}-ministry-v2-demo.xlsx`);
    const bytes = readFileSync(await download.path());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(newest.sha256);
    const workbook = await sheets(bytes);
    expect(Object.keys(workbook)).toEqual([
      'Cover',
      'Summary',
      'Summary by agency',
      'Case status',
      'Victims',
      'Defendants',
      'Exploitation forms',
      'Routes',
      'Trends',
      'Reporting state',
      'Reporting state by unit',
    ]);
    const cover = workbook.Cover.map((r) => r.join(' | '));
    expect(cover).toContain('Trafficking in persons — monthly report, June 2024');
    expect(cover).toContain(`Period | ${MONTH}-01 to ${MONTH}-30`);
    expect(cover).toContain('Audience | Ministries (aggregates only)');
    expect(cover).toContain('Generated by | National Police Bureau');
    expect(JSON.stringify(workbook.Cover)).not.toContain('@');

    // the viewer's own history: when, never who
    const history = row(page, 'June 2024', 'Version 2 (latest)').getByText('Downloaded once');
    await history.waitFor();
    await history.click();
    const viewerList = page.getByRole('list', { name: 'Downloads of June 2024, Ministry, version 2' });
    await viewerList.getByRole('listitem').first().waitFor();
    expect(await viewerList.textContent()).not.toContain('@');
    expect(await checkPage(page, 'workbooks-viewer')).toEqual([]);
    // on a phone the page does not scroll sideways, and each workbook's download is in view
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    const link = await page.getByRole('link', { name: 'Download June 2024, Ministry, version 2' }).boundingBox();
    expect(link!.x + link!.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await page.setViewportSize(VIEWPORTS.laptop);

    for (const path of ['/cases', '/dashboard']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
      expect(await navigation.getByRole('list').getByRole('link').allTextContents()).toEqual(['Monthly workbooks']);
    }
    await context.close();

    const audited = await b.t.dataSource.query(
      `SELECT actor_email FROM audit_events WHERE action = 'export.download' AND entity_id = $1`,
      [newest.id],
    );
    expect(audited).toEqual([{ actor_email: viewer.email }]);

    const staff = await b.newContext();
    const analystPage = await staff.newPage();
    await signInThroughPage(analystPage, analyst.email, analyst.password, '/workbooks');
    const downloaded = row(analystPage, 'June 2024', 'Ministry, version 2 (latest)').getByText('Downloaded once');
    await downloaded.click();
    await analystPage
      .getByRole('list', { name: 'Downloads of June 2024, Ministry, version 2' })
      .getByRole('listitem')
      .filter({ hasText: viewer.email })
      .waitFor();
    // the other versions were not downloaded
    expect(await row(analystPage, 'June 2024', 'Not downloaded yet').count()).toBe(2);
    await staff.close();
  });
});
