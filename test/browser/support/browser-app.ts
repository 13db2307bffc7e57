import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { Role } from 'src/users/user.entity';
import { signIn, Agent } from 'test/support/agent';
import { createTestApp, TestApp, TEST_PASSWORD } from 'test/support/test-app';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

/** The real service (its web application built by the global setup) listening on 127.0.0.1, and a Chromium. */
export interface BrowserApp {
  readonly t: TestApp;
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh browser profile (no cookies) at laptop size. */
  newContext(): Promise<BrowserContext>;
  /** A new user of this role (and jurisdiction), with an API agent of their own and the password to type. */
  user(role: Role, jurisdiction?: string): Promise<Agent & { password: string }>;
  /** A page of a fresh browser profile, signed in as `who` through the sign-in page, at `path` (closed by `close`). */
  signedIn(who: { email: string; password: string }, path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const t = await createTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const newContext = () => browser.newContext({ baseURL: baseUrl, viewport: VIEWPORTS.laptop, locale: 'en-GB' });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    newContext,
    user: async (role, jurisdiction) => ({ ...(await signIn(t, role, jurisdiction)), password: TEST_PASSWORD }),
    signedIn: async (who, path) => {
      const context = await newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signInThroughPage(page, who.email, who.password, path);
      return page;
    },
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughPage(page: Page, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    interface Found {
      id: string;
      impact: string | null;
      help: string;
      nodes: unknown[];
    }
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Found[] }> } })
      .axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Checks the page with axe-core and writes its screenshots at laptop and phone sizes
 * (`test/browser/screenshots/<name>-1366x768.png`, `-390x844.png`); the page is left at laptop size.
 */
export async function checkPage(page: Page, name: string): Promise<AxeViolation[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: AxeViolation[] = [];
  for (const viewport of [VIEWPORTS.phone, VIEWPORTS.laptop]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(50);
    problems.push(...(await seriousAccessibilityProblems(page)));
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`),
      fullPage: true,
    });
  }
  return problems;
}
