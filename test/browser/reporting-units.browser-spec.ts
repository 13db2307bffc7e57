import { BrowserContext, Locator, Page } from 'playwright-core';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const STEP_TIMEOUT = 120_000;
const UNIT = 'FIA-PUNJAB';

/** The text of each cell of the table's body rows. */
async function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));
}

/** The administrators' reporting units page, and a focal person of a new unit. */
describe('reporting units', () => {
  let b: BrowserApp;
  let admin: Agent & { password: string };
  let adminContext: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    b = await startBrowserApp();
    admin = await b.user('admin');
    adminContext = await b.newContext();
    adminPage = await adminContext.newPage();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await adminContext?.close();
    await b?.close();
  });

  it(
    'adds a unit through the page, lists it with its jurisdictions and no cases, and renames it',
    async () => {
      await signInThroughPage(adminPage, admin.email, admin.password, '/');
      await adminPage.getByRole('navigation').getByRole('link', { name: 'Reporting units' }).click();
      await adminPage.waitForURL(/\/admin\/reporting-units$/);
      await adminPage.getByRole('heading', { level: 1, name: 'Reporting units' }).waitFor();
      const table = adminPage.getByRole('table', { name: 'Reporting units' });
      // the seeded units are listed as the service knows them
      const seeded = (await admin.get('/api/v1/reporting-units').expect(200)).body as { code: string }[];
      await table.getByRole('cell', { name: 'Federal Investigation Agency', exact: true }).waitFor();
      expect((await rows(table)).map((r) => r[0]).sort()).toEqual(seeded.map((u) => u.code).sort());

      const form = adminPage.getByRole('region', { name: 'Add a reporting unit' });
      // nothing is sent until the form is complete: each missing field says so in words
      await form.getByRole('button', { name: 'Add unit' }).click();
      await form.getByText('Choose at least one jurisdiction.').waitFor();
      await form.getByText('Choose the unit’s agency.').waitFor();
      expect(await form.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('Code', { exact: true }).fill(UNIT);
      await form.getByLabel('Name', { exact: true }).fill('FIA Punjab Zone');
      await form.getByLabel('Agency').selectOption({ label: 'FIA' });
      await form.getByRole('checkbox', { name: 'Punjab' }).check();
      await form.getByRole('button', { name: 'Add unit' }).click();
      await form
        .getByRole('status')
        .filter({ hasText: `FIA Punjab Zone (${UNIT}) is added.` })
        .waitFor();

      const stored = (await admin.get(`/api/v1/reporting-units/${UNIT}`).expect(200)).body;
      expect(stored).toMatchObject({ name: 'FIA Punjab Zone', agency: 'fia', jurisdictions: ['PK-PB'], active: true });
      await table.getByRole('cell', { name: 'FIA Punjab Zone', exact: true }).waitFor();
      const row = (await rows(table)).find((r) => r[0] === UNIT)!;
      expect(row.slice(0, 7)).toEqual([
        UNIT,
        'FIA Punjab Zone',
        'FIA',
        'Punjab',
        'Active',
        String(stored.cases),
        String(stored.focalPersons),
      ]);
      expect(row[5]).toBe('0');

      // the same code again is refused in words, at the code
      await form.getByLabel('Code', { exact: true }).fill(UNIT);
      await form.getByLabel('Name', { exact: true }).fill('Another');
      await form.getByLabel('Agency').selectOption({ label: 'FIA' });
      await form.getByRole('checkbox', { name: 'Punjab' }).check();
      await form.getByRole('button', { name: 'Add unit' }).click();
      await form.getByText('A reporting unit with this code already exists.').waitFor();

      // renaming it
      await table.getByRole('button', { name: 'Edit FIA Punjab Zone' }).click();
      await adminPage.waitForURL((url) => url.searchParams.get('unit') === UNIT);
      const edit = adminPage.getByRole('region', { name: 'Edit FIA Punjab Zone' });
      await edit.waitFor();
      expect(await edit.getByRole('checkbox', { name: 'Punjab' }).isChecked()).toBe(true);
      expect(await edit.getByRole('checkbox', { name: 'Sindh' }).isChecked()).toBe(false);
      await edit.getByLabel('Name', { exact: true }).fill('FIA Punjab Zone, Lahore');
      await edit.getByRole('button', { name: 'Save unit' }).click();
      await edit.getByRole('status').filter({ hasText: 'The unit is saved.' }).waitFor();
      await table.getByRole('cell', { name: 'FIA Punjab Zone, Lahore', exact: true }).waitFor();
      expect((await admin.get(`/api/v1/reporting-units/${UNIT}`).expect(200)).body.name).toBe(
        'FIA Punjab Zone, Lahore',
      );

      expect(await checkPage(adminPage, 'admin-reporting-units')).toEqual([]);
      await edit.getByRole('button', { name: 'Close' }).click();
      await adminPage.waitForURL((url) => !url.searchParams.has('unit'));
    },
    STEP_TIMEOUT,
  );
});
