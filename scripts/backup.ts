import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from 'src/config/app-config';
import { localSecrets } from 'src/config/local-secrets';
import { writeBackup } from 'src/database/backup';
import { toolDatabase } from 'src/database/tool-database';

/**
 * `npm run backup`: a pg_dump of the database (DATABASE_URL, else the embedded one under
 * DATA_DIR) into DATA_DIR/backups, keeping the newest BACKUP_KEEP.
 */
async function main(): Promise<void> {
  const production = process.env.NODE_ENV === 'production';
  const config = loadConfig(process.env, production ? undefined : localSecrets(process.env.DATA_DIR || './data'));
  const database = await toolDatabase(config);
  try {
    const { file, bytes, removed } = await writeBackup({
      url: database.url,
      dir: join(config.dataDir, 'backups'),
      keep: config.backup.keep,
      binDir: config.backup.pgBinDir,
    });
    process.stdout.write(
      `backup written: ${file} (${(bytes / 1048576).toFixed(1)} MB); ${removed.length} older backup(s) removed, ${config.backup.keep} kept at most\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
