import { BrowserContext, Locator, Page } from 'playwright-core';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

const ONE_TIME_PASSWORD = /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/;
const FOCAL_EMAIL = 'sindh.focal@npb.gov.pk';
const STEP_TIMEOUT = 120_000;

/** Today's date in Pakistan, as the audit filter's days are. */
function todayInPakistan(): string {
  return new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
}

/** The text of each cell of the table's body rows. */
async function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));
}

/** Waits until the keyboard is on this element. */
async function waitForFocus(locator: Locator): Promise<void> {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction((el) => el === document.activeElement, element);
}

/** The administrator's pages: users and one-time passwords, the audit log, districts and their spellings. */
describe('administrator pages', () => {
  let b: BrowserApp;
  let admin: Agent & { password: string };
  let adminContext: BrowserContext;
  let adminPage: Page;
  let focalContext: BrowserContext;
  let focalPage: Page;
  let firstPassword = '';
  let ownPassword = '';

  beforeAll(async () => {
    b = await startBrowserApp();
    admin = await b.user('admin');
    adminContext = await b.newContext();
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    adminPage = await adminContext.newPage();
    focalContext = await b.newContext();
    focalPage = await focalContext.newPage();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await adminContext?.close();
    await focalContext?.close();
    await b?.close();
  });

  /** Signs the focal person in through the page with this password. */
  async function focalSignsIn(password: string): Promise<void> {
    await focalPage.goto('/sign-in');
    await focalPage.getByLabel('E-mail').fill(FOCAL_EMAIL);
    await focalPage.getByLabel('Password', { exact: true }).fill(password);
    await focalPage.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Opens the user's management panel on the users page. */
  async function manage(email: string): Promise<Locator> {
    await adminPage.goto('/admin/users');
    await adminPage.getByRole('button', { name: `Manage ${email}` }).click();
    const panel = adminPage.getByRole('region', { name: `Manage ${email}` });
    await panel.waitFor();
    return panel;
  }

  it(
    'opens an account for a focal person and shows its one-time password once, in a panel and nowhere else',
    async () => {
      await signInThroughPage(adminPage, admin.email, admin.password, '/admin/users');
      await adminPage.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      await adminPage.getByRole('cell', { name: admin.email, exact: true }).waitFor();
      expect(await checkPage(adminPage, 'admin-users')).toEqual([]);

      const form = adminPage.getByRole('region', { name: 'Add a user' });
      await form.getByLabel('E-mail', { exact: true }).fill(FOCAL_EMAIL);
      // the reporting unit is asked for only once the role is focal person, and then it is required
      expect(await form.getByLabel('Reporting unit').count()).toBe(0);
      await form.getByLabel('Role').selectOption({ label: 'Focal person' });
      await form.getByRole('button', { name: 'Add user' }).click();
      await form.getByText('Choose the reporting unit of this focal person.').waitFor();
      expect(await form.getByLabel('Reporting unit').getAttribute('aria-invalid')).toBe('true');
      expect((await admin.get('/api/v1/users').expect(200)).body.map((u: { email: string }) => u.email)).not.toContain(
        FOCAL_EMAIL,
      );

      await form.getByLabel('Reporting unit').selectOption({ label: 'Sindh Police' });
      await form.getByRole('button', { name: 'Add user' }).click();
      const panel = adminPage.getByRole('region', { name: `One-time password for ${FOCAL_EMAIL}` });
      await panel.waitFor();
      await panel.getByText('It will not be shown again.').waitFor();
      firstPassword = await panel.getByLabel('One-time password').inputValue();
      expect(firstPassword).toMatch(ONE_TIME_PASSWORD);
      await panel.getByRole('button', { name: 'Copy password' }).click();
      await panel.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
      expect(await adminPage.evaluate(() => navigator.clipboard.readText())).toBe(firstPassword);
      expect(await checkPage(adminPage, 'admin-users-one-time-password')).toEqual([]);

      // the new account is listed, of the Sindh police and waiting for its own password
      const created = (await admin.get('/api/v1/users').expect(200)).body.find(
        (u: { email: string }) => u.email === FOCAL_EMAIL,
      );
      expect(created).toMatchObject({
        role: 'focal_person',
        reportingUnit: 'POLICE-PK-SD',
        jurisdiction: 'PK-SD',
        mustChangePassword: true,
      });
      const row = adminPage.getByRole('row').filter({ hasText: FOCAL_EMAIL });
      await row.filter({ hasText: 'Must set own password' }).waitFor();
      expect((await rows(adminPage.getByRole('table'))).find((r) => r[0] === FOCAL_EMAIL)!.slice(0, 6)).toEqual([
        FOCAL_EMAIL,
        'Focal person',
        'Sindh Police',
        'Active',
        'Must set own password',
        'Never',
      ]);

      // nowhere but the panel: not in the address, not in the browser's storage
      expect(adminPage.url()).not.toContain(firstPassword);
      const stored = await adminPage.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      );
      expect(stored).not.toContain(firstPassword);

      // closed, it is gone from the page
      await panel.getByRole('button', { name: 'I have noted it — close' }).click();
      await panel.waitFor({ state: 'detached' });
      expect(await adminPage.content()).not.toContain(firstPassword);
      // the keyboard is back in the form, ready for the next account
      await waitForFocus(form.getByLabel('E-mail', { exact: true }));

      // the same e-mail again is refused in words at the field, and no password is shown
      await form.getByLabel('E-mail', { exact: true }).fill(FOCAL_EMAIL.toUpperCase());
      await form.getByLabel('Role').selectOption({ label: 'Analyst' });
      expect(await form.getByLabel('Reporting unit').count()).toBe(0);
      await form.getByRole('button', { name: 'Add user' }).click();
      await form.getByText('A user with this e-mail address already exists.').waitFor();
      expect(await adminPage.getByRole('region', { name: /One-time password/ }).count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'sends the new user to set their own password, refuses a weak one in words, then shows their role’s pages only',
    async () => {
      await focalSignsIn(firstPassword);
      await focalPage.waitForURL((url) => url.pathname === '/password');
      await focalPage.getByRole('heading', { level: 1, name: 'Set your own password' }).waitFor();
      expect(await checkPage(focalPage, 'password-one-time')).toEqual([]);

      await focalPage.getByLabel('Current (one-time) password').fill(firstPassword);
      await focalPage.getByLabel('New password', { exact: true }).fill('aaaaaaaaaaaaaaaa');
      await focalPage.getByLabel('New password again').fill('aaaaaaaaaaaaaaaa');
      await focalPage.getByRole('button', { name: 'Set password' }).click();
      await focalPage.getByText('The password cannot be one character repeated.').waitFor();
      expect(new URL(focalPage.url()).pathname).toBe('/password');

      ownPassword = 'ferry across the Indus at dawn 42';
      await focalPage.getByLabel('New password', { exact: true }).fill(ownPassword);
      await focalPage.getByLabel('New password again').fill(ownPassword);
      await focalPage.getByRole('button', { name: 'Set password' }).click();
      await focalPage.waitForURL((url) => url.pathname === '/');
      await focalPage.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
      const nav = focalPage.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Cases' }).waitFor();
      expect(await nav.getByRole('list').getByRole('link').allTextContents()).toEqual([
        'Home',
        'Dashboard',
        'Upload',
        'Import history',
        'Cases',
        'My submissions',
      ]);
      // beside the pages, every user's notices
      await nav.getByRole('link', { name: 'Notices', exact: true }).waitFor();

      // an administrator's page is not there for a focal person
      await focalPage.goto('/admin/users');
      await focalPage.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
      expect(await focalPage.getByRole('table').count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'disables an account: the user’s next page load goes to sign-in, where they cannot sign in',
    async () => {
      const panel = await manage(FOCAL_EMAIL);
      expect(await checkPage(adminPage, 'admin-users-manage')).toEqual([]);
      await panel.getByRole('button', { name: 'Disable account' }).click();
      await panel.getByText(`Disable ${FOCAL_EMAIL}? They are signed out at once`).waitFor();
      await panel.getByRole('button', { name: 'Yes, disable the account' }).click();
      await panel.getByRole('status').filter({ hasText: 'The account is disabled.' }).waitFor();
      await adminPage.getByRole('row').filter({ hasText: FOCAL_EMAIL }).filter({ hasText: 'Disabled' }).waitFor();

      await focalPage.goto('/cases');
      await focalPage.waitForURL((url) => url.pathname === '/sign-in');
      await focalSignsIn(ownPassword);
      await focalPage.getByRole('alert').filter({ hasText: 'The e-mail or password is not right.' }).waitFor();

      await panel.getByRole('button', { name: 'Enable account' }).click();
      await panel.getByRole('status').filter({ hasText: 'The account is enabled.' }).waitFor();
      const user = (await admin.get('/api/v1/users').expect(200)).body.find(
        (u: { email: string }) => u.email === FOCAL_EMAIL,
      );
      expect(user.disabled).toBe(false);
    },
    STEP_TIMEOUT,
  );

  it(
    'resets a forgotten password after asking; the new one-time password works once',
    async () => {
      const panel = await manage(FOCAL_EMAIL);
      await panel.getByRole('button', { name: 'Reset password' }).click();
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await panel.getByRole('button', { name: 'Reset password' }).click();
      await panel.getByText(`Reset the password of ${FOCAL_EMAIL}?`).waitFor();
      await panel.getByRole('button', { name: 'Yes, reset the password' }).click();
      const shown = adminPage.getByRole('region', { name: `One-time password for ${FOCAL_EMAIL}` });
      await shown.getByText('It will not be shown again.').waitFor();
      const secondPassword = await shown.getByLabel('One-time password').inputValue();
      expect(secondPassword).toMatch(ONE_TIME_PASSWORD);
      expect(secondPassword).not.toBe(firstPassword);
      expect(adminPage.url()).not.toContain(secondPassword);
      await shown.getByRole('button', { name: 'I have noted it — close' }).click();
      await shown.waitFor({ state: 'detached' });
      expect(await adminPage.content()).not.toContain(secondPassword);
      await waitForFocus(panel.getByRole('button', { name: 'Reset password' }));
      await panel.getByRole('button', { name: 'Close' }).click();
      await panel.waitFor({ state: 'detached' });
      await waitForFocus(adminPage.getByRole('button', { name: `Manage ${FOCAL_EMAIL}` }));

      // the password the user chose before no longer works
      await focalSignsIn(ownPassword);
      await focalPage.getByRole('alert').filter({ hasText: 'The e-mail or password is not right.' }).waitFor();

      await focalSignsIn(secondPassword);
      await focalPage.waitForURL((url) => url.pathname === '/password');
      ownPassword = 'monsoon clouds over Thatta 1739';
      await focalPage.getByLabel('Current (one-time) password').fill(secondPassword);
      await focalPage.getByLabel('New password', { exact: true }).fill(ownPassword);
      await focalPage.getByLabel('New password again').fill(ownPassword);
      await focalPage.getByRole('button', { name: 'Set password' }).click();
      await focalPage.waitForURL((url) => url.pathname === '/');
      await focalPage.getByRole('button', { name: 'Sign out' }).click();
      await focalPage.waitForURL(/\/sign-in\?reason=signed-out/);

      // used once, the one-time password is spent; the user's own opens the application
      await focalSignsIn(secondPassword);
      await focalPage.getByRole('alert').filter({ hasText: 'The e-mail or password is not right.' }).waitFor();
      await focalSignsIn(ownPassword);
      await focalPage.waitForURL((url) => url.pathname === '/');
      await focalPage.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'lists these actions in the audit log, filtered by action, user and date from the query string',
    async () => {
      const focalId = (await admin.get('/api/v1/users').expect(200)).body.find(
        (u: { email: string }) => u.email === FOCAL_EMAIL,
      ).id;
      await adminPage.goto('/admin/audit');
      await adminPage.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      const filters = adminPage.getByRole('search', { name: 'Filter the audit log' });
      const table = adminPage.getByRole('table');
      await table.waitFor();

      await filters.getByLabel('Action').selectOption({ label: 'Password reset' });
      await filters.getByRole('button', { name: 'Show events' }).click();
      await adminPage.waitForURL((url) => url.searchParams.get('action') === 'user.password_reset');
      await adminPage
        .getByRole('status')
        .filter({ hasText: /^1 event$/ })
        .waitFor();
      const [reset] = await rows(table);
      expect(reset[0]).toMatch(/^\d{2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
      expect(reset.slice(1, 5)).toEqual([admin.email, 'Password reset', `User: ${FOCAL_EMAIL}`, 'Changed: password']);
      expect(await checkPage(adminPage, 'admin-audit')).toEqual([]);

      await filters.getByLabel('Action').selectOption({ label: 'User changed' });
      await filters.getByLabel('User').selectOption({ label: admin.email });
      await filters.getByRole('button', { name: 'Show events' }).click();
      await adminPage.waitForURL((url) => url.searchParams.get('action') === 'user.update');
      expect(new URL(adminPage.url()).searchParams.get('actor')).toBe(admin.id);
      await adminPage.getByRole('status').filter({ hasText: '2 events' }).waitFor();
      // newest first: enabled after disabled
      const changes = await rows(table);
      expect(changes.map((r) => r.slice(1, 5))).toEqual([
        [admin.email, 'User changed', `User: ${FOCAL_EMAIL}`, 'Changed: disabled'],
        [admin.email, 'User changed', `User: ${FOCAL_EMAIL}`, 'Changed: disabled'],
      ]);
      const stored = await b.t.dataSource.query(
        `SELECT changed_fields FROM audit_events WHERE action = 'user.update' AND entity_id = $1 ORDER BY id DESC`,
        [focalId],
      );
      expect(stored).toEqual([{ changed_fields: ['disabled'] }, { changed_fields: ['disabled'] }]);

      // the filters live in the address: a reload shows the same
      await adminPage.reload();
      await adminPage.getByRole('status').filter({ hasText: '2 events' }).waitFor();
      expect(await filters.getByLabel('Action').inputValue()).toBe('user.update');

      // the focal person's own doings, by user
      await adminPage.goto(`/admin/audit?actor=${focalId}&action=auth.password_change`);
      await adminPage.getByRole('status').filter({ hasText: '2 events' }).waitFor();
      expect((await rows(table)).map((r) => r[2])).toEqual([
        'Password changed by its owner',
        'Password changed by its owner',
      ]);

      // a day range: today holds them, and an end before the start is refused in words
      const today = todayInPakistan();
      await filters.getByLabel('From (date)').fill(today);
      await filters.getByLabel('To (date, included)').fill(today);
      await filters.getByRole('button', { name: 'Show events' }).click();
      await adminPage.waitForURL((url) => url.searchParams.get('to') === today);
      await adminPage.getByRole('status').filter({ hasText: '2 events' }).waitFor();
      await filters.getByLabel('From (date)').fill('2030-01-02');
      await filters.getByLabel('To (date, included)').fill('2030-01-01');
      await filters.getByRole('button', { name: 'Show events' }).click();
      await filters.getByText('This date is before the “From” date.').waitFor();
      expect(new URL(adminPage.url()).searchParams.get('from')).toBe(today);
    },
    STEP_TIMEOUT,
  );

  it(
    'adds a district and another spelling of it, shown in the list and answered by the API; refusals in words',
    async () => {
      await adminPage.goto('/admin/districts');
      await adminPage.getByRole('heading', { level: 1, name: 'Districts' }).waitFor();
      await adminPage.getByLabel('Jurisdiction').selectOption({ label: 'Sindh' });
      await adminPage.waitForURL((url) => url.searchParams.get('jurisdiction') === 'PK-SD');
      const table = adminPage.getByRole('table', { name: 'Districts of Sindh' });
      await table.getByRole('cell', { name: 'Badin', exact: true }).waitFor();

      const add = adminPage.getByRole('region', { name: 'Add a district to Sindh' });
      await add.getByLabel('District name').fill('Keamari');
      await add.getByLabel('P-code').fill('PK701');
      await add.getByLabel('Valid from').fill('2020-02-11');
      await add.getByRole('button', { name: 'Add district' }).click();
      await add.getByText('A district with this P-code already exists.').waitFor();
      await add.getByLabel('P-code').fill('not a code!');
      await add.getByRole('button', { name: 'Add district' }).click();
      await add.getByText('Use 2 to 16 capital letters, digits or hyphens, such as PK701.').waitFor();

      await add.getByLabel('P-code').fill('pk7-kmr');
      await add.getByRole('button', { name: 'Add district' }).click();
      await add.getByRole('status').filter({ hasText: 'Keamari (PK7-KMR) is added.' }).waitFor();
      const keamari = table.getByRole('row').filter({ hasText: 'PK7-KMR' });
      await keamari.waitFor();
      expect((await rows(table)).find((r) => r[1] === 'PK7-KMR')!.slice(0, 5)).toEqual([
        'Keamari',
        'PK7-KMR',
        '11 Feb 2020',
        '—',
        '—',
      ]);

      await keamari.getByRole('button', { name: 'Add spelling to Keamari' }).click();
      const spelling = adminPage.getByRole('region', { name: 'Add another spelling' });
      expect(await spelling.getByLabel('District', { exact: true }).inputValue()).toBe('PK7-KMR');
      await waitForFocus(spelling.getByLabel('Other spelling'));
      await adminPage.keyboard.type('Badin');
      await spelling.getByRole('button', { name: 'Add spelling' }).click();
      await spelling.getByText('This spelling already names another district.').waitFor();

      await spelling.getByLabel('Other spelling').fill('Kemari');
      await spelling.getByRole('button', { name: 'Add spelling' }).click();
      await spelling.getByRole('status').filter({ hasText: '“Kemari” now also names Keamari.' }).waitFor();
      await keamari.filter({ hasText: 'Kemari' }).waitFor();
      expect(await checkPage(adminPage, 'admin-districts')).toEqual([]);

      const districts = (await admin.get('/api/v1/jurisdictions/PK-SD/districts').expect(200)).body;
      expect(districts.find((d: { code: string }) => d.code === 'PK7-KMR')).toEqual({
        code: 'PK7-KMR',
        name: 'Keamari',
        jurisdiction: 'PK-SD',
        validFrom: '2020-02-11',
        validTo: null,
        aliases: ['Kemari'],
      });
      // the refused attempts changed nothing
      expect(districts.find((d: { code: string }) => d.code === 'PK701').aliases).not.toContain('Keamari');
    },
    STEP_TIMEOUT,
  );

  it(
    'changes a role and reporting unit, and says in words when a change would leave no administrator',
    async () => {
      const analyst = await b.user('analyst');
      const panel = await manage(analyst.email);
      await panel.getByLabel('Role', { exact: true }).selectOption({ label: 'Focal person' });
      await panel.getByRole('button', { name: 'Save role' }).click();
      await panel.getByText('Choose the reporting unit of this focal person.').waitFor();
      await panel.getByLabel('Reporting unit', { exact: true }).selectOption({ label: 'Punjab Police' });
      await panel.getByRole('button', { name: 'Save role' }).click();
      await panel.getByRole('status').filter({ hasText: 'The role is saved.' }).waitFor();
      await adminPage
        .getByRole('row')
        .filter({ hasText: analyst.email })
        .filter({ hasText: 'Punjab Police' })
        .waitFor();
      expect((await admin.get(`/api/v1/users/${analyst.id}`).expect(200)).body).toMatchObject({
        role: 'focal_person',
        reportingUnit: 'POLICE-PK-PB',
        jurisdiction: 'PK-PB',
      });

      // with every other administrator disabled, this one cannot stop being one
      await b.t.dataSource.query(`UPDATE users SET disabled = true WHERE role = 'admin' AND id <> $1`, [admin.id]);
      const own = await manage(admin.email);
      await own.getByLabel('Role', { exact: true }).selectOption({ label: 'Analyst' });
      await own.getByRole('button', { name: 'Save role' }).click();
      await own.getByRole('alert').filter({ hasText: 'This is the last active administrator.' }).waitFor();
      expect((await admin.get(`/api/v1/users/${admin.id}`).expect(200)).body.role).toBe('admin');
    },
    STEP_TIMEOUT,
  );
});
