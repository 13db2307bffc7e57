import { Locator, Page } from 'playwright-core';
import { deadlineOf } from 'src/submissions/submission-months';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, startBrowserApp } from 'test/browser/support/browser-app';

const STEP_TIMEOUT = 180_000;
const UNIT = 'POLICE-PK-PB';
/** Registered cases planted in last month besides the convicted one. */
const PLANTED_IN_LAST = 3;

/** `YYYY-MM` of the month `n` months from the current one, in Pakistan time. */
function monthFromNow(n: number): string {
  const today = new Date(Date.now() + 5 * 3600_000);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + n, 1)).toISOString().slice(0, 7);
}
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** `2026-11` as `November 2026`. */
const monthWords = (month: string) => `${MONTH_NAMES[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;
/** A rate as the page should write it: a percentage with one decimal at most, or words when nothing is expected. */
const rateWords = (rate: number | null) =>
  rate === null ? 'none expected' : `${new Intl.NumberFormat('en-PK').format(Math.round(rate * 1000) / 10)}%`;

interface Check {
  code: string;
  message: string;
  caseIds: string[];
}
interface Rates {
  reportingRate: number | null;
  onTimeRate: number | null;
}

/** The cell texts of a table's body rows (the row header first). */
async function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? '')),
    );
}

/**
 * The monthly cycle in the browser: a Punjab focal person submits last month and sees its
 * warnings; an analyst finds it in the completeness grid and returns it; the focal person reads
 * the comment and submits again; the analyst approves; an administrator re-opens it.
 */
describe('monthly submissions in the browser', () => {
  let b: BrowserApp;
  let focal: Agent & { password: string };
  let analyst: Agent & { password: string };
  let admin: Agent & { password: string };
  const last = monthFromNow(-1);
  const from = monthFromNow(-3);
  let convictedId: string;

  const open = (who: Agent & { password: string }, path: string) => b.signedIn(who, path);
  const expectAccessible = async (page: Page, name: string) => expect(await checkPage(page, name)).toEqual([]);

  beforeAll(async () => {
    b = await startBrowserApp({ DEMO: 'true', DEMO_CASES: '150', LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    focal = await b.user('focal_person', 'PK-PB');
    analyst = await b.user('analyst');
    admin = await b.user('admin');
    // last month: four cases where the year before had one a month (an outlier), one of them convicted
    // with no prosecution (as old data would have it)
    const [{ code: district }] = await b.t.dataSource.query(
      `SELECT code FROM districts WHERE jurisdiction_code = 'PK-PB' ORDER BY code LIMIT 1`,
    );
    const plant = (month: string, n: number, status = 'registered') =>
      b.t.dataSource.query(
        `INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, reporting_agency, reporting_unit_code,
                            fir_number, fir_year, fir_date, offence_family, status, status_date, investigation_concluded_on)
         SELECT 'PK-PB', $1, 'PS Test', 'pstest', 'police', $6, $2 || '-' || g, extract(year FROM $3::date)::int,
                $3::date + (g % 20), 'tip', $4::varchar, $3::date + (g % 20) + 1,
                CASE WHEN $4::varchar = 'convicted' THEN $3::date + (g % 20) END
           FROM generate_series(1, $5::int) g RETURNING id`,
        [district, `web${status.slice(0, 3)}${month}`, `${month}-01`, status, n, UNIT],
      );
    for (let i = -13; i <= -2; i++) await plant(monthFromNow(i), 1);
    await plant(last, PLANTED_IN_LAST);
    [{ id: convictedId }] = await plant(last, 1, 'convicted');
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await b?.close();
  });

  it(
    'runs the month through submit, return, resubmit, approval and re-opening, and the grid’s rates are the service’s',
    async () => {
      // the focal person: last month is not submitted; they submit it with a note and see the checks
      const mine = await open(focal, '/');
      await mine.getByRole('navigation').getByRole('link', { name: 'My submissions' }).click();
      await mine.waitForURL(/\/submissions$/);
      await mine.getByRole('heading', { level: 1, name: 'My submissions' }).waitFor();
      const months = mine.getByRole('table', { name: /The last 12 ended months of/ });
      await months
        .getByRole('row')
        .filter({ has: mine.getByRole('rowheader', { name: monthWords(last) }) })
        // nothing submitted: "Not yet due" until its deadline (the 10th of this month) has passed
        .filter({ hasText: Date.now() > deadlineOf(last, 10).getTime() ? 'Not submitted' : 'Not yet due' })
        .waitFor();
      expect(await months.locator('tbody tr').count()).toBe(12);
      const form = mine.getByRole('region', { name: 'Submit a month' });
      expect(await form.getByLabel('Month', { exact: true }).inputValue()).toBe(last);
      await form.getByLabel('Note for the reviewer (optional)').fill('All FIRs of the month entered');
      await form.getByRole('button', { name: 'Submit month' }).click();
      await form
        .getByRole('status')
        .filter({ hasText: `${monthWords(last)} is submitted and waits for review.` })
        .waitFor();

      const [stored] = (
        await analyst.get(`/api/v1/submissions?reportingUnit=${UNIT}&from=${last}&to=${last}`).expect(200)
      ).body as Array<{ id: string; checks: Check[] }>;
      const id = stored.id;
      const checks = form.getByRole('region', { name: 'Checks to look at' });
      expect(stored.checks.map((c) => c.code)).toEqual(
        expect.arrayContaining(['REGISTERED_OUTLIER', 'CONVICTED_WITHOUT_PROSECUTION']),
      );
      for (const check of stored.checks) await checks.getByText(check.message, { exact: true }).waitFor();
      const hrefs = await checks.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(new Set(hrefs)).toEqual(
        new Set(stored.checks.flatMap((c) => c.caseIds.map((caseId) => `/cases/${caseId}`))),
      );
      expect(hrefs).toContain(`/cases/${convictedId}`);
      await months
        .getByRole('row')
        .filter({ has: mine.getByRole('rowheader', { name: monthWords(last) }) })
        .filter({ hasText: 'Submitted, waiting for review' })
        .waitFor();
      await expectAccessible(mine, 'submissions-mine');

      // the analyst: the grid shows the month as submitted; its cell opens the review page
      const grid = await open(analyst, '/');
      await grid.getByRole('navigation').getByRole('link', { name: 'Reporting completeness' }).click();
      await grid.getByRole('heading', { level: 1, name: 'Reporting completeness' }).waitFor();
      await grid.getByLabel('From').fill(from);
      await grid.getByLabel('To', { exact: true }).fill(last);
      await grid.getByRole('button', { name: 'Show' }).click();
      await grid.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === last);
      const completeness = (await analyst.get(`/api/v1/submissions/completeness?from=${from}&to=${last}`).expect(200))
        .body as { units: Array<Rates & { reportingUnit: string; name: string }>; national: Rates };
      const unitName = completeness.units.find((u) => u.reportingUnit === UNIT)!.name;
      const table = grid.getByRole('table', { name: /Units by month/ });
      const punjab = table
        .getByRole('row')
        .filter({ has: grid.getByRole('rowheader', { name: unitName, exact: true }) });
      await punjab.getByRole('link', { name: 'Submitted' }).waitFor();
      await expectAccessible(grid, 'submissions-completeness');
      await punjab.getByRole('link', { name: 'Submitted' }).click();
      await grid.waitForURL(new RegExp(`/submissions/${id}$`));
      await grid.getByRole('heading', { level: 1, name: `${unitName}, ${monthWords(last)}` }).waitFor();
      await grid.getByRole('definition').filter({ hasText: 'All FIRs of the month entered' }).waitFor();
      // the month's own figure first: the four cases planted in it (the demonstration data ends in 2025)
      const figures = grid.getByRole('table', { name: /Figures of/ });
      await figures.getByRole('rowheader', { name: 'Cases registered' }).waitFor();
      const registered = (await rows(figures)).find((r) => r[0] === 'Cases registered')!;
      expect(registered[1]).toBe(String(PLANTED_IN_LAST + 1));
      await grid.getByRole('region', { name: 'Checks to look at' }).getByText(stored.checks[0].message).waitFor();
      await expectAccessible(grid, 'submission-review');

      // returned: the comment is required, then the state and the step say so
      await grid.getByRole('button', { name: 'Return for correction' }).click();
      await grid.getByText('Say what must be corrected (at least 3 characters).').waitFor();
      await grid.getByLabel('What must be corrected').fill('Four cases in one month: check for double entries');
      await grid.getByRole('button', { name: 'Return for correction' }).click();
      await grid.getByRole('status').filter({ hasText: 'The month is returned to the unit.' }).waitFor();
      const status = grid.getByTestId('submission-status');
      await status.filter({ hasText: 'Returned for correction' }).waitFor();
      const steps = grid.getByRole('table', { name: 'Who did what, and when' });
      await steps
        .getByRole('row')
        .filter({ hasText: 'Returned' })
        .filter({ hasText: analyst.email })
        .filter({ hasText: 'Four cases in one month: check for double entries' })
        .waitFor();

      // the focal person sees the comment and submits again
      await mine.reload();
      await months
        .getByRole('row')
        .filter({ has: mine.getByRole('rowheader', { name: monthWords(last) }) })
        .filter({ hasText: 'Returned for correction' })
        .filter({ hasText: 'Four cases in one month: check for double entries' })
        .waitFor();
      await form.getByText('Returned for correction: “Four cases in one month: check for double entries”').waitFor();
      await form.getByRole('button', { name: 'Submit month' }).click();
      await form
        .getByRole('status')
        .filter({ hasText: `${monthWords(last)} is submitted and waits for review.` })
        .waitFor();

      // the analyst approves
      await grid.reload();
      await status.filter({ hasText: 'Submitted, waiting for review' }).waitFor();
      await grid.getByLabel('Comment (optional)').fill('Checked against the FIR register');
      await grid.getByRole('button', { name: 'Approve' }).click();
      await grid.getByRole('status').filter({ hasText: 'The month is approved.' }).waitFor();
      await status.filter({ hasText: 'Approved' }).waitFor();
      await grid.getByText('This month is not waiting for review.').waitFor();
      expect(await grid.getByRole('button', { name: 'Re-open month' }).count()).toBe(0);

      // the administrator re-opens it, with a reason
      const adminPage = await open(admin, `/submissions/${id}`);
      await adminPage.getByTestId('submission-status').filter({ hasText: 'Approved' }).waitFor();
      await adminPage.getByRole('button', { name: 'Re-open month' }).click();
      await adminPage.getByText('Give the reason (at least 3 characters).').waitFor();
      await adminPage.getByLabel('Why it is re-opened').fill('A late FIR of the month came in');
      await adminPage.getByRole('button', { name: 'Re-open month' }).click();
      await adminPage.getByRole('status').filter({ hasText: 'The month is re-opened.' }).waitFor();
      await adminPage.getByTestId('submission-status').filter({ hasText: 'Re-opened, to submit again' }).waitFor();
      const adminSteps = adminPage.getByRole('table', { name: 'Who did what, and when' });
      await adminSteps.getByRole('row').filter({ hasText: 'A late FIR of the month came in' }).waitFor();
      expect((await rows(adminSteps)).map((r) => [r[0].replace(/\d+ warnings.*/, '').trim(), r[1]])).toEqual([
        ['Submitted', focal.email],
        ['Returned', analyst.email],
        ['Submitted', focal.email],
        ['Approved', analyst.email],
        ['Re-opened', admin.email],
      ]);
      await expectAccessible(adminPage, 'submission-review-reopened');

      // the grid's rates are the service's, unit by unit and nationally
      await adminPage.goto(`/submissions/completeness?from=${from}&to=${last}`);
      const adminTable = adminPage.getByRole('table', { name: /Units by month/ });
      await adminTable
        .getByRole('row')
        .filter({ has: adminPage.getByRole('rowheader', { name: unitName, exact: true }) })
        .getByRole('link', { name: 'Re-opened' })
        .waitFor();
      const after = (await admin.get(`/api/v1/submissions/completeness?from=${from}&to=${last}`).expect(200)).body as {
        units: Array<Rates & { name: string }>;
        national: Rates;
      };
      expect((await rows(adminTable)).map((r) => [r[0], ...r.slice(-2)])).toEqual(
        after.units.map((u) => [u.name, rateWords(u.reportingRate), rateWords(u.onTimeRate)]),
      );
      const national = await adminTable
        .locator('tfoot tr')
        .evaluate((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent?.trim() ?? ''));
      expect([national[0], ...national.slice(-2)]).toEqual([
        'National',
        rateWords(after.national.reportingRate),
        rateWords(after.national.onTimeRate),
      ]);
    },
    STEP_TIMEOUT * 2,
  );
});
