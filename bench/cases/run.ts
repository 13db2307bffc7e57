/**
 * Case list benchmark over the million cases of bench:statistics: an analyst's national list
 * with no filter and with each of the list's filters, and a Punjab Police focal person's own
 * list; the first page, page 1,000 reached by cursor (as the web application's "Next" reaches
 * it) and page 1,000 by number, 20 requests each (BENCH_RUNS). The baseline in the same run is
 * an authenticated request with one small query (GET /jurisdictions).
 * npm run bench:cases
 */
import { benchApp } from 'bench/support/bench-app';
import { benchDatabase, ms, percentile, timeRuns } from 'bench/support/bench-database';
import { loadMillionCases } from 'bench/statistics/load-data';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DEEP_PAGE = 1000;

const FILTERS = [
  '',
  'jurisdiction=PK-SD',
  'agency=fia',
  'district=PK628',
  'status=under_trial',
  'offenceFamily=som',
  'exploitationForm=forced_labour',
  'traffickingType=transnational',
  'firYear=2022',
  // one police station of the bench's 37, and part of a FIR number
  'search=ps%2017',
  'search=4242',
  // a search most cases match (ps1, ps10 … ps19: 30% of them) is counted case by case
  'search=ps%201',
  'sort=status',
  'sort=statusDate&order=asc',
];

async function main(): Promise<void> {
  const db = await benchDatabase();
  process.stdout.write('bench data (loaded once, kept between runs):\n');
  await loadMillionCases(db.url);
  const { app, base, token } = await benchApp(db.url);
  const tokens = { analyst: await token('analyst'), focal: await token('focal') };
  const get = async (who: 'analyst' | 'focal', path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${tokens[who]}` } });
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as { total: number; nextCursor: string | null };
  };
  const floor = await timeRuns(RUNS, () => get('analyst', '/jurisdictions'));
  const floorP95 = percentile(floor, 95);
  process.stdout.write(
    `\nbaseline GET /jurisdictions: p50 ${ms(percentile(floor, 50))}, p95 ${ms(floorP95)}; ${RUNS} requests per row\n`,
  );
  process.stdout.write(
    `${'who and filter'.padEnd(44)} ${'cases'.padStart(9)} ${'page'.padEnd(16)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'× base'.padStart(7)}\n`,
  );
  let worst = 0;
  const rows: Array<['analyst' | 'focal', string]> = [
    ...FILTERS.map((f) => ['analyst', f] as ['analyst', string]),
    ['focal', ''],
    ['focal', 'status=registered'],
  ];
  for (const [who, filter] of rows) {
    const list = `/cases?pageSize=25${filter ? `&${filter}` : ''}`;
    const first = await get(who, list);
    // the cursor of page 1,000: the last case of page 999 (found once, by number)
    const before = first.total > (DEEP_PAGE - 1) * 25 ? await get(who, `${list}&page=${DEEP_PAGE - 1}`) : null;
    const pages: Array<[string, string]> = [['1', list]];
    if (before?.nextCursor)
      pages.push([`${DEEP_PAGE} by cursor`, `${list}&page=${DEEP_PAGE}&after=${before.nextCursor}`]);
    if (before) pages.push([`${DEEP_PAGE} by number`, `${list}&page=${DEEP_PAGE}`]);
    for (const [page, path] of pages) {
      const times = await timeRuns(RUNS, () => get(who, path));
      const p95 = percentile(times, 95);
      if (!page.endsWith('by number')) worst = Math.max(worst, p95);
      process.stdout.write(
        `${`${who} ${filter || '(no filter)'}`.padEnd(44)} ${String(first.total).padStart(9)} ${page.padEnd(16)} ${ms(percentile(times, 50)).padStart(10)} ${ms(p95).padStart(10)} ${(p95 / floorP95).toFixed(1).padStart(7)}\n`,
      );
    }
  }
  process.stdout.write(`\nworst p95, first page and page ${DEEP_PAGE} by cursor: ${ms(worst)} (goal ≤ 100 ms)\n`);
  await app.close();
  await db.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
