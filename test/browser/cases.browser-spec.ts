import { Locator, Page } from 'playwright-core';
import { Agent } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

/** The words tied to a control by aria-describedby (its hint and its problem), as a screen reader reads them with it. */
const description = (control: Locator) =>
  control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** Waits (up to 5 s) for `read()` to give `expected`: the page renders what the address says a moment after it changes. */
async function eventually(read: () => Promise<unknown>, expected: unknown): Promise<void> {
  for (let i = 0; i < 50 && JSON.stringify(await read()) !== JSON.stringify(expected); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await read()).toEqual(expected);
}

/** The rows of the table named by its section heading. */
const tableOf = (page: Page, heading: string) => page.getByRole('table', { name: heading });

/** The case list and a case's page in Chromium: filters in the address, rule errors at their fields, roles and jurisdictions. */
describe('cases in the browser', () => {
  let b: BrowserApp;
  let punjab: Agent & { password: string };
  let caseId: string;
  let otherId: string;
  let sindhId: string;
  let d2: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    punjab = await b.user('focal_person', 'PK-PB');
    const created = await punjab.post(
      '/api/v1/cases',
      caseBody({ firNumber: '0451', policeStation: 'P.S. Saddar', firDate: '2024-01-15', firYear: 2024 }),
    );
    expect(created.status).toBe(201);
    caseId = created.body.id;
    otherId = (
      await punjab.post(
        '/api/v1/cases',
        caseBody({ firNumber: '0999', policeStation: 'PS Kotwali', firDate: '2023-05-02', firYear: 2023 }),
      )
    ).body.id;
    expect(otherId).toBeDefined();
    const path = `/api/v1/cases/${caseId}`;
    expect(
      (await punjab.post(`${path}/victims`, { ref: 'V1', sex: 'female', age: 15, nationality: 'PAK' })).status,
    ).toBe(201);
    const d1 = (await punjab.post(`${path}/defendants`, { ref: 'D1', name: 'Accused One', sex: 'male' })).body.id;
    d2 = (await punjab.post(`${path}/defendants`, { ref: 'D2', sex: 'male', custodyStatus: 'arrested' })).body.id;
    expect(
      (
        await punjab.post(`${path}/prosecutions`, {
          defendantId: d1,
          prosecutionDate: '2024-03-01',
          court: 'ATC Lahore',
        })
      ).status,
    ).toBe(201);
    const sindh = await b.user('focal_person', 'PK-SD');
    sindhId = (await sindh.post('/api/v1/cases', caseBody({ district: 'South Karachi', firNumber: '12', route: [] })))
      .body.id;
    expect(sindhId).toBeDefined();
  });
  afterAll(() => b?.close());

  it('lets a focal person filter the list, with the filters in the address for back and forward', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, punjab.email, punjab.password, '/cases');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('link', { name: 'FIR 0999/2023' }).waitFor();
    await page.getByRole('link', { name: 'FIR 0451/2024' }).waitFor();
    expect(await checkPage(page, 'cases-list')).toEqual([]);

    await page.getByLabel('FIR number or police station').fill('ps saddar');
    await page.getByLabel('FIR year').fill('2024');
    await page.getByLabel('Status').selectOption('registered');
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.waitForURL((url) => url.searchParams.get('search') === 'ps saddar');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search: 'ps saddar',
      firYear: '2024',
      status: 'registered',
    });
    await page.getByText('Page 1 of 1 · 1 in all').waitFor();
    await eventually(() => page.getByRole('link', { name: /^FIR / }).allTextContents(), ['FIR 0451/2024']);

    // back shows the whole list again, forward the filtered one, with the form showing the filters
    await page.goBack();
    await page.getByRole('link', { name: 'FIR 0999/2023' }).waitFor();
    await eventually(() => page.getByLabel('FIR number or police station').inputValue(), '');
    await page.goForward();
    await page.getByText('Page 1 of 1 · 1 in all').waitFor();
    await eventually(() => page.getByLabel('FIR number or police station').inputValue(), 'ps saddar');

    // a sortable column says how the list is sorted, and a click turns it round
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: 'FIR 0999/2023' }).waitFor();
    const firDate = page.getByRole('columnheader', { name: /FIR date/ });
    await eventually(() => firDate.getAttribute('aria-sort'), 'descending');
    await eventually(
      () => page.getByRole('link', { name: /^FIR / }).allTextContents(),
      ['FIR 0451/2024', 'FIR 0999/2023'],
    );
    await firDate.getByRole('button').click();
    await page.waitForURL((u) => u.searchParams.get('order') === 'asc');
    await eventually(() => firDate.getAttribute('aria-sort'), 'ascending');
    await page.getByRole('row').nth(1).getByRole('link', { name: 'FIR 0999/2023' }).waitFor();
    await eventually(
      () => page.getByRole('link', { name: /^FIR / }).allTextContents(),
      ['FIR 0999/2023', 'FIR 0451/2024'],
    );

    await page.getByRole('link', { name: 'FIR 0999/2023' }).click();
    await page.waitForURL(`**/cases/${otherId}`);
    await page.getByRole('heading', { level: 1, name: 'Case FIR 0999/2023' }).waitFor();
    await context.close();
  }, 120_000);

  it('shows a case, refuses a status change that breaks a rule at its field, and records a valid one', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, punjab.email, punjab.password, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Case FIR 0451/2024' }).waitFor();
    // details, route, victims without names, defendants, prosecutions, history
    await page.getByText('Rahim Yar Khan').first().waitFor();
    await page.getByText('Trafficking in persons', { exact: true }).waitFor();
    await page.getByText('PTPA 3 — Trafficking in persons').waitFor();
    const route = page.getByRole('list', { name: 'Route' });
    expect(await route.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Origin.*Pakistan/),
      expect.stringMatching(/^Transit.*Iran.*Taftan border/),
      expect.stringMatching(/^Destination.*Oman/),
    ]);
    const victims = tableOf(page, 'Victims');
    await victims.getByRole('row', { name: /V1/ }).waitFor();
    expect(await victims.getByRole('row', { name: /V1/ }).textContent()).toMatch(
      /Female.*15.*Child \(under 18\).*Pakistan/,
    );
    await tableOf(page, 'Defendants')
      .getByRole('row', { name: /Accused One/ })
      .waitFor();
    const prosecutions = tableOf(page, 'Prosecutions');
    await prosecutions.getByRole('row', { name: /D1 — Accused One/ }).waitFor();
    expect(await prosecutions.getByRole('row', { name: /D1/ }).textContent()).toMatch(
      /ATC Lahore.*01 Mar 2024.*Pending/,
    );
    const history = page.getByRole('list', { name: 'Status history' });
    expect(await history.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^15 Jan 2024Registered/),
    ]);
    expect(await checkPage(page, 'case-page')).toEqual([]);

    // a status date before the FIR date: said at the status date, and nothing saved
    await page.getByRole('button', { name: 'Edit case' }).click();
    await page.getByRole('heading', { level: 3, name: 'Edit case' }).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('under_investigation');
    await page.getByLabel('Status date').fill('2024-01-10');
    expect(await checkPage(page, 'case-form')).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    const statusDate = page.getByLabel('Status date');
    await page.getByText('The status date cannot be before the FIR date (15 Jan 2024).').waitFor();
    expect(await description(statusDate)).toContain('The status date cannot be before the FIR date (15 Jan 2024).');
    expect(await statusDate.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: 'Nothing was saved.' }).waitFor();
    expect((await punjab.get(`/api/v1/cases/${caseId}`)).body).toMatchObject({
      status: 'registered',
      statusDate: '2024-01-15',
    });

    // corrected, the change is saved and the timeline shows it
    await page.getByLabel('Status date').fill('2024-02-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The case is saved.').waitFor();
    await history.getByRole('listitem').filter({ hasText: 'Under investigation' }).waitFor();
    expect(await history.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^15 Jan 2024Registered/),
      expect.stringMatching(/^01 Feb 2024Under investigation.*from Registered/),
    ]);
    expect((await punjab.get(`/api/v1/cases/${caseId}`)).body).toMatchObject({
      status: 'under_investigation',
      statusDate: '2024-02-01',
    });
    // the form sends only what changed: the route and the other fields are not rewritten
    const updates = await b.t.dataSource.query(
      `SELECT changed_fields FROM audit_events WHERE action = 'case.update' AND entity_id = $1`,
      [caseId],
    );
    expect(updates).toEqual([{ changed_fields: ['status', 'statusDate'] }]);
    await context.close();
  }, 120_000);

  it('refuses a move the rules forbid at the status, in words, and changes nothing', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, punjab.email, punjab.password, `/cases/${otherId}`);
    await page.getByRole('heading', { level: 1, name: 'Case FIR 0999/2023' }).waitFor();
    // a transferred case is closed for this jurisdiction: it cannot be re-opened for investigation
    await page.getByRole('button', { name: 'Edit case' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('transferred');
    await page.getByLabel('Status date').fill('2023-06-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The case is saved.').waitFor();
    await page.getByRole('button', { name: 'Edit case' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('under_investigation');
    await page.getByLabel('Status date').fill('2023-07-01');
    await page.getByRole('button', { name: 'Save' }).click();
    const message = 'A case cannot move from Transferred to Under investigation.';
    await page.getByText(message).waitFor();
    expect(await description(page.getByLabel('Status', { exact: true }))).toContain(message);
    expect((await punjab.get(`/api/v1/cases/${otherId}`)).body).toMatchObject({ status: 'transferred' });
    await context.close();
  }, 120_000);

  it('tells the second of two people editing a case at once that it changed, saves nothing of theirs, and reloads it', async () => {
    const created = await punjab.post(
      '/api/v1/cases',
      caseBody({ firNumber: '0777', policeStation: 'P.S. Saddar', firDate: '2024-02-10', firYear: 2024 }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const context = await b.newContext();
    const [first, second] = [await context.newPage(), await context.newPage()];
    await signInThroughPage(first, punjab.email, punjab.password, `/cases/${id}`);
    await second.goto(`/cases/${id}`);
    for (const page of [first, second]) {
      await page.getByRole('heading', { level: 1, name: 'Case FIR 0777/2024' }).waitFor();
      await page.getByRole('button', { name: 'Edit case' }).click();
      await page.getByRole('heading', { level: 3, name: 'Edit case' }).waitFor();
    }
    await first.getByLabel('Remarks').fill('Checked against the FIR register');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByText('The case is saved.').waitFor();

    await second.getByLabel('Remarks').fill('Victim moved to a shelter');
    await second.getByRole('button', { name: 'Save' }).click();
    const alert = second
      .getByRole('alert')
      .filter({ hasText: 'This case was changed by someone else since you opened it' });
    await alert.waitFor();
    expect(await checkPage(second, 'case-changed')).toEqual([]);
    // nothing of the second edit was written
    expect((await punjab.get(`/api/v1/cases/${id}`)).body).toMatchObject({
      remarks: 'Checked against the FIR register',
      version: 2,
    });
    await alert.getByRole('button', { name: 'Reload the case' }).click();
    await second.getByRole('heading', { level: 3, name: 'Edit case' }).waitFor({ state: 'detached' });
    await second.getByText('Checked against the FIR register').waitFor();
    // opened again on the reloaded case, the edit goes through
    await second.getByRole('button', { name: 'Edit case' }).click();
    await second.getByLabel('Remarks').fill('Checked against the FIR register; victim moved to a shelter');
    await second.getByRole('button', { name: 'Save' }).click();
    await second.getByText('The case is saved.').waitFor();
    expect((await punjab.get(`/api/v1/cases/${id}`)).body).toMatchObject({
      remarks: 'Checked against the FIR register; victim moved to a shelter',
      version: 3,
    });
    await context.close();
  }, 120_000);

  it('adds a victim and a prosecution, refuses a judgment before the prosecution at its field, then saves it', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, punjab.email, punjab.password, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Case FIR 0451/2024' }).waitFor();

    await page.getByRole('button', { name: 'Add a victim' }).click();
    await page.getByRole('heading', { level: 3, name: 'Add a victim' }).waitFor();
    await page.getByLabel('Victim reference').fill('V2');
    await page.getByLabel('Sex', { exact: true }).selectOption('male');
    await page.getByLabel('Age', { exact: true }).fill('16');
    await page.getByLabel('Nationality').selectOption('AFG');
    await page.getByRole('checkbox', { name: 'Forced begging' }).check();
    expect(await checkPage(page, 'victim-form')).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The victim is saved.').waitFor();
    const victims = tableOf(page, 'Victims');
    await victims.getByRole('row', { name: /V2/ }).waitFor();
    expect(await victims.getByRole('row', { name: /V2/ }).textContent()).toMatch(
      /Male.*16.*Child.*Afghanistan.*Forced begging/,
    );
    const stored = (await punjab.get(`/api/v1/cases/${caseId}/victims`)).body;
    expect(stored.find((v: { ref: string }) => v.ref === 'V2')).toMatchObject({
      sex: 'male',
      age: 16,
      nationality: 'AFG',
      exploitationForms: ['forced_begging'],
    });

    await page.getByRole('button', { name: 'Add a prosecution' }).click();
    await page.getByRole('heading', { level: 3, name: 'Add a prosecution' }).waitFor();
    // only the defendant not yet prosecuted can be chosen
    expect(await page.getByLabel('Defendant').locator('option').allTextContents()).toEqual(['D2']);
    await page.getByLabel('Court').fill('Sessions Court R.Y. Khan');
    await page.getByLabel('Prosecution date').fill('2024-04-01');
    expect(await checkPage(page, 'prosecution-form')).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The prosecution is saved.').waitFor();
    const prosecutions = tableOf(page, 'Prosecutions');
    await prosecutions.getByRole('row', { name: /D2/ }).waitFor();

    await page.getByRole('button', { name: 'Record conviction of D2' }).click();
    await page.getByRole('heading', { level: 3, name: 'Record conviction of D2' }).waitFor();
    await page.getByLabel('Judgment date').fill('2024-03-20');
    await page.getByLabel('Imprisonment (months)').fill('84');
    expect(await checkPage(page, 'conviction-form')).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    const message = 'Judgment date cannot be before the prosecution date (01 Apr 2024).';
    await page.getByText(message).waitFor();
    expect(await description(page.getByLabel('Judgment date'))).toContain(message);
    const pending = (await punjab.get(`/api/v1/cases/${caseId}/prosecutions`)).body.find(
      (p: { defendantId: string }) => p.defendantId === d2,
    );
    expect(pending).toMatchObject({ outcome: 'pending', outcomeDate: null, conviction: null });

    await page.getByLabel('Judgment date').fill('2024-05-10');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The conviction is saved.').waitFor();
    await prosecutions.getByRole('row', { name: /D2/ }).filter({ hasText: 'Judged 10 May 2024' }).waitFor();
    expect(await prosecutions.getByRole('row', { name: /D2/ }).textContent()).toMatch(/Convicted.*84 months/);
    const convicted = (await punjab.get(`/api/v1/cases/${caseId}/prosecutions`)).body.find(
      (p: { defendantId: string }) => p.defendantId === d2,
    );
    expect(convicted).toMatchObject({
      outcome: 'convicted',
      outcomeDate: '2024-05-10',
      conviction: { judgmentDate: '2024-05-10', imprisonmentMonths: 84 },
    });

    // deleting asks first: cancel keeps the victim, confirming deletes it
    await page.getByRole('button', { name: 'Delete victim V2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete victim V2 from this case? This cannot be undone.' });
    await dialog.waitFor();
    expect(await checkPage(page, 'confirm-delete')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await punjab.get(`/api/v1/cases/${caseId}/victims`)).body).toHaveLength(2);
    await page.getByRole('button', { name: 'Delete victim V2' }).click();
    await dialog.getByRole('button', { name: 'Delete victim' }).click();
    await page.getByText('The victim is deleted.').waitFor();
    await victims.getByRole('row', { name: /V2/ }).waitFor({ state: 'detached' });
    expect((await punjab.get(`/api/v1/cases/${caseId}/victims`)).body.map((v: { ref: string }) => v.ref)).toEqual([
      'V1',
    ]);
    await context.close();
  }, 180_000);

  it('shows a Punjab focal person "Not found" for a Sindh case\'s address', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, punjab.email, punjab.password, `/cases/${sindhId}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByText('South Karachi').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('shows an analyst the case without any control to change it', async () => {
    const analyst = await b.user('analyst');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, analyst.email, analyst.password, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Case FIR 0451/2024' }).waitFor();
    await tableOf(page, 'Victims').getByRole('row', { name: /V1/ }).waitFor();
    await tableOf(page, 'Prosecutions')
      .getByRole('row', { name: /D1 — Accused One/ })
      .waitFor();
    await page.getByText('You can read this case; your role does not change cases.').waitFor();
    expect(await page.getByRole('button', { name: /Edit|Add|Delete|Record|Remove/ }).count()).toBe(0);
    expect(await checkPage(page, 'case-page-analyst')).toEqual([]);

    // the list of every jurisdiction, with the province column
    await page.goto('/cases');
    await page.getByRole('link', { name: 'FIR 12/2024' }).waitFor();
    await page.getByRole('columnheader', { name: 'Province or territory' }).waitFor();
    expect(await checkPage(page, 'cases-list-national')).toEqual([]);
    await context.close();
  }, 60_000);

  it('pages through a long list with next and previous, each page in the address', async () => {
    const baloch = await b.user('focal_person', 'PK-BA');
    // 60 cases, FIR P-1 … P-60, dated one day apart: newest first, P-60 opens page 1
    await b.t.dataSource.query(
      `INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, fir_number, fir_year, fir_date,
                          offence_family, status, status_date, reporting_agency, reporting_unit_code)
       SELECT 'PK-BA', (SELECT code FROM districts WHERE jurisdiction_code = 'PK-BA' ORDER BY code LIMIT 1), 'PS Quetta', 'psquetta',
              'P-' || g, 2024, date '2024-01-01' + g, 'tip', 'registered', date '2024-01-01' + g, 'police', 'POLICE-PK-BA'
         FROM generate_series(1, 60) g`,
    );
    const firs = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => `FIR P-${from - i}/2024`);
    const page = await b.signedIn(baloch, '/cases');
    const listed = () => page.getByRole('link', { name: /^FIR / }).allTextContents();
    await page.getByText('Page 1 of 3 · 60 in all').waitFor();
    await eventually(listed, firs(60, 36));

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 3 · 60 in all').waitFor();
    await eventually(listed, firs(35, 11));
    expect(new URL(page.url()).searchParams.get('after')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 3 of 3 · 60 in all').waitFor();
    await eventually(listed, firs(10, 1));
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Page 2 of 3 · 60 in all').waitFor();
    await eventually(listed, firs(35, 11));
    expect(new URL(page.url()).searchParams.get('before')).toMatch(/^[0-9a-f-]{36}$/);
    // the address alone brings the same page back
    await page.reload();
    await page.getByText('Page 2 of 3 · 60 in all').waitFor();
    await eventually(listed, firs(35, 11));
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Page 1 of 3 · 60 in all').waitFor();
    await eventually(listed, firs(60, 36));
    expect([...new URL(page.url()).searchParams.keys()]).toEqual([]);
  }, 90_000);
});
