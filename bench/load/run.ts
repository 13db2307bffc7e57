/**
 * The service under load on the million-case bench data, running as `npm start` runs it (its
 * own process, the background refresh of the statistics on): BENCH_LOAD_CONNECTIONS (50) clients
 * for BENCH_LOAD_SECONDS (30) s, each request drawn at random from a mix of statistics, case
 * list and case detail, half as analysts (national) and half as Punjab Police focal persons
 * (their unit's), while one focal person's upload of BENCH_LOAD_IMPORT_CASES (20,000) new cases
 * runs, after BENCH_LOAD_WARM_SECONDS (30) s of the same mix without the upload on the service just
 * started (printed too: the cold start). Prints throughput, p50/p99, errors and CPU per request of
 * the mix and of a bare /health run with the same clients (the baseline), and how the upload went;
 * BENCH_LOAD_KINDS narrows the mix to some kinds of request.  npm run bench:load
 */
import { ChildProcess } from 'node:child_process';
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { generateWorkbook } from 'bench/import/generate';
import { BENCH_ENV, benchApp, uploadWorkbook } from 'bench/support/bench-app';
import { benchDatabase, ms, percentile } from 'bench/support/bench-database';
import { cpuMeter, machineMeter, processCpuSeconds } from 'bench/support/cpu-meter';
import { loadMillionCases } from 'bench/statistics/load-data';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { buildService, startBuiltService } from 'test/support/built-service';
import { freePort } from 'test/support/own-postgres';

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const IMPORT_CASES = Number(process.env.BENCH_LOAD_IMPORT_CASES ?? 20_000);
/**
 * Seconds of the mix (no upload) run first, on the service just started: its line is the cold
 * start (every statistics question asked for the first time); the measured mix then meets a
 * service that has answered them before, as one in use has. 0: the measured mix is the cold start.
 */
const WARM_SECONDS = Number(process.env.BENCH_LOAD_WARM_SECONDS ?? 30);
const GOAL_P99_MS = 500;

const ALL_KINDS = ['statistics', 'case list', 'case detail'] as const;
type Kind = (typeof ALL_KINDS)[number];
/** The kinds of request the mix draws (BENCH_LOAD_KINDS, comma-separated; all three by default), to see what each costs alone. */
const KINDS = (process.env.BENCH_LOAD_KINDS ?? ALL_KINDS.join(',')).split(',').map((k) => k.trim());
// a kind the mix never draws would have it draw for ever
for (const kind of KINDS)
  if (!(ALL_KINDS as readonly string[]).includes(kind))
    throw new Error(`BENCH_LOAD_KINDS: "${kind}" is none of ${ALL_KINDS.join(', ')}`);

interface Request {
  kind: Kind;
  path: string;
  token: string;
}

/** A year's, five years' and ten years' periods, national and by jurisdiction, as the dashboard asks them. */
const PERIODS = [
  'from=2024-01-01&to=2024-12-31',
  'from=2020-01-01&to=2024-12-31',
  'from=2015-07-01&to=2025-06-30',
  'from=2023-04-01&to=2023-06-30',
];
const STATISTICS = [
  'summary',
  'status',
  'demographics?population=victims',
  'trends?metric=casesRegistered',
  'routes?limit=25',
  'attrition',
];

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const join2 = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

/** One request of the mix, for an analyst or a focal person, of the kinds BENCH_LOAD_KINDS names. */
function requestOf(
  role: 'analyst' | 'focal',
  tokens: { analyst: string; focal: string },
  caseIds: { all: string[]; punjab: string[] },
): Request {
  for (;;) {
    const r = anyRequestOf(role, tokens, caseIds);
    if (KINDS.includes(r.kind)) return r;
  }
}

function anyRequestOf(
  role: 'analyst' | 'focal',
  tokens: { analyst: string; focal: string },
  caseIds: { all: string[]; punjab: string[] },
): Request {
  const token = tokens[role];
  const roll = Math.random();
  if (roll < 0.4) {
    const jurisdiction =
      role === 'analyst' && Math.random() < 0.5 ? `&jurisdiction=${pick(['PK-PB', 'PK-SD', 'PK-KP'])}` : '';
    return {
      kind: 'statistics',
      path: `/api/v1/statistics/${join2(pick(STATISTICS), pick(PERIODS))}${jurisdiction}`,
      token,
    };
  }
  if (roll < 0.7) {
    // a search for part of a FIR number, as a focal person looks a case up
    const fir = `&search=${1000 + Math.floor(Math.random() * 9000)}`;
    const filter = pick(['', '&status=under_trial', '&firYear=2022', fir, '&sort=firDate&order=asc']);
    const jurisdiction = role === 'analyst' ? pick(['', '&jurisdiction=PK-SD']) : '';
    return {
      kind: 'case list',
      path: `/api/v1/cases?page=${1 + Math.floor(Math.random() * 20)}&pageSize=25${filter}${jurisdiction}`,
      token,
    };
  }
  return {
    kind: 'case detail',
    path: `/api/v1/cases/${pick(role === 'analyst' ? caseIds.all : caseIds.punjab)}`,
    token,
  };
}

