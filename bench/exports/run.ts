/**
 * Exports benchmark on the statistics benchmark's million cases: the monthly workbooks
 * (goal ≤ 10 s) and the full case export in csv and xlsx (goal peak RSS ≤ 512 MB), each in
 * its own process.  npm run bench:exports
 */
import { execFileSync } from 'node:child_process';
import { benchDatabase } from 'bench/support/bench-database';
import { loadMillionCases } from 'bench/statistics/load-data';

async function main(): Promise<void> {
  const db = await benchDatabase();
  await loadMillionCases(db.url);
  process.stdout.write(
    `${'export'.padEnd(18)} ${'seconds'.padStart(8)} ${'rows'.padStart(9)} ${'rows/s'.padStart(9)} ${'MB out'.padStart(8)} ${'peak RSS'.padStart(9)}\n`,
  );
  for (const what of (process.env.BENCH_EXPORTS ?? 'monthly-ministry,monthly-internal,csv,xlsx').split(',')) {
    const out = execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'bench/exports/phase.ts',
        what,
        db.url,
      ],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      what: string;
      seconds: number;
      rows: number;
      bytes: number;
      rssMb: number;
    };
    process.stdout.write(
      `${r.what.padEnd(18)} ${r.seconds.toFixed(1).padStart(8)} ${String(r.rows || '').padStart(9)} ${(r.rows ? Math.round(r.rows / r.seconds) : '').toString().padStart(9)} ${(r.bytes / 1048576).toFixed(1).padStart(8)} ${`${r.rssMb} MB`.padStart(9)}\n`,
    );
  }
  process.stdout.write('\ngoals: monthly workbook ≤ 10 s; case export peak RSS ≤ 512 MB\n');
  await db.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
