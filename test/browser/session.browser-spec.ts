import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BrowserApp, checkPage, signInThroughPage, startBrowserApp } from 'test/browser/support/browser-app';

/** Sign-in, sign-out, an ended session, and the browser session's defences, in Chromium. */
describe('browser session', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('sends a signed-out visitor to sign-in, refuses a wrong password in words, and returns them where they were going', async () => {
    const user = await b.user('analyst');
    const context = await b.newContext();
    const page = await context.newPage();
    await page.goto('/some/deep/page?x=1');
    await page.waitForURL(/\/sign-in\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/some/deep/page?x=1');
    expect(await checkPage(page, 'sign-in')).toEqual([]);

    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The e-mail or password is not right.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/some/deep/page');
    // an unknown page of the application, shown inside it to a signed-in user
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await page.getByText(`Signed in as ${user.email}`).waitFor();
    expect(await checkPage(page, 'home')).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?reason=signed-out/);
    await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
    // the signed-out cookie opens nothing any more
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });

  it('keeps the session token out of page scripts: an httpOnly, SameSite=Strict cookie', async () => {
    const user = await b.user('analyst');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, user.email, user.password);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'tip_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('tip_session');
    // nor is it anywhere a script could read it
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(session!.value);
    await context.close();
  });

  it('serves every page with a Content-Security-Policy that allows no inline script and no framing', async () => {
    const context = await b.newContext();
    const page = await context.newPage();
    const response = await page.goto('/sign-in');
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // served over plain http on an intranet, the page's assets must not be sent to https
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response!.headers()['x-frame-options']).toBe('SAMEORIGIN');
    await context.close();
  });

  it('refuses a forged cross-site POST and a same-site write without the CSRF header, and changes nothing', async () => {
    const user = await b.user('admin');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, user.email, user.password);
    const before = await b.t.dataSource.query('SELECT count(*)::int AS n FROM users');

    // another site (localhost is not the site 127.0.0.1) posting a form to the service in the signed-in browser
    const target = `${b.baseUrl}/api/v1/users`;
    const evil: Server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(
        `<form id="f" method="POST" action="${target}" enctype="text/plain">` +
          `<input name='{"email":"evil@x.example","role":"admin","password":"x","a":"' value='"}'></form>` +
          `<script>document.getElementById('f').submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
      const forged = page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST');
      await page.goto(evilUrl);
      expect([401, 403]).toContain((await forged).status());
    } finally {
      evil.close();
    }

    // from the application's own origin, a script that leaves out the header is refused too
    await page.goto('/');
    const sameSite = await page.evaluate(async (url) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'evil2@x.example', role: 'admin' }),
      });
      return { status: res.status, body: (await res.json()) as { code: string } };
    }, target);
    expect(sameSite).toEqual({ status: 403, body: expect.objectContaining({ code: 'AUTH.CSRF' }) });
    expect(await b.t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
    await context.close();
  });

  it('sends a user whose session was revoked to sign-in with a message, and back to the page after', async () => {
    const user = await b.user('analyst');
    const context = await b.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, user.email, user.password, '/elsewhere?tab=2');
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();

    // signed out everywhere (as a password reset or a disabled account is): the page's next request finds out
    await user.post('/api/v1/auth/logout').expect(204);
    await page.reload();
    await page.waitForURL(/\/sign-in\?reason=expired/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/elsewhere?tab=2');
    await page.getByRole('status').filter({ hasText: 'Your session has ended.' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'tip_session')).toBeUndefined();

    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/elsewhere' && url.search === '?tab=2');
    await context.close();
  });

  it('can be used from the keyboard alone: skip link, sign-in form, navigation', async () => {
    const user = await b.user('focal_person', 'PK-PB');
    const context = await b.newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
      );
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to main content');
    await page.keyboard.press('Tab');
    expect(await page.getByLabel('E-mail').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    // the main navigation is reached by Tab and followed with Enter
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()) === 'Upload') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/upload');
    await context.close();
  });
});
