import { AddressInfo } from 'node:net';
import { createTestApp } from 'test/support/test-app';

/**
 * The service in a process of its own, on its own cloned database and listening on
 * 127.0.0.1, for suites that measure its memory apart from the test runner's. Prints one
 * line of JSON (its address, a Punjab focal person's token, its database) once it listens.
 */
async function main(): Promise<void> {
  const t = await createTestApp({ LOG_LEVEL: 'silent' });
  const focal = await t.userWithToken('focal_person', 'PK-PB');
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  process.on('SIGTERM', () => {
    void t.close().finally(() => process.exit(0));
  });
  process.stdout.write(
    `${JSON.stringify({ baseUrl: `http://127.0.0.1:${port}`, token: focal.token, databaseUrl: t.config.databaseUrl })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
