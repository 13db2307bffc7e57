import { Client } from 'pg';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';

/**
 * Where the tests' databases live: the server named by TEST_DATABASE_URL or DATABASE_URL,
 * else an embedded server of the test run's own (port 54329, data under .test-pg).
 * Every database the tests touch has "test" in its name; a configured one without it is refused.
 */
export async function resolveTestServer(): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!name.includes('test')) {
      throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
    }
    url.pathname = '/';
    return { serverUrl: url.toString().replace(/\/$/, ''), stop: () => Promise.resolve() };
  }
  const server = await startEmbeddedPostgres({ dir: '.test-pg', port: 54329, database: 'tip_test', fsync: false });
  return { serverUrl: server.url.replace(/\/tip_test$/, ''), stop: server.stop };
}

export function databaseUrl(serverUrl: string, name: string): string {
  if (!name.includes('test')) throw new Error(`Refusing database "${name}": its name must contain "test"`);
  return `${serverUrl}/${name}`;
}

async function onServer<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

export function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  return onServer(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
  });
}

export function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  return onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
  });
}
