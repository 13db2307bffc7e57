import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';

/** Every hour, at minute 17. */
const PURGE_CRON = '17 * * * *';

/** Files uploaded more than $2 days before $1. */
const PURGE_EXPIRED = `
  WITH purged AS (
    UPDATE import_batches SET file = NULL, file_purged_at = now()
     WHERE file IS NOT NULL AND created_at <= $1::timestamptz - make_interval(days => $2)
    RETURNING 1)
  SELECT count(*)::int AS purged FROM purged`;

/** Files of the uploads of batch $1's jurisdiction (national ones: none) that came before it. */
const PURGE_BEFORE = `
  WITH committed AS (SELECT id, jurisdiction_code, created_at FROM import_batches WHERE id = $1),
  purged AS (
    UPDATE import_batches earlier SET file = NULL, file_purged_at = now()
      FROM committed
     WHERE earlier.file IS NOT NULL AND earlier.id <> committed.id AND earlier.created_at < committed.created_at
       AND earlier.jurisdiction_code IS NOT DISTINCT FROM committed.jurisdiction_code
    RETURNING 1)
  SELECT count(*)::int AS purged FROM purged`;

/**
 * An upload's file is kept only while its error report may be wanted: it is deleted (the
 * bytes, not a flag) UPLOAD_RETENTION_DAYS after the upload, by an hourly job, or at once when
 * a later upload of the same jurisdiction commits. Deleted row versions stay on disk until
 * VACUUM reuses their space; they hold only ciphertext, useless without the key.
 */
@Injectable()
export class UploadRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger('UploadRetention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const run = () => void this.purgeExpired().catch((error: unknown) => this.logger.error(`stored uploads not purged: ${error instanceof Error ? error.message : String(error)}`));
    const job = new CronJob(PURGE_CRON, run, null, false, 'Asia/Karachi');
    this.scheduler.addCronJob('upload-retention', job);
    job.start();
    run(); // files that expired while the service was down
  }

  /** Deletes the files kept past the retention period as of `now`; how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.purge(PURGE_EXPIRED, [now, this.config.uploadRetentionDays], 'after the retention period');
  }

  /**
   * Deletes the files of the uploads of a committed batch's jurisdiction made before it; how
   * many. A failure does not fail the committed upload: the hourly job deletes them in time.
   */
  async purgeBefore(committedBatchId: string): Promise<number> {
    return this.purge(PURGE_BEFORE, [committedBatchId], 'after a later upload committed').catch((error: unknown) => {
      this.logger.warn(`stored uploads before import ${committedBatchId} not purged: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    });
  }

  private async purge(sql: string, params: unknown[], why: string): Promise<number> {
    const [{ purged }] = (await this.dataSource.query(sql, params)) as Array<{ purged: number }>;
    if (purged) this.logger.log(`deleted ${purged} stored upload file(s) ${why}`);
    return purged;
  }
}
