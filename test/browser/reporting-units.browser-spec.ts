import { BrowserContext, Locator, Page } from 'playwright-core';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const STEP_TIMEOUT = 120_000;
const UNIT = 'FIA-PUNJAB';
const UNIT_NAME = 'FIA Punjab Zone, Lahore';
const FOCAL_EMAIL = 'fia.punjab.focal@npb.gov.pk';

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

  it(
    'opens an account for a focal person of the unit, who sees the unit’s name once signed in',
    async () => {
      await adminPage.goto('/admin/users');
      const form = adminPage.getByRole('region', { name: 'Add a user' });
      await form.getByLabel('E-mail', { exact: true }).fill(FOCAL_EMAIL);
      await form.getByLabel('Role').selectOption({ label: 'Focal person' });
      // the active units are offered, the FIA's with their agency
      const units = (await admin.get('/api/v1/reporting-units').expect(200)).body as { active: boolean }[];
      const offered = await form.getByLabel('Reporting unit').locator('option:not([value=""])').allTextContents();
      expect(offered).toHaveLength(units.filter((u) => u.active).length);
      await form.getByLabel('Reporting unit').selectOption({ label: `${UNIT_NAME} (FIA)` });
      await form.getByRole('button', { name: 'Add user' }).click();
      const panel = adminPage.getByRole('region', { name: `One-time password for ${FOCAL_EMAIL}` });
      await panel.waitFor();
      const oneTimePassword = await panel.getByLabel('One-time password').inputValue();
      await panel.getByRole('button', { name: 'I have noted it — close' }).click();

      const created = (await admin.get('/api/v1/users').expect(200)).body.find(
        (u: { email: string }) => u.email === FOCAL_EMAIL,
      );
      expect(created).toMatchObject({ role: 'focal_person', reportingUnit: UNIT, jurisdiction: 'PK-PB' });
      await adminPage.getByRole('row').filter({ hasText: FOCAL_EMAIL }).filter({ hasText: UNIT_NAME }).waitFor();
      const row = (await rows(adminPage.getByRole('table'))).find((r) => r[0] === FOCAL_EMAIL)!;
      expect(row.slice(0, 3)).toEqual([FOCAL_EMAIL, 'Focal person', UNIT_NAME]);

      // the units page counts the unit's focal person
      await adminPage.goto('/admin/reporting-units');
      const table = adminPage.getByRole('table', { name: 'Reporting units' });
      await table.getByRole('cell', { name: UNIT_NAME, exact: true }).waitFor();
      const focalPersons = (await admin.get(`/api/v1/reporting-units/${UNIT}`).expect(200)).body.focalPersons;
      expect(focalPersons).toBe(1);
      expect((await rows(table)).find((r) => r[0] === UNIT)![6]).toBe(String(focalPersons));

      const context = await b.newContext();
      try {
        const focal = await context.newPage();
        await signInThroughPage(focal, FOCAL_EMAIL, oneTimePassword, '/');
        await focal.waitForURL((url) => url.pathname === '/password');
        const ownPassword = 'five rivers meet below Multan 7';
        await focal.getByLabel('Current (one-time) password').fill(oneTimePassword);
        await focal.getByLabel('New password', { exact: true }).fill(ownPassword);
        await focal.getByLabel('New password again').fill(ownPassword);
        await focal.getByRole('button', { name: 'Set password' }).click();
        await focal.waitForURL((url) => url.pathname === '/');
        await focal.getByText(`Signed in as ${FOCAL_EMAIL} · Focal person · ${UNIT_NAME}`).waitFor();
      } finally {
        await context.close();
      }
    },
    STEP_TIMEOUT,
  );
});
