/**
 * Migration commands on a real server.
 *   generate <Name>  writes migrations/<timestamp>-<Name>.ts from the entities' difference
 *                    with a scratch database migrated to the latest migration
 *   check            fails when entities and migrations drift (CI)
 *   run | revert     applies / reverts on DATABASE_URL, or on the embedded server under DATA_DIR
 * The scratch database lives on TEST_DATABASE_URL / DATABASE_URL's server, else on the tests' embedded one.
 */
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { createDatabase, dropDatabases, resolveTestServer } from 'test/support/test-database';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';
import { typeOrmOptions } from 'src/database/typeorm-options';

async function withScratchDatabase(fn: (url: string) => void | Promise<void>): Promise<void> {
  const server = await resolveTestServer();
  const name = `tip_migration_test_${process.pid}`;
  try {
    await createDatabase(server.serverUrl, name);
    const url = `${server.serverUrl}/${name}`;
    const ds = new DataSource(typeOrmOptions(url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    await fn(url);
  } finally {
    await dropDatabases(server.serverUrl, name);
    await server.stop();
  }
}

function typeormCli(url: string, args: string[]): void {
  execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      require.resolve('typeorm/cli.js'),
      ...args,
      '-d',
      'src/database/data-source.ts',
    ],
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } },
  );
}

async function onServiceDatabase(fn: (ds: DataSource) => Promise<void>): Promise<void> {
  let url = process.env.DATABASE_URL;
  let stop: () => Promise<void> = () => Promise.resolve();
  if (!url) {
    const server = await startEmbeddedPostgres({
      dir: `${process.env.DATA_DIR || './data'}/pg`,
      port: Number(process.env.EMBEDDED_PG_PORT || 54320),
      database: 'tip',
    });
    url = server.url;
    stop = server.stop;
  }
  const ds = new DataSource(typeOrmOptions(url));
  await ds.initialize();
  try {
    await fn(ds);
  } finally {
    await ds.destroy();
    await stop();
  }
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name))
        throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
      await withScratchDatabase((url) => typeormCli(url, ['migration:generate', `migrations/${name}`, '--pretty']));
      break;
    case 'check':
      await withScratchDatabase((url) => typeormCli(url, ['migration:generate', 'migrations/Drift', '--check']));
      process.stdout.write('entities and migrations agree\n');
      break;
    case 'run':
      await onServiceDatabase(async (ds) => {
        const applied = await ds.runMigrations({ transaction: 'each' });
        process.stdout.write(`applied ${applied.length} migration(s)\n`);
      });
      break;
    case 'revert':
      await onServiceDatabase((ds) => ds.undoLastMigration({ transaction: 'each' }));
      break;
    default:
      throw new Error('usage: migration.ts generate <Name> | check | run | revert');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
