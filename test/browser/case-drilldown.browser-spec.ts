import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Page } from 'playwright-core';
import { Agent } from 'test/support/agent';
import { buildCases, FCase, insertCases } from 'test/support/statistics-fixture';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
/** Attock, Punjab (an OCHA P-code of the reference seed). */
const ATTOCK = 'PK601';

const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** The line saying how many cases are listed (and, for persons or victims, how many of those). */
const countLine = (page: Page) => page.getByRole('status').filter({ hasText: /found/ });
/** Waits for the count line to read exactly `text` at its start (`5 cases found` is not `15 cases found`). */
const countReads = (page: Page, text: string) =>
  countLine(page)
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .waitFor();
const casesText = (n: number) => (n === 1 ? '1 case' : `${n} cases`);
/** The chips of the drill-down, as their words. */
const chips = (page: Page) => page.getByRole('list', { name: 'Cases shown' }).getByRole('listitem').allTextContents();

/**
 * The case list opened from a figure of the dashboard, in Chromium: the number of cases shown is
 * the figure (read from the statistics through the API), the drill-down reads as chips that can
 * be removed, and the export of those cases downloads with its progress shown.
 */
describe('the case list drilled down from a figure, in the browser', () => {
  let b: BrowserApp;
  let analyst: Agent & { password: string };
  let page: Page;

  beforeAll(async () => {
    b = await startBrowserApp();
    const districts: Array<{ code: string; jurisdiction: string }> = await b.t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts',
    );
    const kase = (c: Partial<FCase> & { firDate: string }): FCase => ({
      id: randomUUID(),
      jurisdiction: 'PK-PB',
      district: ATTOCK,
      family: 'tip',
      forms: ['sexual_exploitation'],
      traffickingType: 'transnational',
      concludedOn: null,
      events: [{ to: 'registered', date: c.firDate }],
      deleted: false,
      victims: [],
      defendants: [],
      route: [],
      ...c,
    });
    const convicted = (judged: string) => ({
      id: randomUUID(),
      ref: 'D1',
      sex: 'male' as const,
      age: 35,
      nationality: 'PAK',
      cnicHash: null,
      prosecution: { id: randomUUID(), date: '2023-09-01', outcome: 'convicted' as const, outcomeDate: judged },
    });
    const victim = (ref: string) => ({
      id: randomUUID(),
      ref,
      sex: 'female' as const,
      age: 16,
      nationality: 'PAK',
      identifiedOn: '2024-04-02',
      vulnerabilities: [],
      residence: ATTOCK,
    });
    // cases sure to be behind each figure opened below, among many of every kind
    const sure = [
      kase({
        firDate: '2023-05-01',
        concludedOn: '2023-08-01',
        events: [
          { to: 'registered', date: '2023-05-01' },
          { to: 'challan_submitted', date: '2023-08-01' },
          { to: 'convicted', date: '2024-03-10' },
        ],
        defendants: [convicted('2024-03-10')],
      }),
      kase({
        firDate: '2024-04-01',
        events: [
          { to: 'registered', date: '2024-04-01' },
          { to: 'under_investigation', date: '2024-04-05' },
        ],
        victims: [victim('V1'), victim('V2')],
        route: [
          { kind: 'origin', country: 'PAK', district: ATTOCK },
          { kind: 'destination', country: 'SAU', district: null },
        ],
      }),
    ];
    await insertCases(b.t.dataSource, [...sure, ...buildCases(districts, 250, 5)]);
    analyst = await b.user('analyst');
    const context = await b.newContext();
    page = await context.newPage();
    await signInThroughPage(page, analyst.email, analyst.password, '/cases');
  });
  afterAll(() => b?.close());

  const statistics = async (path: string, params: Record<string, string | number>) => {
    const res = await analyst.get(`/api/v1/statistics/${path}?${query(params)}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('shows as many cases with a conviction as the summary counts, the drill-down in words', async () => {
    const filters = { ...PERIOD, jurisdiction: 'PK-PB', offenceFamily: 'tip' };
    const summary = await statistics('summary', filters);
    expect(summary.convictions.cases).toBeGreaterThan(0);
    await page.goto(`/cases?${query({ ...filters, basis: 'convicted' })}`);
    await countReads(
      page,
      `${casesText(summary.convictions.cases)} found · ${summary.convictions.persons} persons convicted in them`,
    );
    expect(await chips(page)).toEqual([
      'Cases with a conviction judged between 01 Jan 2024 and 31 Dec 2024×',
      'Punjab×',
      'Trafficking in persons×',
    ]);
    expect(await checkPage(page, 'cases-drilldown')).toEqual([]);

    // removing a chip widens the list to what remains, in the address too
    const punjabChip = page
      .getByRole('list', { name: 'Cases shown' })
      .getByRole('listitem')
      .filter({ hasText: 'Punjab' });
    const remove = punjabChip.getByRole('button', { name: 'Remove filter' });
    // a screen reader reads the button with the words of its filter
    expect(
      await remove.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent),
    ).toBe('Punjab');
    await remove.click();
    await page.waitForURL(
      (url) => !url.searchParams.has('jurisdiction') && url.searchParams.get('basis') === 'convicted',
    );
    const national = await statistics('summary', { ...PERIOD, offenceFamily: 'tip' });
    await countReads(page, `${casesText(national.convictions.cases)} found`);
  });

  it('shows the cases of a status on the last day, of a route and of a residence district as their figures count them', async () => {
    const all = { ...PERIOD, offenceFamily: 'all' };
    const summary = await statistics('summary', all);
    const underInvestigation = summary.statusAtEnd.under_investigation as number;
    expect(underInvestigation).toBeGreaterThan(0);
    await page.goto(`/cases?${query({ ...all, basis: 'status', status: 'under_investigation' })}`);
    await countReads(page, `${casesText(underInvestigation)} found`);
    expect(await chips(page)).toEqual([
      'Cases registered by 31 Dec 2024 whose status on that day was: Under investigation×',
    ]);
    // the form leaves the status of the drill-down alone
    expect(await page.getByLabel('Status', { exact: true }).isDisabled()).toBe(true);

    const routes = await statistics('routes', { ...all, level: 'country', limit: 500 });
    const flow = (routes.flows as Array<{ origin: string; destination: string; cases: number }>).find(
      (f) => f.origin === 'PAK' && f.destination === 'SAU',
    )!;
    expect(flow.cases).toBeGreaterThan(0);
    await page.goto(`/cases?${query({ ...all, origin: 'PAK', destination: 'SAU', routeLevel: 'country' })}`);
    await countReads(page, `${casesText(flow.cases)} found`);
    expect(await chips(page)).toEqual([
      'Cases registered (FIR date) between 01 Jan 2024 and 31 Dec 2024×',
      'From Pakistan×',
      'To Saudi Arabia×',
    ]);

    const { hotspots } = await statistics('vulnerabilities', all);
    const attock = (hotspots as Array<{ district: string; victims: number }>).find((h) => h.district === ATTOCK)!;
    const listed = await analyst.get(`/api/v1/cases?${query({ ...all, residenceDistrict: ATTOCK })}`);
    expect(listed.body.victimCount).toBe(attock.victims);
    await page.goto(`/cases?${query({ ...all, residenceDistrict: ATTOCK })}`);
    await countReads(page, `${casesText(listed.body.total)} found · ${attock.victims} victims counted among them`);
    await page.getByText('this list shows their cases').waitFor();
    expect(await chips(page)).toEqual([
      'Cases with a victim identified between 01 Jan 2024 and 31 Dec 2024×',
      'Victims living in Attock×',
    ]);
  });

  it('downloads the export of the cases listed, one row each, with its progress shown and a cancel', async () => {
    const params = { ...PERIOD, basis: 'convicted', offenceFamily: 'all' };
    const listed = await analyst.get(`/api/v1/cases?${query(params)}`);
    const total = listed.body.total as number;
    expect(total).toBeGreaterThan(0);
    // the export answers after a pause, so that the download is seen while it runs
    await page.route('**/api/v1/exports/cases?**', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.fulfill({ response }).catch(() => undefined);
    });
    await page.goto(`/cases?${query(params)}`);
    await countLine(page).filter({ hasText: 'found' }).waitFor();

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export (CSV)' }).click();
    await page.getByRole('progressbar', { name: 'Downloading the export' }).waitFor();
    await page.getByRole('button', { name: 'Cancel the download' }).waitFor();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^tip-cases-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: string[][] = parse(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0][0]).toBe('Case id');
    expect(rows.length - 1).toBe(total);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(
      (await analyst.get(`/api/v1/cases?${query({ ...params, pageSize: 100 })}`)).body.items
        .map((c: { id: string }) => c.id)
        .sort(),
    );
    await page.getByText(/^Saved tip-cases-.*\.csv/).waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);

    await page.getByRole('button', { name: 'Export (Excel)' }).click();
    await page.getByRole('button', { name: 'Cancel the download' }).click();
    await page.getByText('The download was cancelled. Nothing was saved.').waitFor();
    await page.unroute('**/api/v1/exports/cases?**');
  });

  it('offers no export to a focal person, whose list stays their jurisdiction', async () => {
    const punjab = await b.user('focal_person', 'PK-PB');
    const context = await b.newContext();
    const own = await context.newPage();
    const filters = { ...PERIOD, offenceFamily: 'tip' };
    const address = `/cases?${query({ ...filters, basis: 'convicted', jurisdiction: 'PK-SD' })}`;
    await signInThroughPage(own, punjab.email, punjab.password, address);
    const summary = (await punjab.get(`/api/v1/statistics/summary?${query(filters)}`)).body;
    await countReads(own, `${casesText(summary.convictions.cases)} found`);
    expect(await own.getByRole('button', { name: 'Export (CSV)' }).count()).toBe(0);
    await context.close();
  });
});
