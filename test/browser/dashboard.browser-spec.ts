import { readFileSync } from 'node:fs';
import { BrowserContext, Locator, Page } from 'playwright-core';
import type {
  AttritionResponse,
  DemographicsResponse,
  RepeatOffendersResponse,
  RoutesResponse,
  StatisticsSummaryResponse,
  StatusResponse,
  TrendsResponse,
  VulnerabilitiesResponse,
} from 'src/statistics/dto/statistics-response.dto';
import { Agent } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const STEP_TIMEOUT = 180_000;
const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
const PUNJAB_2024 = `/dashboard?from=${PERIOD.from}&to=${PERIOD.to}&jurisdiction=PK-PB`;
/** A CNIC no demo defendant has (theirs begin with 00000): one person in three Punjab cases. */
const REPEAT_CNIC = '35202-7654321-9';

const STATUS_WORDS: Record<string, string> = {
  registered: 'Registered',
  under_investigation: 'Under investigation',
  challan_submitted: 'Challan submitted',
  under_trial: 'Under trial',
  convicted: 'Convicted',
  acquitted: 'Acquitted',
  cancelled: 'Cancelled',
  untraced: 'Untraced',
  transferred: 'Transferred',
  closed_other: 'Closed for another reason',
};
const JURISDICTION_NAMES: Record<string, string> = {
  'PK-PB': 'Punjab',
  'PK-SD': 'Sindh',
  'PK-KP': 'Khyber Pakhtunkhwa',
  'PK-BA': 'Balochistan',
  'PK-IS': 'Islamabad Capital Territory',
  'PK-JK': 'Azad Jammu and Kashmir',
  'PK-GB': 'Gilgit-Baltistan',
};
const SEXES = ['male', 'female', 'transgender', 'unknown'];
const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'];

const numberText = (n: number) => new Intl.NumberFormat('en-PK').format(n);
const numberOf = (text: string) => Number(text.replace(/,/g, ''));
const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** A statistic as the service answers it to this user, for these parameters. */
async function statistic<T>(agent: Agent, name: string, params: Record<string, string | number>): Promise<T> {
  const res = await agent.get(`/api/v1/statistics/${name}?${query(params)}`);
  expect(res.status).toBe(200);
  return res.body as T;
}

function panel(page: Page, name: string | RegExp): Locator {
  return page.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });
}

/** Shows a chart's table and reads it: each body row's header and cells, as text. */
async function tableOf(region: Locator): Promise<string[][]> {
  const toggle = region.getByRole('button', { name: 'Table', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  const table = region.getByRole('table');
  await table.waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? '')),
    );
}

/** The figures of a summary card, in order (persons before cases). */
async function cardFigures(page: Page, name: string): Promise<number[]> {
  const card = panel(page, name);
  await card.getByRole('definition').first().waitFor();
  return (await card.getByRole('definition').allTextContents()).map(numberOf);
}

async function expectCards(page: Page, summary: StatisticsSummaryResponse): Promise<void> {
  expect(await cardFigures(page, '(a) Cases registered')).toEqual([summary.casesRegistered]);
  expect(await cardFigures(page, '(c) Cases investigated')).toEqual([summary.casesInvestigated]);
  expect(await cardFigures(page, '(d) Prosecuted')).toEqual([summary.prosecutions.persons, summary.prosecutions.cases]);
  expect(await cardFigures(page, '(e) Convicted')).toEqual([summary.convictions.persons, summary.convictions.cases]);
  expect(await cardFigures(page, 'Victims identified')).toEqual([summary.victimsIdentified]);
  expect(await cardFigures(page, 'Suspects')).toEqual([summary.suspects]);
}

/** Waits until the page's cards show these figures (after a change of filters refetches them). */
async function waitForCards(page: Page, summary: StatisticsSummaryResponse): Promise<void> {
  const card = panel(page, '(a) Cases registered');
  await card
    .getByRole('definition')
    .filter({ hasText: new RegExp(`^${numberText(summary.casesRegistered)}$`) })
    .waitFor();
  await expectCards(page, summary);
}

