import { RemindersService } from 'src/reminders/reminders.service';
import { deadlineOf } from 'src/submissions/submission-months';
import { Agent } from 'test/support/agent';
import { BrowserApp, checkPage, startBrowserApp } from 'test/browser/support/browser-app';

const DAY = 24 * 3600_000;

/**
 * A reminder in the application: the daily run leaves a notice for the focal persons of a unit
 * whose month is due soon; the header says how many are unread, the notices page shows it,
 * leads to the submissions, and marks it read. Another user's notices stay theirs.
 */
describe('notices in the browser', () => {
  let b: BrowserApp;
  let focal: Agent & { password: string };
  let analyst: Agent & { password: string };
  const month = '2026-10';

  const open = (who: Agent & { password: string }, path: string) => b.signedIn(who, path);

  beforeAll(async () => {
    b = await startBrowserApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
    focal = await b.user('focal_person', 'PK-PB');
    analyst = await b.user('analyst');
    // two days before the deadline of October 2026 the daily run finds Punjab's month not submitted
    const run = await b.t.app.get(RemindersService).sendDue(new Date(deadlineOf(month, 10).getTime() - 2 * DAY));
    expect(run).toMatchObject({ month, notices: 1 });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it('shows the unread notice in the header, on its page, leads to the submissions and marks it read', async () => {
    const page = await open(focal, '/');
    const link = page.getByRole('link', { name: /^Notices\s*, 1 unread$/ });
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/notices$/);
    await page.getByRole('heading', { level: 1, name: 'Notices' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'October 2026' });
    await expect(item.textContent()).resolves.toContain(
      'The monthly report of Punjab Police for October 2026 is due by 10 November 2026 and has not been submitted yet.',
    );
    await expect(item.textContent()).resolves.toContain('Unread');
    expect(await checkPage(page, 'notices')).toEqual([]);

    await item.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('link', { name: 'Notices', exact: true }).waitFor();
    await item.getByText(/^Read /).waitFor();
    expect(await item.getByRole('button', { name: 'Mark as read' }).count()).toBe(0);
    // the service keeps it read: a fresh page says so too
    const [notice] = (await focal.get('/api/v1/notices')).body as Array<{ readAt: string | null }>;
    expect(notice.readAt).not.toBeNull();
    await page.reload();
    await page.getByRole('link', { name: 'Notices', exact: true }).waitFor();

    await item.getByRole('link', { name: 'Go to my submissions' }).click();
    await page.waitForURL(/\/submissions$/);
    await page.getByRole('heading', { level: 1, name: 'My submissions' }).waitFor();
  });

  it("shows an analyst none of the focal person's notices", async () => {
    const page = await open(analyst, '/notices');
    await page.getByText('You have no notices.').waitFor();
    expect(await page.getByRole('link', { name: /unread/ }).count()).toBe(0);
    expect(await checkPage(page, 'notices-none')).toEqual([]);
  });
});
