/**
 * Import benchmark: a 100,000-case workbook (≈150k victims, ≈150k defendants, ≈100k
 * prosecutions); bare exceljs streaming parse (the baseline, timed first, before the
 * re-uploads and last, each phase set against the parses nearest it, so that a machine whose
 * speed drifts during the run shows it and counts less), dry run, first commit and the same
 * file again, each in its own process.  npm run bench:import
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { benchDatabase } from 'bench/support/bench-database';
import { generateWorkbook } from 'bench/import/generate';
import { CpuUse } from 'bench/support/cpu-meter';
import { CASE_DELTAS_UP_TO } from 'src/statistics/statistics.repository';
import { buildReaderWorker } from 'test/support/reader-worker-build';

const FILE = process.env.BENCH_IMPORT_FILE ?? '/tmp/tip-bench-import.xlsx';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
/** The same workbook with every 60th case's victims and defendants one year older: ≈1% of its rows changed. */
const CHANGED_FILE = FILE.replace(/\.xlsx$/, '-changed.xlsx');
const CHANGE_EVERY = 60;

/** What bench/import/phase.ts prints: status, counts and errors only for the phases that import. */
interface PhaseResult {
  phase: string;
  seconds: number;
  rssMb: number;
  cpu: CpuUse;
  detail: {
    rows: number;
    status?: string;
    counts?: unknown;
    errors?: number;
    firstErrors?: unknown[];
    statisticsSeconds?: number | null;
  };
}

async function main(): Promise<void> {
  const db = await benchDatabase('tip_bench_import_test');
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    'TRUNCATE cases, victims, defendants, prosecutions, convictions, case_status_events, route_points, import_batches CASCADE',
  );
  // the statistics cube keeps the keys earlier runs gave it, as the cube in use holds most of what a month's upload
  // adds to; its dead rows are cleared, so that on a server without autovacuum a run is not slower than the last
  const cube = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'statistics\\_%'`,
  );
  await client.query(`VACUUM ANALYZE ${cube.rows.map((row) => row.name).join(', ')}`);
  const districts = (await client.query<{ name: string }>('SELECT name FROM districts ORDER BY code')).rows;
  await client.end();
  if (!existsSync(FILE) || !existsSync(CHANGED_FILE) || process.env.BENCH_REGENERATE) {
    const t0 = performance.now();
    const { rows } = await generateWorkbook(FILE, districts, CASES);
    await generateWorkbook(CHANGED_FILE, districts, CASES, '', CHANGE_EVERY);
    process.stdout.write(`generated ${rows} data rows (twice) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`workbook: ${(statSync(FILE).size / 1048576).toFixed(1)} MB, ${CASES} cases\n\n`);
  // the reading worker compiled, as the service runs it (from TypeScript sources, each upload's worker would compile them first)
  const worker = buildReaderWorker(process.cwd(), `bench-${process.pid}`);
  const results: PhaseResult[] = [];
  for (const [phase, file] of [
    ['parse', FILE],
    ['dry-run', FILE],
    ['commit', FILE],
    ['db-floor', FILE],
    ['parse', FILE],
    ['re-upload', FILE],
    ['re-upload 1%', CHANGED_FILE],
    ['parse', FILE],
  ]) {
    const out = execFileSync(
      process.execPath,
      [
        `--max-old-space-size=${process.env.BENCH_HEAP_MB ?? 1024}`,
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'bench/import/phase.ts',
        phase,
        file,
        db.url,
      ],
      { encoding: 'utf8', env: { ...process.env, TIP_READER_WORKER: worker } },
    );
    results.push(JSON.parse(out.trim().split('\n').pop()!) as PhaseResult);
  }
  rmSync(dirname(worker), { recursive: true, force: true });
  // each phase against the parses timed nearest it, before and after: this machine's speed drifts within a run
  const parseAt = results.flatMap((r, i) => (r.phase === 'parse' ? [i] : []));
  const baseOf = (i: number) => {
    const before = results[parseAt.filter((p) => p <= i).pop() ?? parseAt[0]].seconds;
    const after = results[parseAt.find((p) => p >= i) ?? parseAt[parseAt.length - 1]].seconds;
    return (before + after) / 2;
  };
  const rows = results[0].detail.rows;
  const cpuSeconds = (s: number | null) => (s === null ? '–' : s.toFixed(1)).padStart(9);
  process.stdout.write(
    `${'phase'.padEnd(12)} ${'seconds'.padStart(8)} ${'rows/s'.padStart(9)} ${'peak RSS'.padStart(9)} ${'× parse'.padStart(8)} ${'node CPU'.padStart(9)} ${'db CPU'.padStart(9)} ${'backend'.padStart(9)}  result\n`,
  );
  for (const [i, r] of results.entries()) {
    const d = r.detail;
    const result =
      r.phase === 'parse'
        ? `${rows} rows`
        : `${d.status}; ${JSON.stringify(d.counts)}${d.errors ? `; ${d.errors} errors ${JSON.stringify(d.firstErrors)}` : ''}`;
    process.stdout.write(
      `${r.phase.padEnd(12)} ${r.seconds.toFixed(1).padStart(8)} ${Math.round(rows / r.seconds)
        .toString()
        .padStart(
          9,
        )} ${`${r.rssMb} MB`.padStart(9)} ${(r.seconds / baseOf(i)).toFixed(2).padStart(8)} ${cpuSeconds(r.cpu.node)} ${cpuSeconds(r.cpu.database)} ${cpuSeconds(r.cpu.backend)}  ${result}\n`,
    );
  }
  process.stdout.write(
    `\n× parse: against the mean of the parses timed just before and just after the phase (${parseAt.map((i) => results[i].seconds.toFixed(1)).join(', ')} s)\n`,
  );
  process.stdout.write(
    "CPU in seconds: node is the phase's process, all its threads; db the database server, all its processes; backend its busiest\n",
  );
  process.stdout.write(
    "process, the import's connection, which runs one statement at a time (– when the server is not on this machine)\n",
  );
  const seconds = (phase: string) => results.find((r) => r.phase === phase)!.seconds;
  process.stdout.write(
    `commit against the database floor (the same rows written by the database alone): ${(seconds('commit') / seconds('db-floor')).toFixed(2)}×\n`,
  );
  const statistics = results.find((r) => r.phase === 'db-floor')!.detail.statisticsSeconds;
  if (statistics != null)
    process.stdout.write(
      `the commit takes the statistics in before it ends (up to ${CASE_DELTAS_UP_TO.toLocaleString('en')} cases): by the database alone ${statistics.toFixed(1)} s; ` +
        `commit against the floor with them ${(seconds('commit') / (seconds('db-floor') + statistics)).toFixed(2)}×\n`,
    );
  process.stdout.write(
    'goals: re-upload ≤ 1.5× parse, re-upload 1% ≤ 1.6× parse, commit ≤ 1.3× the database floor, peak RSS ≤ 1024 MB\n',
  );
  await db.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
