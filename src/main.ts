import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from 'src/app.module';
import { loadConfig } from 'src/config/app-config';
import { localSecrets } from 'src/config/local-secrets';
import { EmbeddedServer, startEmbeddedPostgres } from 'src/database/embedded-postgres';
import { migrateAndSeed } from 'src/database/migrate';
import { demoAccountsTable } from 'src/demo/demo-accounts.service';
import { setupApp } from 'src/setup-app';

/**
 * Starts the service: on DATABASE_URL when set, else on an embedded PostgreSQL under
 * DATA_DIR; migrations and reference data are applied before it listens.
 */
async function bootstrap(): Promise<void> {
  const production = process.env.NODE_ENV === 'production';
  const dataDir = process.env.DATA_DIR || './data';
  const config = loadConfig(process.env, production ? undefined : localSecrets(dataDir));

  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: `${config.dataDir}/pg`,
      port: config.embeddedPgPort,
      database: 'tip',
    });
    databaseUrl = embedded.url;
  }
  try {
    await migrateAndSeed(databaseUrl);
    const app = await NestFactory.create(AppModule.register({ ...config, databaseUrl }, embedded ?? null), {
      bufferLogs: true,
    });
    setupApp(app);
    await app.listen(config.port);
    const docs = config.apiDocsEnabled ? '; its description at /api/docs' : '';
    if (config.demo.enabled) process.stdout.write(demoAccountsTable());
    process.stdout.write(`TIP case database listening on http://localhost:${config.port}/ (API at /api/v1${docs})\n`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
