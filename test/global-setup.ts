/* eslint-disable @typescript-eslint/no-require-imports */
// Runs once before all suites, outside jest's module system: resolve `src/...` and load
// TypeScript migrations the way the CLI does.
require('ts-node').register({ transpileOnly: true, project: 'tsconfig.json' });
require('tsconfig-paths/register');

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildReaderWorker } from './support/reader-worker-build';
import { createDatabase, resolveTestServer } from './support/test-database';
import { migrateAndSeed } from 'src/database/migrate';

/**
 * Creates this run's template database (migrated and seeded); each test file clones it,
 * so runs and files never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const server = await resolveTestServer();
  const runId = `tip_test_${process.pid}_${Date.now().toString(36)}`;
  const template = `${runId}_template`;
  await createDatabase(server.serverUrl, template);
  await migrateAndSeed(`${server.serverUrl}/${template}`);
  process.env.TIP_TEST_SERVER_URL = server.serverUrl;
  process.env.TIP_TEST_RUN_ID = runId;
  process.env.TIP_READER_WORKER = buildReaderWorker(join(__dirname, '..'), runId);
  // the browser suites load the built web application from the service under test
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build-if-needed.js'), '--web'], {
    stdio: 'inherit',
  });
  (globalThis as Record<string, unknown>).__tipTestServer = server;
}
