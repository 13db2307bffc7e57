import { join } from 'node:path';
import { DataSourceOptions, Logger as TypeOrmLogger } from 'typeorm';
import { Logger } from '@nestjs/common';
import { MonthLockSubscriber } from 'src/submissions/month-lock.subscriber';

const root = join(__dirname, '..', '..');

/** Logs failed and slow queries by their SQL text only — bound parameters may hold personal data. */
class QueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');
  logQuery(): void {}
  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.error(`query failed: ${message} — ${query.slice(0, 500)}`);
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 500)}`);
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

/**
 * How long a query waits for a connection of the pool (or a new one) before it fails: long enough
 * that a burst (every connection busy) waits its turn, short enough that requests to an unreachable
 * server are answered 503 rather than held (a stopped server refuses at once).
 */
export const CONNECT_TIMEOUT_MS = 20_000;

/** One definition of the connection, shared by the service, the migration CLI and the tests. */
export function typeOrmOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    // refuses a commit that would change a figure of an approved month
    subscribers: [MonthLockSubscriber],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logger: new QueryLogger(),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 2000,
    // a request waits at most this long for a connection (the server down, every connection busy) before it is
    // answered 503; a stopped server refuses at once, an unreachable one would otherwise hold requests indefinitely
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // JIT compilation takes longer than the queries here run (statistics included); it is off on every connection
    // keepAlive: a connection to a server that vanished without closing it is noticed by the operating system
    extra: { max: 10, application_name: 'tip-case-database', options: '-c jit=off', keepAlive: true },
  };
}