interface Run {
  result: autocannon.Result;
  /** CPU seconds during the run: the service's process, the database server's, autocannon's (this process). */
  cpu: { service: number; database: number | null; bench: number };
  /** Shares of the machine's processor time: idle, and taken by the host for others. */
  machine: { idle: number; steal: number };
  errors: Map<string, number>;
  /** Each kind's response times (ms), from the request's making to its answer read. */
  times: Map<string, number[]>;
  /** Each kind's requests still unanswered when the run ended, by how long they had waited (ms). */
  unanswered: Map<string, number[]>;
}

/** What autocannon keeps per connection: the request in flight on it, while one is. */
interface InFlight {
  kind?: Kind;
  sent?: number;
  waiting?: boolean;
}

/** autocannon against `url` with the given request maker; answers other than 2xx counted by the kind of request (connection errors and timeouts are in the result). */
async function run(
  url: string,
  next: () => Request | null,
  seconds: number,
  meter: { service: number; database: string },
): Promise<Run> {
  const serviceBefore = processCpuSeconds(meter.service) ?? 0;
  const cpu = await cpuMeter(meter.database);
  const machine = machineMeter();
  const errors = new Map<string, number>();
  const times = new Map<string, number[]>();
  const connections = new Set<InFlight>();
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req, context: InFlight) => {
          context.sent = performance.now();
          context.waiting = true;
          connections.add(context);
          const r = next();
          if (!r) return req;
          context.kind = r.kind;
          return { ...req, path: r.path, headers: { ...req.headers, authorization: `Bearer ${r.token}` } };
        },
        onResponse: (status, _body, context: InFlight) => {
          const kind = context.kind ?? 'health';
          context.waiting = false;
          push(times, kind, performance.now() - (context.sent ?? 0));
          if (status < 200 || status >= 300)
            errors.set(`${kind} HTTP ${status}`, (errors.get(`${kind} HTTP ${status}`) ?? 0) + 1);
        },
      },
    ],
  });
  const result = await instance;
  // a request still waiting when the run ends is in no latency autocannon gives: its wait so far is kept apart
  const ended = performance.now();
  const unanswered = new Map<string, number[]>();
  for (const context of connections)
    if (context.waiting) push(unanswered, context.kind ?? 'health', ended - (context.sent ?? ended));
  const used = cpu.stop();
  const service = (processCpuSeconds(meter.service) ?? 0) - serviceBefore;
  return {
    result,
    errors,
    times,
    unanswered,
    cpu: { service, database: used.database, bench: used.node },
    machine: machine.stop(),
  };
}

function push(lists: Map<string, number[]>, key: string, value: number): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

function line(name: string, { result: r, cpu, machine }: Run): string {
  const perRequest = (s: number | null) => (s === null ? '–' : ms((1000 * s) / Math.max(r.requests.total, 1)));
  return (
    `${name.padEnd(10)} ${String(r.requests.total).padStart(7)} requests  ${r.requests.average.toFixed(0).padStart(6)} req/s` +
    `  p50 ${ms(r.latency.p50).padStart(10)}  p99 ${ms(r.latency.p99).padStart(10)}  max ${ms(r.latency.max).padStart(10)}` +
    `  non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}\n` +
    `${''.padEnd(10)} CPU per request: service ${perRequest(cpu.service)}, database ${perRequest(cpu.database)},` +
    ` autocannon ${perRequest(cpu.bench)} (CPU seconds ${cpu.service.toFixed(1)} / ${cpu.database?.toFixed(1) ?? '–'} / ${cpu.bench.toFixed(1)});` +
    ` machine idle ${percent(machine.idle)}, stolen by the host ${percent(machine.steal)}`
  );
}

