import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from 'src/config/app-config';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';

/** The embedded server's database, as the service names it (src/main.ts). */
const EMBEDDED_DATABASE = 'tip';

/**
 * The database a command (backup, restore) works on: DATABASE_URL when set; else the
 * embedded server under DATA_DIR/pg — the running service's when it answers on
 * EMBEDDED_PG_PORT, or started for the command and stopped after it.
 */
export async function toolDatabase(config: AppConfig): Promise<{ url: string; close: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: () => Promise.resolve() };
  const server = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPgPort}`;
  if (await ensureDatabase(server)) return { url: `${server}/${EMBEDDED_DATABASE}`, close: () => Promise.resolve() };
  const embedded = await startEmbeddedPostgres({
    dir: join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    database: EMBEDDED_DATABASE,
  });
  return { url: embedded.url, close: embedded.stop };
}

/** Whether a server answers at `server`; when one does, its database `tip` is made to exist. */
async function ensureDatabase(server: string): Promise<boolean> {
  const client = new Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    return true;
  } finally {
    await client.end();
  }
}
