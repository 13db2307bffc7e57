import { BrowserContext, Locator, Page } from 'playwright-core';
import type { DemographicsResponse, VulnerabilitiesResponse } from 'src/statistics/dto/statistics-response.dto';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const STEP_TIMEOUT = 180_000;
const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
const PUNJAB_2024 = `/dashboard?from=${PERIOD.from}&to=${PERIOD.to}&jurisdiction=PK-PB`;
const SEXES = ['male', 'female', 'transgender', 'unknown'];
const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'];
const AGE_GROUPS = ['child', 'adult', 'unknown'];

const numberText = (n: number) => new Intl.NumberFormat('en-PK').format(n);
const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function statistic<T>(agent: Agent, name: string, params: Record<string, string | number>): Promise<T> {
  const res = await agent.get(`/api/v1/statistics/${name}?${query(params)}`);
  expect(res.status).toBe(200);
  return res.body as T;
}

function panel(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** Shows a chart's table and returns its body rows. */
async function tableRows(region: Locator): Promise<Locator> {
  const toggle = region.getByRole('button', { name: 'Table', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  const table = region.getByRole('table');
  await table.waitFor();
  return table.locator('tbody tr');
}

/** The person charts of the dashboard drill down to the case list of the persons counted. */
describe('dashboard person figures', () => {
  let b: BrowserApp;
  let analyst: Agent & { password: string };
  let context: BrowserContext;
  let page: Page;
  const punjab2024 = { ...PERIOD, jurisdiction: 'PK-PB', offenceFamily: 'tip' };

  beforeAll(async () => {
    b = await startBrowserApp({ DEMO: 'true', DEMO_CASES: '200' });
    analyst = await b.user('analyst');
    context = await b.newContext();
    page = await context.newPage();
    await signInThroughPage(page, analyst.email, analyst.password, PUNJAB_2024);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await context?.close();
    await b?.close();
  });

  /** The number of cases the list answers for the address the page is at. */
  const casesListed = async () => {
    const res = await analyst.get(`/api/v1/cases${new URL(page.url()).search}`);
    expect(res.status).toBe(200);
    return res.body.total as number;
  };
  const cases = (n: number) => (n === 1 ? '1 case' : `${numberText(n)} cases`);
  const countReads = (text: string) =>
    page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${escaped(text)}`) })
      .waitFor();

  it(
    "opens from a pyramid's number the cases of those victims, counting them as the figure does",
    async () => {
      const people = await statistic<DemographicsResponse>(analyst, 'demographics', {
        ...punjab2024,
        population: 'victims',
        scope: 'prosecuted',
      });
      // the largest sex × age cell
      const cells = SEXES.flatMap((sex) =>
        AGE_BANDS.map((ageBand) => ({
          sex,
          ageBand,
          count: people.rows.filter((r) => r.sex === sex && r.ageBand === ageBand).reduce((n, r) => n + r.count, 0),
        })),
      ).sort((a, b) => b.count - a.count);
      const cell = cells[0];
      expect(cell.count).toBeGreaterThan(0);

      const rows = await tableRows(panel(page, 'Victims by sex and age'));
      const number = rows.nth(AGE_BANDS.indexOf(cell.ageBand)).locator('td').nth(SEXES.indexOf(cell.sex));
      await number.getByRole('link', { name: numberText(cell.count), exact: true }).click();
      await page.waitForURL(/population=victims/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'prosecuted',
        ...punjab2024,
        population: 'victims',
        scope: 'prosecuted',
        sex: cell.sex,
        ageBand: cell.ageBand,
      });
      const total = await casesListed();
      await countReads(`${cases(total)} found · ${numberText(cell.count)} victims counted among them`);
      const chips = page.getByRole('list', { name: 'Cases shown' });
      await chips.getByText('Counting their victims').waitFor();
      await chips.getByText(/^Sex: /).waitFor();
      expect(await checkPage(page, 'cases-drill-persons')).toEqual([]);
      await page.goBack();
    },
    STEP_TIMEOUT,
  );

  it(
    "opens from a nationality's number the cases of those defendants, counting them as the figure does",
    async () => {
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const people = await statistic<DemographicsResponse>(analyst, 'demographics', {
        ...punjab2024,
        population: 'defendants',
        scope: 'prosecuted',
      });
      const totals = new Map<string, number>();
      for (const r of people.rows) totals.set(r.nationality, (totals.get(r.nationality) ?? 0) + r.count);
      const [top] = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      expect(top[1]).toBeGreaterThan(0);
      const rows = await tableRows(panel(page, 'Defendants by nationality'));
      await rows
        .first()
        .getByRole('link', { name: numberText(top[1]), exact: true })
        .click();
      await page.waitForURL(/population=defendants/);
      expect(new URL(page.url()).searchParams.get('nationality')).toBe(top[0]);
      const total = await casesListed();
      await countReads(`${cases(total)} found · ${numberText(top[1])} defendants counted among them`);
      await page.goBack();
    },
    STEP_TIMEOUT,
  );

  it(
    "opens from a vulnerability's number the cases of those victims, counting them as the figure does",
    async () => {
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const vulnerable = await statistic<VulnerabilitiesResponse>(analyst, 'vulnerabilities', punjab2024);
      const labels = new Map<string, string>(
        (await analyst.get('/api/v1/reference/code-lists')).body.vulnerability.map(
          (i: { code: string; label: string }) => [i.code, i.label],
        ),
      );
      // the largest vulnerability × age group
      const figures = new Map<string, number>();
      for (const r of vulnerable.rows) {
        const key = `${r.vulnerability}|${r.ageGroup}`;
        figures.set(key, (figures.get(key) ?? 0) + r.count);
      }
      const [key, figure] = [...figures].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      const [vulnerability, ageGroup] = key.split('|');
      expect(figure).toBeGreaterThan(0);

      const rows = await tableRows(panel(page, 'Vulnerabilities of the victims identified'));
      const row = rows.filter({ has: page.getByRole('rowheader', { name: labels.get(vulnerability), exact: true }) });
      await row
        .locator('td')
        .nth(AGE_GROUPS.indexOf(ageGroup))
        .getByRole('link', { name: numberText(figure), exact: true })
        .click();
      await page.waitForURL(/vulnerability=/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        basis: 'victims',
        ...punjab2024,
        vulnerability,
        ageGroup,
      });
      const total = await casesListed();
      await countReads(`${cases(total)} found · ${numberText(figure)} victims counted among them`);
      await page
        .getByRole('list', { name: 'Cases shown' })
        .getByText(`Victims identified in the period with this vulnerability: ${labels.get(vulnerability)}`)
        .waitFor();
      expect(await checkPage(page, 'cases-drill-vulnerability')).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
