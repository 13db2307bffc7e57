/** One timed phase of the import benchmark, in a process of its own so its peak memory is its own. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { benchApp } from 'bench/support/bench-app';
import { rssMeter } from 'bench/support/bench-database';
import { cpuMeter, CpuUse } from 'bench/support/cpu-meter';
import { ImportsService } from 'src/imports/imports.service';
import * as CUBE from 'src/statistics/statistics-cube.sql';
import { CASE_DELTAS_UP_TO } from 'src/statistics/statistics.repository';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { User } from 'src/users/user.entity';

async function main(): Promise<void> {
  const [phase, file, url] = process.argv.slice(2);
  const meter = rssMeter();
  let seconds: number;
  let detail: unknown;
  let cpu: CpuUse;
  if (phase === 'parse') {
    const cpuUse = await cpuMeter(url);
    const t0 = performance.now();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([readFileSync(file)]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    let rows = 0;
    for await (const ws of reader) for await (const _row of ws as AsyncIterable<unknown>) rows++;
    seconds = (performance.now() - t0) / 1000;
    cpu = cpuUse.stop();
    detail = { rows };
  } else if (phase === 'db-floor') {
    ({ seconds, cpu, detail } = await databaseFloor(url));
  } else {
    const { app, token } = await benchApp(url);
    await token('admin');
    const admin = await app.get(DataSource).getRepository(User).findOneByOrFail({ email: 'bench-admin@bench.test' });
    const buffer = readFileSync(file);
    const cpuUse = await cpuMeter(url);
    const t0 = performance.now();
    const batch = await app
      .get(ImportsService)
      .start(
        { id: admin.id, email: admin.email, role: 'admin', reportingUnit: null },
        { originalname: 'bench.xlsx', buffer },
        { dryRun: phase === 'dry-run', wait: true },
      );
    seconds = (performance.now() - t0) / 1000;
    cpu = cpuUse.stop();
    detail = {
      status: batch.status,
      counts: batch.counts,
      errors: batch.errorCount,
      firstErrors: batch.errors.slice(0, 3),
      rows: batch.rowsProcessed,
    };
    await app.close();
  }
  meter.stop();
  process.stdout.write(JSON.stringify({ phase, seconds, rssMb: meter.peakMb(), cpu, detail }) + '\n');
}

/** The tables an import writes, in an order their foreign keys accept. */
const WRITTEN = ['cases', 'case_status_events', 'route_points', 'victims', 'defendants', 'prosecutions', 'convictions'];

/** The statistics taken in by the database alone, as a commit takes them in before it ends (StatisticsRepository.refreshWithin). */
const TAKE_STATISTICS = [
  CUBE.REFRESH_LOCK,
  ...CUBE.HOLD_MARKED_CASES,
  ...CUBE.TAKE_MARKS,
  CUBE.MARKS_HELD,
  CUBE.deltaSql().join(';\n'),
  CUBE.NEXT_GENERATION,
];

/**
 * The database floor: the rows the commit wrote, written again by the database alone — one
 * INSERT … SELECT per table from a copy, into the same tables with all their indexes,
 * constraints and triggers, in one transaction, rolled back. No reading, parsing, checking or
 * comparing: what no import of these rows can go below. Then, timed apart, the statistics taken
 * in from them as the commit takes them in (up to CASE_DELTAS_UP_TO cases; more, and it leaves them
 * to a refresh after it): `statisticsSeconds`, null when it would not.
 */
async function databaseFloor(url: string): Promise<{ seconds: number; cpu: CpuUse; detail: unknown }> {
  const db = new Client({ connectionString: url, options: '-c jit=off' }); // as the service connects
  await db.connect();
  try {
    await db.query('BEGIN');
    for (const table of WRITTEN)
      await db.query(`CREATE TEMP TABLE floor_${table} ON COMMIT DROP AS SELECT * FROM ${table}`);
    await db.query(`TRUNCATE ${WRITTEN.join(', ')}, statistics_dirty, statistics_changes CASCADE`);
    const cpuUse = await cpuMeter(url);
    const t0 = performance.now();
    let rows = 0;
    for (const table of WRITTEN)
      rows += (await db.query(`INSERT INTO ${table} SELECT * FROM floor_${table}`)).rowCount ?? 0;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuUse.stop();
    const [{ cases }] = (await db.query<{ cases: number }>('SELECT count(*)::int AS cases FROM cases')).rows;
    const t1 = performance.now();
    if (cases <= CASE_DELTAS_UP_TO) for (const sql of TAKE_STATISTICS) await db.query(sql);
    const statisticsSeconds = cases <= CASE_DELTAS_UP_TO ? (performance.now() - t1) / 1000 : null;
    await db.query('ROLLBACK');
    return {
      seconds,
      cpu,
      detail: { rows, status: 'rolled back', counts: `${rows} rows in ${WRITTEN.length} tables`, statisticsSeconds },
    };
  } finally {
    await db.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
