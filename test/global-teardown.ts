import { dropDatabases } from './support/test-database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TIP_TEST_SERVER_URL;
  const runId = process.env.TIP_TEST_RUN_ID;
  if (serverUrl && runId) await dropDatabases(serverUrl, runId);
  const server = (globalThis as Record<string, unknown>).__tipTestServer as { stop: () => Promise<void> } | undefined;
  await server?.stop();
}
