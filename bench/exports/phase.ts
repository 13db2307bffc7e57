/** One timed export, in a process of its own so its peak memory is its own. */
import { createWriteStream } from 'node:fs';
import { DataSource } from 'typeorm';
import { benchApp } from 'bench/support/bench-app';
import { rssMeter } from 'bench/support/bench-database';
import { CaseExportService } from 'src/exports/case-export.service';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { User } from 'src/users/user.entity';

async function main(): Promise<void> {
  const [what, url] = process.argv.slice(2);
  const { app, token } = await benchApp(url);
  await token('admin');
  const user = await app.get(DataSource).getRepository(User).findOneByOrFail({ email: 'bench-admin@bench.test' });
  const actor = { id: user.id, email: user.email, role: 'admin' as const, reportingUnit: null };
  const meter = rssMeter();
  const t0 = performance.now();
  let rows = 0;
  let bytes: number;
  if (what === 'monthly-ministry' || what === 'monthly-internal') {
    const saved = await app
      .get(MonthlyExportsService)
      .generate('2024-06', what === 'monthly-ministry' ? 'ministry' : 'internal', actor, 'on_demand');
    bytes = saved.size;
  } else {
    const out = createWriteStream(`/tmp/tip-bench-cases.${what}`);
    rows = await app.get(CaseExportService).write(actor, { format: what as 'csv' | 'xlsx' }, out);
    if (!out.closed) await new Promise<void>((resolve) => out.on('close', () => resolve()));
    bytes = out.bytesWritten;
  }
  const seconds = (performance.now() - t0) / 1000;
  meter.stop();
  process.stdout.write(JSON.stringify({ what, seconds, rows, bytes, rssMb: meter.peakMb() }) + '\n');
  await app.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
