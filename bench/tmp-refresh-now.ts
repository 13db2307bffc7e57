import { Client } from 'pg';
import { ANALYZE_CUBE, HAS_WHOLE, recomputeSettings, recomputeSql, REFRESH_LOCK, TAKE_DIRTY } from 'src/statistics/statistics-cube.sql';
async function main() {
  const db = new Client({ connectionString: process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/tip_bench_test' });
  await db.connect();
  await db.query('BEGIN');
  await db.query(REFRESH_LOCK);
  for (const sql of TAKE_DIRTY) await db.query(sql);
  const { rows: [{ whole }] } = await db.query(HAS_WHOLE);
  for (const sql of [...recomputeSettings(whole), ...recomputeSql(whole), ANALYZE_CUBE]) { const t0 = Date.now(); const r = await db.query(sql); console.log(Date.now() - t0, 'ms', r.rowCount, sql.slice(0, 60).replace(/\s+/g, ' ')); }
  await db.query('COMMIT');
  await db.end();
}
main();
