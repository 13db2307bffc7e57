import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { ExportErrors } from 'src/common/errors/error-codes';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { MonthlyExport } from 'src/exports/monthly-export.entity';
import { MonthlyFiguresSource } from 'src/exports/monthly-figures';
import { Audience, buildMonthlyWorkbook } from 'src/exports/monthly-workbook';

/**
 * Monthly workbooks: generated on demand or by the scheduler, every version kept, every
 * generation and download audited. Viewers (ministries) reach ministry workbooks only.
 */
@Injectable()
export class MonthlyExportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('MonthlyExports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly figures: MonthlyFiguresSource,
    private readonly audit: AuditService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const job = new CronJob(this.config.monthlyExportCron, () => void this.generatePreviousMonth(), null, false, 'Asia/Karachi');
    this.scheduler.addCronJob('monthly-exports', job);
    job.start();
  }

  /** The scheduled run: last month's ministry and internal workbooks. */
  async generatePreviousMonth(now = new Date()): Promise<MonthlyExport[]> {
    const today = todayInPakistan(now);
    const [y, m] = today.split('-').map(Number);
    const month = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    try {
      return [await this.generate(month, 'ministry', null, 'scheduled'), await this.generate(month, 'internal', null, 'scheduled')];
    } catch (error) {
      this.logger.error(`scheduled monthly export for ${month} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  audienceFor(user: AuthUser, requested: Audience | undefined): Audience {
    const audience = requested ?? (user.role === 'viewer' ? 'ministry' : 'internal');
    if (audience === 'internal' && !['admin', 'analyst'].includes(user.role)) {
      throw new DomainError(ExportErrors.AUDIENCE_FORBIDDEN, 'Only NPB admins and analysts may have the internal workbook');
    }
    return audience;
  }

  async generate(month: string, audience: Audience, actor: AuthUser | null, trigger: 'scheduled' | 'on_demand'): Promise<MonthlyExport> {
    if (month > todayInPakistan().slice(0, 7)) throw new DomainError(ExportErrors.FUTURE_MONTH, 'That month has not begun');
    const generatedAt = new Date();
    const figures = await this.figures.gather(month, audience === 'internal');
    const content = await buildMonthlyWorkbook(figures, {
      audience, legalBasis: this.config.legalBasis, threshold: this.config.suppressionThreshold, generatedAt,
      generatedBy: actor ? actor.email : 'scheduled run',
    });
    return this.dataSource.transaction(async (manager) => {
      // versions of one month and audience are numbered in order, even when two are made at once
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tip-monthly:' || $1 || $2))`, [month, audience]);
      const [{ next }] = await manager.query('SELECT COALESCE(max(version), 0) + 1 AS next FROM monthly_exports WHERE month = $1 AND audience = $2', [month, audience]);
      const saved = await manager.save(
        manager.create(MonthlyExport, {
          month, audience, version: next, trigger, content, size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          fileName: `tip-monthly-${month}-${audience}${next > 1 ? `-v${next}` : ''}.xlsx`,
          generatedBy: actor?.id ?? null, generatedByEmail: actor?.email ?? null,
        }),
      );
      await this.audit.record(
        { actor, action: 'export.generate', entity: 'monthly_export', entityId: saved.id, detail: { month, audience, version: next, trigger, fileName: saved.fileName } },
        manager,
      );
      return saved;
    });
  }

  async list(user: AuthUser): Promise<Array<MonthlyExport & { downloads: Array<{ by: string | null; at: string }> }>> {
    const items = await this.dataSource.getRepository(MonthlyExport).find({
      where: user.role === 'viewer' ? { audience: 'ministry' } : {},
      order: { month: 'DESC', audience: 'ASC', version: 'DESC' },
      take: 500,
    });
    const downloads: Array<{ entity_id: string; actor_email: string | null; at: Date }> = items.length
      ? await this.dataSource.query(
          `SELECT entity_id, actor_email, at FROM audit_events WHERE action = 'export.download' AND entity = 'monthly_export' AND entity_id = ANY($1) ORDER BY at`,
          [items.map((i) => i.id)],
        )
      : [];
    return items.map((i) => ({ ...i, downloads: downloads.filter((d) => d.entity_id === i.id).map((d) => ({ by: d.actor_email, at: d.at.toISOString() })) }));
  }

  /** The stored bytes; a viewer asking for an internal workbook is answered as if it did not exist. */
  async download(user: AuthUser, id: string): Promise<MonthlyExport> {
    const found = await this.dataSource
      .getRepository(MonthlyExport)
      .createQueryBuilder('e')
      .addSelect('e.content')
      .where('e.id = :id', { id })
      .getOne();
    if (!found || (found.audience === 'internal' && user.role === 'viewer')) throw new DomainError(ExportErrors.NOT_FOUND, 'No such export');
    await this.recordDownload(user, found);
    return found;
  }

  recordDownload(user: AuthUser, e: MonthlyExport): Promise<void> {
    return this.audit.record({ actor: user, action: 'export.download', entity: 'monthly_export', entityId: e.id, detail: { fileName: e.fileName, month: e.month, audience: e.audience } });
  }
}
