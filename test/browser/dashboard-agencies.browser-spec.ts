import { BrowserContext, Locator, Page } from 'playwright-core';
import type { StatisticsSummaryResponse } from 'src/statistics/dto/statistics-response.dto';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const STEP_TIMEOUT = 180_000;
/** The demo's three years: its FIA cases (most of those crossing a border) fall in them. */
const PERIOD = { from: '2023-01-01', to: '2025-12-31' };
const FIA_DASHBOARD = `/dashboard?from=${PERIOD.from}&to=${PERIOD.to}&agency=fia`;
const AGENCY_WORDS = { police: 'Police', fia: 'FIA', other: 'Other agency' } as const;
type AgencyCode = keyof typeof AGENCY_WORDS;

const numberText = (n: number) => new Intl.NumberFormat('en-PK').format(n);
const numberOf = (text: string) => Number(text.replace(/,/g, ''));
const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

async function summaryOf(agent: Agent, params: Record<string, string>): Promise<StatisticsSummaryResponse> {
  const res = await agent.get(`/api/v1/statistics/summary?${query(params)}`);
  expect(res.status).toBe(200);
  return res.body as StatisticsSummaryResponse;
}

function card(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

async function cardFigures(page: Page, name: string): Promise<number[]> {
  const region = card(page, name);
  await region.getByRole('definition').first().waitFor();
  return (await region.getByRole('definition').allTextContents()).map(numberOf);
}

/** A card's by-agency table: each agency's words and its figures, as numbers. */
async function agencyRows(page: Page, name: string): Promise<Array<[string, ...number[]]>> {
  const table = card(page, name).getByRole('table', { name: 'By agency' });
  await table.waitFor();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent?.trim() ?? '')),
    );
  return rows.map(([agency, ...figures]) => [agency, ...figures.map(numberOf)]);
}