/** The built service (dist/) on the bench database, as `npm start` runs it, in a process of its own; resolves once /health answers. */
async function startService(url: string): Promise<{ service: ChildProcess; origin: string }> {
  buildService();
  const port = await freePort();
  const { process: service } = await startBuiltService(
    { ...BENCH_ENV, DATABASE_URL: url, DATA_DIR: join(tmpdir(), 'tip-bench-load') },
    port,
    120_000,
  );
  return { service, origin: `http://127.0.0.1:${port}` };
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  process.stdout.write('bench data (loaded once, kept between runs):\n');
  await loadMillionCases(db.url);
  // the bench's users and their tokens, and the cube brought up to date, by the service in this process; then it stops
  const { app, token } = await benchApp(db.url);
  const tokens = { analyst: await token('analyst'), focal: await token('focal') };
  const uploader = await token('focal');
  process.stdout.write(`\nbringing the monthly figures up to date (a whole build after a load): `);
  const t0 = performance.now();
  await app.get(StatisticsCube).refresh();
  process.stdout.write(`${ms(performance.now() - t0)}\n`);
  await app.close();
  const { service, origin } = await startService(db.url);
  const base = `${origin}/api/v1`;

  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const ids = async (where: string) =>
    (
      await sql.query<{ id: string }>(
        `SELECT id FROM cases WHERE deleted_at IS NULL AND ${where} ORDER BY random() LIMIT 500`,
      )
    ).rows.map((r) => r.id);
  const caseIds = { all: await ids('true'), punjab: await ids(`reporting_unit_code = 'POLICE-PK-PB'`) };
  const load = (
    await sql.query<{ load: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS load`)
  ).rows[0];
  const districts = (
    await sql.query<{ name: string }>(`SELECT name FROM districts WHERE jurisdiction_code = 'PK-PB' ORDER BY code`)
  ).rows;

  // the upload: new cases of the Punjab Police (FIR numbers of their own, so every run writes them)
  const file = join(tmpdir(), `tip-bench-load-${process.pid}.xlsx`);
  const { rows } = await generateWorkbook(file, districts, IMPORT_CASES, `L${Date.now().toString(36)}-`);
  const bytes = readFileSync(file);
  unlinkSync(file);
  process.stdout.write(`upload: ${IMPORT_CASES} cases, ${rows} rows, ${(bytes.length / 1048576).toFixed(1)} MB\n`);

  // a warm-up of each kind, then the baseline
  for (const role of ['analyst', 'focal'] as const)
    for (let i = 0; i < 20; i++) {
      const r = requestOf(role, tokens, caseIds);
      await (await fetch(`${origin}${r.path}`, { headers: { authorization: `Bearer ${r.token}` } })).arrayBuffer();
    }
  const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(`machine: load average ${loadAverage()} before the runs; database ${load.load}\n\n`);
  const meter = { service: service.pid ?? 0, database: db.url };
  let turn = 0;
  const mixRequest = () => requestOf(turn++ % 2 ? 'analyst' : 'focal', tokens, caseIds);
  const warm = WARM_SECONDS > 0 ? await run(origin, mixRequest, WARM_SECONDS, meter) : null;
  const health = await run(`${origin}/api/v1/health`, () => null, Math.min(SECONDS, 15), meter);

  // the mix, with the upload sent as it starts
  let importResult = 'not finished';
  const importStart = performance.now();
  const upload = (async () => {
    const { status, body } = await uploadWorkbook(base, uploader, bytes, 'bench-load.xlsx');
    importResult = `HTTP ${status} ${body.status ?? body.code ?? ''} in ${ms(performance.now() - importStart)}`;
  })();
  const mix = await run(origin, mixRequest, SECONDS, meter);
  const loadAfter = loadAverage();
  await upload;

  process.stdout.write(`${CONNECTIONS} clients\n`);
  if (warm)
    process.stdout.write(
      `${line('cold start', warm)}  (the mix for ${WARM_SECONDS} s on the service just started, no upload)\n`,
    );
  process.stdout.write(`${line('/health', health)}\n`);
  process.stdout.write(`${line('mix', mix)}\n`);
  process.stdout.write(
    `mix / health: throughput ${(mix.result.requests.average / health.result.requests.average).toFixed(3)}×, ` +
      `p99 ${(mix.result.latency.p99 / Math.max(health.result.latency.p99, 1)).toFixed(1)}×\n`,
  );
  // the requests unanswered at the end count with their wait so far (at least what they would have taken)
  const all = (kind: string) => [...(mix.times.get(kind) ?? []), ...(mix.unanswered.get(kind) ?? [])];
  for (const kind of mix.times.keys()) {
    const waiting = mix.unanswered.get(kind) ?? [];
    process.stdout.write(
      `  ${kind.padEnd(12)} ${String(mix.times.get(kind)!.length).padStart(6)} answers  p50 ${ms(percentile(all(kind), 50)).padStart(10)}  p99 ${ms(percentile(all(kind), 99)).padStart(10)}` +
        `${waiting.length ? `  (${waiting.length} unanswered at the end, longest waiting ${ms(Math.max(...waiting))})` : ''}\n`,
    );
  }
  const p99 = percentile([...new Set([...mix.times.keys(), ...mix.unanswered.keys()])].flatMap(all), 99);
  process.stdout.write(`every request of the mix, the unanswered with their wait so far: p99 ${ms(p99)}\n`);
  process.stdout.write(
    `errors: ${mix.errors.size ? [...mix.errors].map(([k, n]) => `${k}: ${n}`).join(', ') : 'none'}` +
      `${health.errors.size ? `; /health ${[...health.errors].map(([k, n]) => `${k}: ${n}`).join(', ')}` : ''}\n`,
  );
  process.stdout.write(`upload during the mix: ${importResult}\n`);
  process.stdout.write(`load average after the mix: ${loadAfter}\n`);
  process.stdout.write(
    `goal p99 ≤ ${GOAL_P99_MS} ms for the mix: ${Math.max(mix.result.latency.p99, p99) <= GOAL_P99_MS ? 'met' : 'NOT met'}\n`,
  );
  await sql.end();
  service.kill('SIGTERM');
  await new Promise((resolve) => service.once('exit', resolve));
  await db.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
