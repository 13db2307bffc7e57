/**
 * Dashboard speed in a real browser: Debian's Chromium loads /dashboard against the service on
 * the million-case bench data, national ten years and one province one year, and the time from
 * navigation to every widget drawn (every card filled, every chart drawn with its figures) is
 * taken over BENCH_WEB_RUNS loads (default 10), p50 and p95. Beside it: the same statistics
 * requests sent straight to the API, all at once as the page sends them, over the same runs.
 * npm run bench:web
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, Page } from 'playwright-core';
import { BENCH_PASSWORD, benchApp } from 'bench/support/bench-app';
import { benchDatabase, ms, percentile } from 'bench/support/bench-database';
import { loadMillionCases } from 'bench/statistics/load-data';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 10);
const GOAL_MS = 2000;
const SCOPES: Record<string, string> = {
  'national 10y': 'from=2015-07-01&to=2025-06-30',
  'PK-PB 1y': 'from=2023-01-01&to=2023-12-31&jurisdiction=PK-PB',
};

/**
 * Every widget drawn: no loading message (`.loading`) left, and every chart drawn with the figures it was
 * given. A widget that shows a problem instead stops the bench with the problem's words.
 */
async function everyWidgetDrawn(page: Page, timeout = 120_000): Promise<void> {
  const handle = await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      if (!main) return false;
      const alert = main.querySelector('[role="alert"]');
      if (alert) return `problem: ${alert.textContent ?? ''}`;
      if (!main.querySelector('[data-panel]') || main.querySelector('.loading')) return false;
      const charts = [...main.querySelectorAll('.chart[role="img"]')];
      return charts.length > 0 && charts.every((c) => c.getAttribute('data-drawn') === 'true') && 'drawn';
    },
    undefined,
    { polling: 'raf', timeout },
  );
  const state = (await handle.jsonValue()) as string;
  if (state !== 'drawn') throw new Error(`the dashboard did not draw: ${state}`);
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-if-needed.js'), '--web'], { stdio: 'inherit' });
  const db = await benchDatabase();
  process.stdout.write('bench data (loaded once, kept between runs):\n');
  await loadMillionCases(db.url);
  const { app, base, token } = await benchApp(db.url);
  const origin = base.replace(/\/api\/v1$/, '');
  const bearer = await token('analyst');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1366, height: 768 } });
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: 'bench-analyst@bench.test', password: BENCH_PASSWORD, session: 'cookie' },
    });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);

    process.stdout.write(`\ndashboard, ${RUNS} loads each (goal: every widget drawn ≤ ${GOAL_MS} ms p95)\n`);
    process.stdout.write(
      `${'scope'.padEnd(14)} ${'page p50'.padStart(10)} ${'page p95'.padStart(10)} ${'API p50'.padStart(10)} ${'API p95'.padStart(10)}  requests\n`,
    );
    for (const [name, query] of Object.entries(SCOPES)) {
      const page = await context.newPage();
      const statistics: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/statistics/')) statistics.push(r.url());
      });
      // a first load warms the browser's cache of the application and ECharts, as for a returning
      // analyst (and lets the service bring its monthly figures up to date after the bulk load)
      const t0 = performance.now();
      await page.goto(`/dashboard?${query}`);
      await everyWidgetDrawn(page, 900_000);
      process.stdout.write(`${name.padEnd(14)} first load ${ms(performance.now() - t0)}\n`);
      const requests = [...new Set(statistics)];
      const pageTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto('about:blank');
        const t0 = performance.now();
        await page.goto(`/dashboard?${query}`);
        await everyWidgetDrawn(page);
        pageTimes.push(performance.now() - t0);
      }
      // the same requests straight to the API, all at once as the page sends them
      const apiTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await Promise.all(
          requests.map(async (url) => {
            const res = await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } });
            if (!res.ok) throw new Error(`${url}: ${res.status}`);
            await res.arrayBuffer();
          }),
        );
        apiTimes.push(performance.now() - t0);
      }
      const p = (xs: number[], q: number) => ms(percentile(xs, q)).padStart(10);
      process.stdout.write(
        `${name.padEnd(14)} ${p(pageTimes, 50)} ${p(pageTimes, 95)} ${p(apiTimes, 50)} ${p(apiTimes, 95)}  ${requests.length}` +
          `  (page/API p95 ${(percentile(pageTimes, 95) / percentile(apiTimes, 95)).toFixed(2)}×)\n`,
      );
      // where the time goes: each request alone, the slowest first
      const alone: Array<[string, number]> = [];
      for (const url of requests) {
        const t0 = performance.now();
        await (await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } })).arrayBuffer();
        alone.push([url.replace(/^.*\/statistics\//, ''), performance.now() - t0]);
      }
      alone.sort((a, b) => b[1] - a[1]);
      for (const [url, t] of alone.slice(0, 5)) process.stdout.write(`    alone ${ms(t).padStart(10)}  ${url}\n`);
      await page.close();
    }
  } finally {
    await browser.close();
    await app.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
