import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { ImportBatchesRepository } from 'src/imports/import-batches.repository';

/** Every hour, at minute 17. */
const PURGE_CRON = '17 * * * *';

/**
 * An upload's file is kept only while its error report may be wanted: it is deleted (the
 * bytes, not a flag) UPLOAD_RETENTION_DAYS after the upload, by an hourly job, or at once when
 * a later upload of the same reporting unit commits. Deleted row versions stay on disk until
 * VACUUM reuses their space; they hold only ciphertext, useless without the key.
 */
@Injectable()
export class UploadRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger('UploadRetention');

  constructor(
    private readonly batches: ImportBatchesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const run = () =>
      void this.purgeExpired().catch((error: unknown) =>
        this.logger.error(`stored uploads not purged: ${error instanceof Error ? error.message : String(error)}`),
      );
    const job = new CronJob(PURGE_CRON, run, null, false, 'Asia/Karachi');
    this.scheduler.addCronJob('upload-retention', job);
    job.start();
    run(); // files that expired while the service was down
  }

  /** Deletes the files kept past the retention period as of `now`; how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.logged(
      await this.batches.purgeFilesExpired(now, this.config.uploadRetentionDays),
      'after the retention period',
    );
  }

  /**
   * Deletes the files of the uploads of a committed batch's reporting unit made before it; how
   * many. A failure does not fail the committed upload: the hourly job deletes them in time.
   */
  async purgeBefore(committedBatchId: string): Promise<number> {
    return this.batches
      .purgeFilesBefore(committedBatchId)
      .then((purged) => this.logged(purged, 'after a later upload committed'))
      .catch((error: unknown) => {
        this.logger.warn(
          `stored uploads before import ${committedBatchId} not purged: ${error instanceof Error ? error.message : String(error)}`,
        );
        return 0;
      });
  }

  private logged(purged: number, why: string): number {
    if (purged) this.logger.log(`deleted ${purged} stored upload file(s) ${why}`);
    return purged;
  }
}
