import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { dropDatabases } from './support/test-database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TIP_TEST_SERVER_URL;
  const runId = process.env.TIP_TEST_RUN_ID;
  if (serverUrl && runId) await dropDatabases(serverUrl, runId);
  if (process.env.TIP_READER_WORKER) rmSync(dirname(process.env.TIP_READER_WORKER), { recursive: true, force: true });
  const server = (globalThis as Record<string, unknown>).__tipTestServer as { stop: () => Promise<void> } | undefined;
  await server?.stop();
}
