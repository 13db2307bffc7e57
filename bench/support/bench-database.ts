import { Client } from 'pg';
import { migrateAndSeed } from 'src/database/migrate';
import { createDatabase, resolveTestServer } from 'test/support/test-database';

/**
 * The benchmarks' own database (`tip_bench_test`) on the tests' server — TEST_DATABASE_URL /
 * DATABASE_URL, else the embedded one — migrated and seeded, kept between runs so that the
 * million-case load happens once.
 */
export async function benchDatabase(name = 'tip_bench_test'): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = await resolveTestServer();
  const admin = new Client({ connectionString: `${server.serverUrl}/postgres` });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  await admin.end();
  if (!exists) await createDatabase(server.serverUrl, name);
  const url = `${server.serverUrl}/${name}`;
  await migrateAndSeed(url);
  return { url, stop: server.stop };
}

/** Peak resident memory of this process, sampled every 20 ms (the resident size alone: the full memoryUsage() walks the heap). */
export function rssMeter(): { peakMb: () => number; stop: () => void } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return {
    peakMb: () => Math.round(Math.max(peak, process.memoryUsage.rss()) / 1048576),
    stop: () => clearInterval(timer),
  };
}

/** The times (ms) of `runs` calls of `fn`, one at a time, after one call to warm up. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
