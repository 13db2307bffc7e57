import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from 'src/config/app-config';
import { localSecrets } from 'src/config/local-secrets';
import { restoreBackup } from 'src/database/backup';
import { toolDatabase } from 'src/database/tool-database';

/**
 * `npm run restore -- FILE`: restores a backup written by `npm run backup` into the database
 * (DATABASE_URL, else the embedded one under DATA_DIR), which must be empty.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('name the backup file: npm run restore -- DATA_DIR/backups/tip-….dump');
  const production = process.env.NODE_ENV === 'production';
  const config = loadConfig(process.env, production ? undefined : localSecrets(process.env.DATA_DIR || './data'));
  const database = await toolDatabase(config);
  try {
    await restoreBackup({ url: database.url, file: resolve(file), binDir: config.backup.pgBinDir });
    process.stdout.write(`restored ${resolve(file)}; the service applies any newer migrations when it starts\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
