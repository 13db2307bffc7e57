import { migrateAndSeed } from 'src/database/migrate';
import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { OwnPostgres, startOwnPostgres } from 'test/support/own-postgres';
import { createTestApp, TestApp } from 'test/support/test-app';

/**
 * The database server stops under a running service and comes back. The server is this
 * file's own (the embedded PostgreSQL's binaries on a free port, its data in the OS's
 * temporary folder), never the shared one. While it is down every request is answered 503
 * problem+json within the connection timeout, and /health says `down`; once it is back the
 * same service answers again, without a restart.
 */
const SUITE_TIMEOUT_MS = 120_000;
/**
 * The longest a request may take while the database is down: a stopped server refuses a
 * connection at once, so well within the pool's connection timeout (which bounds an unreachable one).
 */
const DOWN_ANSWER_MS = 5_000;
/** How long the service may take to answer again once the server is back. */
const RECOVERY_MS = 15_000;
jest.setTimeout(SUITE_TIMEOUT_MS);

describe('the database server stops under a running service', () => {
  let server: OwnPostgres;
  let t: TestApp;
  let analyst: Agent;

  beforeAll(async () => {
    server = await startOwnPostgres();
    await server.createDatabase('tip_test_outage');
    const url = server.url('tip_test_outage');
    await migrateAndSeed(url);
    t = await createTestApp({ DATABASE_URL: url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    analyst = await signIn(t, 'analyst');
  });
  afterAll(async () => {
    await t?.close();
    await server?.remove();
  });

  /** Requests that read the database: a list of cases, the figures, a sign-in. */
  const requests = () => [
    analyst.get('/api/v1/cases'),
    analyst.get('/api/v1/statistics/summary').query({ from: '2024-01-01', to: '2024-12-31' }),
    t.http.post('/api/v1/auth/login').send({ email: analyst.email, password: 'not the password at all' }),
  ];

  it('answers 503 problem+json while it is down, /health says down, and all answers again once it is back', async () => {
    for (const res of await Promise.all(requests())) expect(res.status).toBeLessThan(500);
    expect((await t.http.get('/api/v1/health')).body).toMatchObject({ status: 'ok', database: 'up' });

    await server.stop();
    let slowest = 0;
    for (let round = 0; round < 2; round++) {
      for (const req of requests()) {
        const began = performance.now();
        const res = await req;
        slowest = Math.max(slowest, performance.now() - began);
        expectProblem(res, 503, 'COMMON.DATABASE_UNAVAILABLE');
        // nothing of the cause: no stack, no server address
        expect(Object.keys(res.body).sort()).toEqual([
          'code',
          'detail',
          'instance',
          'requestId',
          'status',
          'title',
          'type',
        ]);
        expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`ECONNREFUSED|127\\.0\\.0\\.1|${server.port}|\\.ts:`));
      }
      const began = performance.now();
      const health = await t.http.get('/api/v1/health');
      slowest = Math.max(slowest, performance.now() - began);
      expect([health.status, health.body]).toEqual([
        503,
        { status: 'error', database: 'down', migrations: { pending: null } },
      ]);
    }
    expect(slowest).toBeLessThan(DOWN_ANSWER_MS);

    const restarted = performance.now();
    await server.start();
    const back = performance.now();
    let health = await t.http.get('/api/v1/health');
    while (health.status !== 200 && performance.now() - back < RECOVERY_MS) {
      await new Promise((r) => setTimeout(r, 100));
      health = await t.http.get('/api/v1/health');
    }
    const recoveredMs = performance.now() - back;
    expect(health.body).toMatchObject({ status: 'ok', database: 'up' });
    const [cases, summary, login] = await Promise.all(requests());
    expect([cases.status, summary.status, login.status]).toEqual([200, 200, 401]);
    process.stdout.write(
      `[database outage] slowest answer while down ${Math.round(slowest)} ms (limit ${DOWN_ANSWER_MS}); server restart ${Math.round(back - restarted)} ms; healthy ${Math.round(recoveredMs)} ms after it\n`,
    );
  });
});