/** The analysts' dashboard and case list for one agency, on the demo data set (which has FIA cases). */
describe('dashboard by agency', () => {
  let b: BrowserApp;
  let analyst: Agent & { password: string };
  let context: BrowserContext;
  let page: Page;
  // the dashboard counts trafficking cases unless told otherwise
  const fia = { ...PERIOD, offenceFamily: 'tip', agency: 'fia' };

  beforeAll(async () => {
    b = await startBrowserApp({ DEMO: 'true', DEMO_CASES: '200' });
    analyst = await b.user('analyst');
    context = await b.newContext();
    page = await context.newPage();
    await signInThroughPage(page, analyst.email, analyst.password, FIA_DASHBOARD);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await context?.close();
    await b?.close();
  });

  it(
    "shows every card as the summary answers it for the FIA, and each agency's figures beside it",
    async () => {
      const summary = await summaryOf(analyst, fia);
      expect(summary.casesRegistered).toBeGreaterThan(0);
      await expect(page.getByLabel('Agency', { exact: true }).inputValue()).resolves.toBe('fia');
      await card(page, '(a) Cases registered')
        .getByRole('definition')
        .filter({ hasText: new RegExp(`^${numberText(summary.casesRegistered)}$`) })
        .waitFor();
      expect(await cardFigures(page, '(a) Cases registered')).toEqual([summary.casesRegistered]);
      expect(await cardFigures(page, '(c) Cases investigated')).toEqual([summary.casesInvestigated]);
      expect(await cardFigures(page, '(d) Prosecuted')).toEqual([
        summary.prosecutions.persons,
        summary.prosecutions.cases,
      ]);
      expect(await cardFigures(page, '(e) Convicted')).toEqual([
        summary.convictions.persons,
        summary.convictions.cases,
      ]);
      expect(await cardFigures(page, 'Victims identified')).toEqual([summary.victimsIdentified]);
      expect(await cardFigures(page, 'Suspects')).toEqual([summary.suspects]);

      const of = (agency: AgencyCode) => {
        const found = summary.byAgency.find((a) => a.agency === agency);
        expect(found).toBeDefined();
        return found!;
      };
      const agencies = Object.keys(AGENCY_WORDS) as AgencyCode[];
      const rows = (figures: (a: ReturnType<typeof of>) => number[]) =>
        agencies.map((a) => [AGENCY_WORDS[a], ...figures(of(a))]);
      expect(await agencyRows(page, '(a) Cases registered')).toEqual(rows((a) => [a.casesRegistered]));
      expect(await agencyRows(page, '(c) Cases investigated')).toEqual(rows((a) => [a.casesInvestigated]));
      expect(await agencyRows(page, '(d) Prosecuted')).toEqual(
        rows((a) => [a.prosecutions.persons, a.prosecutions.cases]),
      );
      expect(await agencyRows(page, '(e) Convicted')).toEqual(
        rows((a) => [a.convictions.persons, a.convictions.cases]),
      );
      expect(await agencyRows(page, 'Victims identified')).toEqual(rows((a) => [a.victimsIdentified]));
      expect(await agencyRows(page, 'Suspects')).toEqual(rows((a) => [a.suspects]));
      // with the FIA chosen, the other agencies count nothing and the FIA everything
      expect(of('fia').casesRegistered).toBe(summary.casesRegistered);
      expect(of('police').casesRegistered).toBe(0);

      expect(await checkPage(page, 'dashboard-agency-fia')).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "opens from the registered card's FIA figure the list of exactly those cases, each the FIA's",
    async () => {
      const summary = await summaryOf(analyst, fia);
      const fiaFigure = summary.byAgency.find((a) => a.agency === 'fia')!.casesRegistered;
      expect(fiaFigure).toBeGreaterThan(0);
      const units = await analyst.get('/api/v1/reporting-units');
      expect(units.status).toBe(200);
      const fiaUnits = new Set(
        (units.body as Array<{ name: string; agency: string }>).filter((u) => u.agency === 'fia').map((u) => u.name),
      );

      await card(page, '(a) Cases registered')
        .getByRole('table', { name: 'By agency' })
        .getByRole('row', { name: /^FIA/ })
        .getByRole('link', { name: numberText(fiaFigure), exact: true })
        .click();
      await page.waitForURL(/\/cases\?/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'registered',
        ...fia,
      });
      const found = (n: number) => (n === 1 ? '1 case found' : `${numberText(n)} cases found`);
      await page
        .getByRole('status')
        .filter({ hasText: new RegExp(`^${found(fiaFigure)}`) })
        .waitFor();
      await page.getByRole('list', { name: 'Cases shown' }).getByText('Agency: FIA', { exact: true }).waitFor();

      // every case listed is registered by an FIA unit, as its column says
      const table = page.getByRole('table', { name: 'Cases found' });
      const headers = await table.locator('thead th').allTextContents();
      const column = headers.findIndex((h) => h.trim() === 'Reporting unit');
      expect(column).toBeGreaterThanOrEqual(0);
      const shown = await table
        .locator('tbody tr')
        .evaluateAll((trs, i) => trs.map((tr) => tr.children[i]?.textContent?.trim() ?? ''), column);
      expect(shown.length).toBe(Math.min(fiaFigure, 25));
      expect(shown.filter((name) => !fiaUnits.has(name))).toEqual([]);

      // the case itself names its unit
      await table.locator('tbody tr').first().getByRole('link').click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      const unitTerm = page.getByRole('term').filter({ hasText: /^Reporting unit$/ });
      await unitTerm.waitFor();
      const unitName = await unitTerm.locator('xpath=following-sibling::dd[1]').textContent();
      expect(fiaUnits.has(unitName?.trim() ?? '')).toBe(true);
      await page.goBack();
      await page.waitForURL(/\/cases\?/);

      // the list's own agency filter, its chip removed: every agency's cases again
      const all = await analyst.get(`/api/v1/cases?${query({ basis: 'registered', ...PERIOD, offenceFamily: 'tip' })}`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBeGreaterThan(fiaFigure);
      const chips = page.getByRole('list', { name: 'Cases shown' });
      await chips.getByRole('listitem').filter({ hasText: 'Agency: FIA' }).getByRole('button').click();
      await page.waitForURL((url) => !url.search.includes('agency'));
      await page
        .getByRole('status')
        .filter({ hasText: new RegExp(`^${found(all.body.total)}`) })
        .waitFor();
      await page.getByLabel('Agency', { exact: true }).selectOption('fia');
      await page.getByRole('button', { name: 'Show cases' }).click();
      await page.waitForURL(/agency=fia/);
      await page
        .getByRole('status')
        .filter({ hasText: new RegExp(`^${found(fiaFigure)}`) })
        .waitFor();
      expect(await checkPage(page, 'cases-agency-fia')).toEqual([]);
      await page.goto(FIA_DASHBOARD);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    "splits the whole country's figures by agency, adding up to the totals",
    async () => {
      const all = await summaryOf(analyst, { ...PERIOD, offenceFamily: 'tip' });
      await page.getByLabel('Agency', { exact: true }).selectOption('');
      await page.waitForURL((url) => !url.search.includes('agency'));
      await card(page, '(a) Cases registered')
        .getByRole('definition')
        .filter({ hasText: new RegExp(`^${numberText(all.casesRegistered)}$`) })
        .waitFor();
      const registered = await agencyRows(page, '(a) Cases registered');
      const police = all.byAgency.find((a) => a.agency === 'police')!.casesRegistered;
      const fiaCases = all.byAgency.find((a) => a.agency === 'fia')!.casesRegistered;
      expect(police).toBeGreaterThan(0);
      expect(fiaCases).toBeGreaterThan(0);
      expect(registered.slice(0, 2)).toEqual([
        ['Police', police],
        ['FIA', fiaCases],
      ]);
      expect(registered.reduce((sum, [, n]) => sum + n, 0)).toBe(all.casesRegistered);
      expect(await checkPage(page, 'dashboard-agencies-all')).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "gives a focal person no agency or unit to choose: an address naming the FIA still shows their own unit's figures",
    async () => {
      const focal = await b.user('focal_person', 'PK-PB');
      const own = await summaryOf(focal, { ...PERIOD, offenceFamily: 'tip' });
      const focalContext = await b.newContext();
      try {
        const focalPage = await focalContext.newPage();
        await signInThroughPage(focalPage, focal.email, focal.password, FIA_DASHBOARD);
        await focalPage.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
        await focalPage.waitForURL((url) => !url.search.includes('agency'));
        await card(focalPage, '(a) Cases registered')
          .getByRole('definition')
          .filter({ hasText: new RegExp(`^${numberText(own.casesRegistered)}$`) })
          .waitFor();
        expect(await focalPage.getByLabel('Agency', { exact: true }).count()).toBe(0);
        expect(await focalPage.getByLabel('Reporting unit', { exact: true }).count()).toBe(0);
        expect(await agencyRows(focalPage, '(a) Cases registered')).toEqual([
          ['Police', own.casesRegistered],
          ['FIA', 0],
          ['Other agency', 0],
        ]);
      } finally {
        await focalContext.close();
      }
    },
    STEP_TIMEOUT,
  );
});