/** Person counts by sex × age band, computed here from the demographics rows. */
function pyramidRows(rows: Array<{ sex: string; ageBand: string; count: number }>): number[][] {
  return AGE_BANDS.map((band) => {
    const bySex = SEXES.map((sex) =>
      rows.filter((r) => r.sex === sex && r.ageBand === band).reduce((n, r) => n + r.count, 0),
    );
    return [...bySex, bySex.reduce((a, b) => a + b, 0)];
  });
}

function nationalityTotals(rows: Array<{ nationality: string; count: number }>): number[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.nationality, (totals.get(r.nationality) ?? 0) + r.count);
  return [...totals.values()].sort((a, b) => b - a);
}

/**
 * Moves the mouse down a chart at a fraction of its width until its tooltip reads `wanted`;
 * where it stood, and the tooltip's text.
 */
async function hoverUntil(
  page: Page,
  chart: Locator,
  xFraction: number,
  wanted: RegExp,
): Promise<{ x: number; y: number; text: string }> {
  await chart.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const box = (await chart.boundingBox())!;
  const x = box.x + box.width * xFraction;
  for (let y = box.y + 6; y < box.y + box.height - 6; y += 3) {
    await page.mouse.move(x, y);
    await page.waitForTimeout(40);
    // the tooltip is the chart's element beside its canvas, shown while the mouse is on an item
    const text = await chart.evaluate((element) =>
      Array.from(element.children)
        .filter((child) => !child.querySelector('canvas') && getComputedStyle(child).display !== 'none')
        .filter((child) => getComputedStyle(child).visibility !== 'hidden' && getComputedStyle(child).opacity !== '0')
        .map((child) => child.textContent?.trim() ?? '')
        .join(''),
    );
    if (wanted.test(text)) return { x, y, text };
  }
  throw new Error(`no item of the chart reads ${String(wanted)}`);
}

const abroad = (code: string) => code !== 'unknown' && code !== 'PAK' && !code.startsWith('PK-');

