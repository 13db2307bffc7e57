import { DEMO_PASSWORD } from 'src/demo/demo-accounts.service';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

/** The banner that keeps demonstration data from being mistaken for real cases. */
describe('demonstration data in the browser', () => {
  let demo: BrowserApp;
  beforeAll(async () => {
    demo = await startBrowserApp({ DEMO: 'true', DEMO_CASES: '60' });
  });
  afterAll(() => demo?.close());

  it('shows "Demonstration data" on every page of a demo service, from sign-in on', async () => {
    const context = await demo.newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('note').filter({ hasText: 'Demonstration data' }).waitFor();
    expect(await checkPage(page, 'demo-sign-in')).toEqual([]);
    const admin = (
      await demo.t.dataSource.query(`SELECT email FROM users WHERE role = 'admin' ORDER BY email LIMIT 1`)
    )[0];
    await signInThroughPage(page, admin.email, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await page.getByRole('note').filter({ hasText: 'Demonstration data' }).waitFor();
    await context.close();
  });

  it('shows no banner on a service with real data', async () => {
    const real = await startBrowserApp();
    try {
      const context = await real.newContext();
      const page = await context.newPage();
      // the answer that decides it has arrived before the page is judged
      const about = page.waitForResponse((r) => r.url().endsWith('/api/v1/about'));
      await page.goto('/sign-in');
      expect(await (await about).json()).toMatchObject({ demo: false });
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await page.getByText('Demonstration data').count()).toBe(0);
      await context.close();
    } finally {
      await real.close();
    }
  });
});