/** The analysts' dashboard in Chromium, against a demo data set and a few cases added through the API. */
describe('dashboard', () => {
  let b: BrowserApp;
  let analyst: Agent & { password: string };
  let punjab: Agent & { password: string };
  let analystContext: BrowserContext;
  let page: Page;
  const punjab2024 = { ...PERIOD, jurisdiction: 'PK-PB', offenceFamily: 'tip' };

  beforeAll(async () => {
    b = await startBrowserApp({ DEMO: 'true', DEMO_CASES: '200' });
    analyst = await b.user('analyst');
    punjab = await b.user('focal_person', 'PK-PB');
    // one defendant in three Punjab cases of 2024: a repeat offender
    for (const [i, firDate] of ['2024-02-10', '2024-05-20', '2024-09-03'].entries()) {
      const created = await punjab.post('/api/v1/cases', caseBody({ firNumber: `R-${i}`, firDate }));
      expect(created.status).toBe(201);
      const defendant = await punjab.post(`/api/v1/cases/${created.body.id}/defendants`, {
        ref: 'D1',
        cnic: REPEAT_CNIC,
        sex: 'male',
      });
      expect(defendant.status).toBe(201);
    }
    analystContext = await b.newContext();
    page = await analystContext.newPage();
    await signInThroughPage(page, analyst.email, analyst.password, PUNJAB_2024);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await analystContext?.close();
    await b?.close();
  });

  it(
    'shows every Rule 42 card as the summary answers it for the period and province, with the change on the year before',
    async () => {
      const summary = await statistic<StatisticsSummaryResponse>(analyst, 'summary', punjab2024);
      const before = await statistic<StatisticsSummaryResponse>(analyst, 'summary', {
        ...punjab2024,
        from: '2023-01-01',
        to: '2023-12-31',
      });
      expect(summary.casesRegistered).toBeGreaterThan(0);
      await expectCards(page, summary);

      const registered = panel(page, '(a) Cases registered');
      const diff = summary.casesRegistered - before.casesRegistered;
      const change =
        diff > 0
          ? `Cases: ${numberText(diff)} more than the previous period (${numberText(before.casesRegistered)}`
          : diff < 0
            ? `Cases: ${numberText(-diff)} fewer than the previous period (${numberText(before.casesRegistered)}`
            : `Cases: the same as the previous period (${numberText(before.casesRegistered)})`;
      await registered.getByRole('listitem').filter({ hasText: change }).waitFor();
      await page.getByText('Changes are against 01 Jan 2023 to 31 Dec 2023').waitFor();

      // the counting rule is behind a button a keyboard opens and closes
      const info = registered.getByRole('button', { name: 'How it is counted' });
      const rule = registered.getByText('Cases whose FIR date falls in the period.');
      expect(await rule.isVisible()).toBe(false);
      await info.focus();
      await page.keyboard.press('Enter');
      await rule.waitFor();
      expect(await info.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Space');
      await rule.waitFor({ state: 'hidden' });

      expect(await checkPage(page, 'dashboard-analyst')).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    "shows in each chart's table exactly its endpoint's numbers",
    async () => {
      const status = await statistic<StatusResponse>(analyst, 'status', punjab2024);
      const statusRows = await tableOf(panel(page, '(f) Status of cases'));
      expect(statusRows).toEqual(
        Object.entries(STATUS_WORDS).map(([code, words]) => [
          words,
          numberText(status.total[code as keyof StatusResponse['total']]),
        ]),
      );
      // the whole country's panel by province is not shown for one province
      expect(await panel(page, 'Cases by province or region').count()).toBe(0);

      const trend = await statistic<TrendsResponse>(analyst, 'trends', {
        ...punjab2024,
        metric: 'casesRegistered',
        interval: 'month',
        groupBy: 'none',
      });
      expect(await tableOf(panel(page, 'Trend: Cases registered'))).toEqual(
        trend.series[0].points.map((p) => [p.period, numberText(p.value)]),
      );

      const routes = await statistic<RoutesResponse>(analyst, 'routes', { ...punjab2024, level: 'country', limit: 25 });
      const flowNumbers = routes.flows.map((f) => [numberText(f.cases), numberText(f.victims)]);
      // the Sankey's legs: origin, transit (or none) and destination, the leg's two stages named
      expect(routes.legs.some((l) => l.leg === 'origin-transit')).toBe(true);
      const sankeyRows = await tableOf(panel(page, 'From where to where'));
      expect(sankeyRows.map((r) => r[3])).toEqual(routes.legs.map((l) => numberText(l.cases)));
      expect(
        sankeyRows.map((r, i) => {
          const leg = routes.legs[i];
          const transit = leg.leg === 'origin-transit' ? leg.to : leg.from;
          return [
            leg.leg === 'transit-destination' ? r[0] === '—' : r[0] !== '—',
            leg.leg === 'origin-destination'
              ? r[1] === 'none (direct)'
              : (transit === 'IRN') === (r[1] === 'Islamic Republic of Iran'),
            leg.leg === 'origin-transit' ? r[2] === '—' : r[2] !== '—',
          ];
        }),
      ).toEqual(routes.legs.map(() => [true, true, true]));
      expect(
        sankeyRows.filter((_, i) => routes.legs[i].leg === 'origin-transit' && routes.legs[i].from === 'PAK'),
      ).toContainEqual(expect.arrayContaining(['Pakistan']));
      const topRoutes = panel(page, 'Top routes').getByRole('table');
      const topRows = await topRoutes
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())));
      expect(topRows.map((r) => r.slice(1))).toEqual(flowNumbers);
      expect((await tableOf(panel(page, 'Transit places'))).map((r) => r[1])).toEqual(
        routes.transits.map((p) => numberText(p.cases)),
      );

      const map = await statistic<RoutesResponse>(analyst, 'routes', {
        ...punjab2024,
        level: 'jurisdiction',
        limit: 100,
      });
      const crossBorder = map.flows.filter((f) => abroad(f.origin) || abroad(f.destination));
      expect(crossBorder.length).toBeGreaterThan(0);
      const mapRows = await tableOf(panel(page, 'Cross-border flows'));
      expect(mapRows.map((r) => r.slice(2))).toEqual(
        crossBorder.map((f) => [numberText(f.cases), numberText(f.victims)]),
      );
      // Pakistan's side by province where the route names a district
      expect(mapRows.some((r) => r[0] === 'Punjab' || r[1] === 'Punjab')).toBe(true);

      for (const population of ['victims', 'defendants']) {
        const people = await statistic<DemographicsResponse>(analyst, 'demographics', {
          ...punjab2024,
          population,
          scope: 'prosecuted',
        });
        const Population = population === 'victims' ? 'Victims' : 'Defendants';
        const pyramid = await tableOf(panel(page, `${Population} by sex and age`));
        expect(pyramid.map((r) => r.slice(1).map(numberOf))).toEqual(pyramidRows(people.rows));
        const nationality = await tableOf(panel(page, `${Population} by nationality`));
        expect(nationality.map((r) => numberOf(r[1]))).toEqual(nationalityTotals(people.rows));
      }

      const attrition = await statistic<AttritionResponse>(analyst, 'attrition', punjab2024);
      const stages = await tableOf(panel(page, 'What became of the cases registered'));
      expect(stages.map((r) => [r[0], numberOf(r[1])])).toEqual([
        ['Registered', attrition.registered],
        ['Challan submitted', attrition.challanSubmitted],
        ['Prosecuted', attrition.prosecuted],
        ['Convicted', attrition.convicted],
      ]);

      const vulnerable = await statistic<VulnerabilitiesResponse>(analyst, 'vulnerabilities', punjab2024);
      const labels = new Map<string, string>(
        (await analyst.get('/api/v1/reference/code-lists')).body.vulnerability.map(
          (i: { code: string; label: string }) => [i.code, i.label],
        ),
      );
      const expected = new Map<string, number[]>();
      for (const r of vulnerable.rows) {
        const counts = expected.get(labels.get(r.vulnerability)!) ?? [0, 0, 0, 0];
        counts[['child', 'adult', 'unknown'].indexOf(r.ageGroup)] += r.count;
        counts[3] += r.count;
        expected.set(labels.get(r.vulnerability)!, counts);
      }
      const vulnerabilityRows = await tableOf(panel(page, 'Vulnerabilities of the victims identified'));
      expect(new Map(vulnerabilityRows.map((r) => [r[0], r.slice(1).map(numberOf)]))).toEqual(expected);
      expect(await tableOf(panel(page, 'Districts where most victims live'))).toEqual(
        vulnerable.hotspots.map((h) => [h.districtName, JURISDICTION_NAMES[h.jurisdiction], numberText(h.victims)]),
      );

      const repeat = await statistic<RepeatOffendersResponse>(analyst, 'repeat-offenders', punjab2024);
      expect(repeat.offenders).toEqual([expect.objectContaining({ cases: 3, jurisdictions: 1 })]);
      expect(await tableOf(panel(page, 'Repeat offenders by number of cases'))).toEqual([
        ['3 cases each', '1', '0', '1'],
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    'asks for each statistic once when the page is opened, all before its charts are drawn',
    async () => {
      const asked: string[] = [];
      const record = (r: { url: () => string }) => {
        if (r.url().includes('/api/v1/statistics/')) asked.push(r.url());
      };
      page.on('request', record);
      try {
        await page.goto('about:blank');
        await page.goto(PUNJAB_2024);
        await page.waitForFunction(() => {
          const charts = [...document.querySelectorAll('main .chart[role="img"]')];
          return charts.length > 0 && charts.every((c) => c.getAttribute('data-drawn') === 'true');
        });
        await page.waitForTimeout(300);
      } finally {
        page.off('request', record);
      }
      // summary and the year before, status, trend, two routes, two demographics, attrition, vulnerabilities, repeat offenders
      expect(asked.length).toBe(11);
      expect(new Set(asked).size).toBe(asked.length);
    },
    STEP_TIMEOUT,
  );

  it(
    'keeps the filters and chart choices in the address: reloading restores the view, back restores the one before',
    async () => {
      const all = await statistic<StatisticsSummaryResponse>(analyst, 'summary', {
        ...punjab2024,
        offenceFamily: 'all',
      });
      const tip = await statistic<StatisticsSummaryResponse>(analyst, 'summary', punjab2024);
      await page.getByLabel('Offence').selectOption({ label: 'All offences' });
      await page.waitForURL(/offenceFamily=all/);
      expect(new URL(page.url()).searchParams.get('jurisdiction')).toBe('PK-PB');
      await waitForCards(page, all);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(await page.getByLabel('Offence').inputValue()).toBe('all');
      expect(await page.getByLabel('Province or region').inputValue()).toBe('PK-PB');
      await waitForCards(page, all);

      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('offenceFamily'));
      expect(await page.getByLabel('Offence').inputValue()).toBe('tip');
      await waitForCards(page, tip);

      // a chart's choices too
      const trend = panel(page, /^Trend:/);
      await trend.getByLabel('Figure', { exact: true }).selectOption({ label: 'Persons prosecuted' });
      await trend.getByLabel('Per', { exact: true }).selectOption({ label: 'Quarter' });
      await page.waitForURL(/metric=prosecutions.*interval=quarter/);
      const prosecutions = await statistic<TrendsResponse>(analyst, 'trends', {
        ...punjab2024,
        metric: 'prosecutions',
        interval: 'quarter',
        groupBy: 'none',
      });
      await panel(page, 'Trend: Persons prosecuted').waitFor();
      expect(await tableOf(panel(page, 'Trend: Persons prosecuted'))).toEqual(
        prosecutions.series[0].points.map((p) => [p.period, numberText(p.value)]),
      );
      await page.goBack();
      await page.goBack();
      await panel(page, 'Trend: Cases registered').waitFor();
      expect(new URL(page.url()).search).toBe(`?from=${PERIOD.from}&to=${PERIOD.to}&jurisdiction=PK-PB`);
    },
    STEP_TIMEOUT,
  );

  it(
    'downloads a chart as PNG and its numbers as CSV, the CSV holding the table',
    async () => {
      const status = panel(page, '(f) Status of cases');
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        status.getByRole('button', { name: 'Download PNG' }).click(),
      ]);
      expect(png.suggestedFilename()).toBe(`tip-dashboard-${PERIOD.from}-${PERIOD.to}-status.png`);
      expect(readFileSync(await png.path()).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        status.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe(`tip-dashboard-${PERIOD.from}-${PERIOD.to}-status.csv`);
      const lines = readFileSync(await csv.path(), 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe('Status,Cases');
      const table = await tableOf(status);
      expect(lines.slice(1).map((l) => l.split(','))).toEqual(table.map(([words, n]) => [words, String(numberOf(n))]));
    },
    STEP_TIMEOUT,
  );

  it(
    'leads from a card, a table number and a chart to the case list of exactly those cases',
    async () => {
      // the list's count line reads the figure clicked
      const summary = await statistic<StatisticsSummaryResponse>(analyst, 'summary', punjab2024);
      const found = (n: number) => (n === 1 ? '1 case found' : `${numberText(n)} cases found`);
      const listReads = (n: number) =>
        page
          .getByRole('status')
          .filter({ hasText: new RegExp(`^${found(n)}`) })
          .waitFor();
      await panel(page, '(a) Cases registered').getByRole('link', { name: 'List these cases' }).click();
      await page.waitForURL(/\/cases\?/);
      await listReads(summary.casesRegistered);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'registered',
        ...PERIOD,
        jurisdiction: 'PK-PB',
        offenceFamily: 'tip',
      });
      await page.goBack();

      const statusPanel = panel(page, '(f) Status of cases');
      await tableOf(statusPanel);
      await statusPanel
        .getByRole('row', { name: /Under trial/ })
        .getByRole('link')
        .click();
      await page.waitForURL(/\/cases\?/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'status',
        to: PERIOD.to,
        jurisdiction: 'PK-PB',
        offenceFamily: 'tip',
        status: 'under_trial',
      });
      const underTrial = await analyst.get(`/api/v1/statistics/status?${query(punjab2024)}`).expect(200);
      await listReads((underTrial.body.total as Record<string, number>).under_trial);
      await page.goBack();

      // the funnel's widest stage (registered) is across the top of its chart
      const funnel = panel(page, 'What became of the cases registered').getByRole('img');
      await funnel.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      const box = (await funnel.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + 30);
      await page.waitForURL(/\/cases\?/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'registered',
        ...PERIOD,
        jurisdiction: 'PK-PB',
        offenceFamily: 'tip',
      });
      await page.goBack();
    },
    STEP_TIMEOUT,
  );

  it(
    'opens, from the convicted card, a residence district and a route, a case list whose count is the figure clicked',
    async () => {
      const summary = await statistic<StatisticsSummaryResponse>(analyst, 'summary', punjab2024);
      const countReads = (text: string) =>
        page
          .getByRole('status')
          .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
          .waitFor();
      const cases = (n: number) => (n === 1 ? '1 case' : `${numberText(n)} cases`);
      await page.goto(PUNJAB_2024);

      // (e): the cases with a conviction judged in the period, and the persons convicted in them
      await panel(page, '(e) Convicted').getByRole('link', { name: 'List these cases' }).click();
      await page.waitForURL(/basis=convicted/);
      await countReads(
        `${cases(summary.convictions.cases)} found · ${numberText(summary.convictions.persons)} persons convicted in them`,
      );
      await page.goBack();

      // the district where most victims live: its victims are counted among the cases listed
      const vulnerable = await statistic<VulnerabilitiesResponse>(analyst, 'vulnerabilities', punjab2024);
      const top = vulnerable.hotspots[0];
      const hotspots = panel(page, 'Districts where most victims live');
      await hotspots.getByRole('button', { name: 'Table' }).click();
      await hotspots
        .getByRole('row', { name: new RegExp(top.districtName) })
        .getByRole('link')
        .click();
      await page.waitForURL(/residenceDistrict=/);
      await page
        .getByRole('status')
        .filter({ hasText: `found · ${numberText(top.victims)} victims counted among them` })
        .waitFor();
      await page.goBack();

      // the first of the top routes: its cases
      const routes = await statistic<RoutesResponse>(analyst, 'routes', { ...punjab2024, level: 'country', limit: 25 });
      const topRoutes = panel(page, 'Top routes').getByRole('table');
      await topRoutes.locator('tbody tr').first().getByRole('link').first().click();
      await page.waitForURL(/origin=/);
      await countReads(`${cases(routes.flows[0].cases)} found`);
      await page.goBack();

      // a leg origin → transit clicked on the Sankey: the cases of that leg
      const sankey = panel(page, 'From where to where').getByRole('img');
      const found = await hoverUntil(page, sankey, 0.25, / \(transit\): [\d,]+$/);
      const [, fromName, transitName, figure] = /^(.+) → (.+) \(transit\): ([\d,]+)$/.exec(found.text)!;
      await page.mouse.click(found.x, found.y);
      await page.waitForURL(/transit=/);
      const drilled = Object.fromEntries(new URL(page.url()).searchParams);
      const leg = routes.legs.find(
        (l) => l.leg === 'origin-transit' && l.from === drilled.origin && l.to === drilled.transit,
      );
      expect([fromName, transitName, leg && numberText(leg.cases)]).toEqual([
        drilled.origin === 'PAK' ? 'Pakistan' : fromName,
        drilled.transit === 'IRN' ? 'Islamic Republic of Iran' : transitName,
        figure,
      ]);
      expect(drilled).toEqual({
        basis: 'registered',
        ...punjab2024,
        routeLevel: 'country',
        origin: leg!.from,
        transit: leg!.to,
      });
      await countReads(`${cases(numberOf(figure))} found`);
      await page.goBack();

      // a leg transit → destination from the table: the cases of that leg
      const onward = routes.legs.find((l) => l.leg === 'transit-destination')!;
      const sankeyPanel = panel(page, 'From where to where');
      const rows = await tableOf(sankeyPanel);
      const row = routes.legs.indexOf(onward);
      expect(rows[row][3]).toBe(numberText(onward.cases));
      await sankeyPanel.locator('tbody tr').nth(row).getByRole('link').click();
      await page.waitForURL(/destination=/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'registered',
        ...punjab2024,
        routeLevel: 'country',
        transit: onward.from,
        destination: onward.to,
      });
      await countReads(`${cases(onward.cases)} found`);
      await page.goBack();
    },
    STEP_TIMEOUT,
  );

  it(
    'opens, from a bar of a trend grouped by sex, the cases of those victims, counting them as the bar does',
    async () => {
      await page.goto(`${PUNJAB_2024}&metric=victims&interval=year&groupBy=sex&trendChart=bars`);
      const trend = await statistic<TrendsResponse>(analyst, 'trends', {
        ...punjab2024,
        metric: 'victims',
        interval: 'year',
        groupBy: 'sex',
      });
      expect(trend.series.length).toBeGreaterThan(1);
      const bars = panel(page, 'Trend: Victims identified').getByRole('img');
      await bars.waitFor();
      const found = await hoverUntil(page, bars, 0.5, /2024\s*[\d,]+$/);
      await page.mouse.click(found.x, found.y);
      await page.waitForURL(/sex=/);
      const drilled = Object.fromEntries(new URL(page.url()).searchParams);
      const series = trend.series.find((x) => x.key === drilled.sex)!;
      const figure = series.points[0].value;
      expect(found.text.replace(/\s/g, '')).toContain(`2024${numberText(figure)}`);
      expect(drilled).toEqual({ basis: 'victims', ...punjab2024, sex: series.key });
      const listed = await analyst.get(`/api/v1/cases?${query(drilled)}`).expect(200);
      expect(listed.body.victimCount).toBe(figure);
      const cases = listed.body.total === 1 ? '1 case' : `${numberText(listed.body.total as number)} cases`;
      await page
        .getByRole('status')
        .filter({ hasText: `${cases} found · ${numberText(figure)} victims counted among them` })
        .waitFor();
      await page.goBack();
    },
    STEP_TIMEOUT,
  );

  it(
    "shows a focal person only their jurisdiction's figures, even when the address names another",
    async () => {
      const context = await b.newContext();
      const focal = await context.newPage();
      try {
        await signInThroughPage(
          focal,
          punjab.email,
          punjab.password,
          `/dashboard?from=${PERIOD.from}&to=${PERIOD.to}&jurisdiction=PK-SD`,
        );
        await focal.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
        await focal.waitForURL((url) => !url.search.includes('jurisdiction'));
        const own = await statistic<StatisticsSummaryResponse>(punjab, 'summary', { ...PERIOD, offenceFamily: 'tip' });
        // the Punjab Police's cases: the FIA's cases in Punjab are not the focal person's
        const asAnalystSees = await statistic<StatisticsSummaryResponse>(analyst, 'summary', {
          ...punjab2024,
          reportingUnit: 'POLICE-PK-PB',
        });
        const national = await statistic<StatisticsSummaryResponse>(analyst, 'summary', {
          ...PERIOD,
          offenceFamily: 'tip',
        });
        expect(own.casesRegistered).toBe(asAnalystSees.casesRegistered);
        expect(own.casesRegistered).toBeLessThan(national.casesRegistered);
        await waitForCards(focal, own);

        const filters = focal.getByRole('search', { name: 'Dashboard filters' });
        expect(await filters.getByRole('combobox', { name: 'Province or region' }).count()).toBe(0);
        await filters.getByText('Punjab', { exact: true }).waitFor();
        // repeat offenders are for NPB's analysts only
        expect(await focal.getByRole('heading', { name: 'Repeat offenders' }).count()).toBe(0);
        const status = await statistic<StatusResponse>(punjab, 'status', { ...PERIOD, offenceFamily: 'tip' });
        expect((await tableOf(panel(focal, '(f) Status of cases'))).map((r) => numberOf(r[1]))).toEqual(
          Object.keys(STATUS_WORDS).map((code) => status.total[code as keyof StatusResponse['total']]),
        );
        expect(await checkPage(focal, 'dashboard-focal-person')).toEqual([]);
      } finally {
        await context.close();
      }
    },
    STEP_TIMEOUT,
  );
});
