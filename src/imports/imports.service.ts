import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser, scopeOf, UnitScope } from 'src/auth/auth-user';
import { maskCnics } from 'src/common/cnic';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { isDatabaseUnavailable } from 'src/common/errors/database-unavailable';
import { DomainError } from 'src/common/errors/domain-error';
import { ImportErrors, ReportingUnitErrors } from 'src/common/errors/error-codes';
import { ImportFieldCodes } from 'src/common/errors/field-codes';
import { Turns } from 'src/common/turns';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { SheetKind } from 'src/imports/columns';
import { ImportBatch, ImportCounts, ImportError } from 'src/imports/import-batch.entity';
import { ImportBatchesRepository } from 'src/imports/import-batches.repository';
import { ImportSession } from 'src/imports/import-session';
import { ParsedUpload } from 'src/imports/parsing/import-rows';
import { identify } from 'src/imports/reading/file-kind';
import { READ_LIMITS, ReadLimitError } from 'src/imports/reading/read-limits';
import { readUpload, UploadRows } from 'src/imports/reading/upload-reader';
import { ReadRequest } from 'src/imports/reading/upload-source';
import { UploadRetention } from 'src/imports/storage/upload-retention';
import { UploadVault } from 'src/imports/storage/upload-vault';
import { crossCheck, everyProblem, loadDatabaseView } from 'src/imports/checking/upload-checks';
import { UploadParser } from 'src/imports/parsing/upload-parser';
import { UploadPipeline } from 'src/imports/writing/upload-pipeline';
import { DryRunWriter } from 'src/imports/writing/upload-dry-run';
import { UploadWriter } from 'src/imports/writing/upload-writer';
import { DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { anyApprovedMonth, LockedChange, lockedChanges } from 'src/submissions/month-locks';

const STORED_ERRORS = 10_000;
/**
 * Progress is recorded at most this often: every update of the batch row leaves a version
 * that its rows' foreign-key checks walk past until the import commits.
 */
const PROGRESS_EVERY_MS = 5_000;
/** Rows created or updated by a commit after which the tables it wrote are analysed at once. */
const ANALYZE_AFTER = 10_000;

/** How an attempt writes: rows as they are read, or none before every row is validated. */
type WriteMode = 'stream' | 'validate-first';

interface Outcome {
  readonly errors: ImportError[];
  readonly counts: ImportCounts | null;
}

/** An attempt's result: its outcome, or the streamed writes could not be made (the upload is then run validated first). */
type Attempt =
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'write-refused'; readonly reason: unknown };

/** One accepted upload. */
interface ImportJob {
  readonly user: AuthUser;
  readonly batch: ImportBatch;
  readonly buffer: Buffer;
  readonly request: ReadRequest;
  readonly jurisdictions: Jurisdiction[];
  /** The police unit of each jurisdiction. */
  readonly policeUnits: ReadonlyMap<string, string>;
  /** The active units, which a row's Reporting Agency may name. */
  readonly units: readonly UnitScope[];
}

export interface UploadedFile {
  readonly originalname: string;
  readonly buffer: Buffer;
}

/**
 * The provincial upload: reads every row, validates everything (cells, cross-sheet, against
 * the database, status rules) and writes all or nothing, in one transaction serialised per
 * jurisdiction: rows are written as they are read (see UploadPipeline) and the transaction is
 * committed only when the whole upload has passed every check. A dry run reads and checks
 * the same way and counts what a commit would change (DryRunWriter), writing nothing.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private analysing: Promise<unknown> = Promise.resolve();

  constructor(
    /** Only to open each import's session (its connection, locks and transaction). */
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: ImportBatchesRepository,
    private readonly jurisdictionRows: JurisdictionsRepository,
    private readonly units: ReportingUnitsRepository,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly districts: DistrictResolver,
    private readonly audit: AuditService,
    private readonly vault: UploadVault,
    private readonly retention: UploadRetention,
    private readonly cube: StatisticsCube,
  ) {}

  /** Starts an import; `wait` false returns as soon as the batch is recorded (async uploads). */
  async start(
    user: AuthUser,
    file: UploadedFile | undefined,
    options: { dryRun: boolean; wait: boolean; sheet?: SheetKind },
  ): Promise<ImportBatch> {
    if (!file?.buffer?.length)
      throw new DomainError(ImportErrors.FILE_REQUIRED, 'Attach the workbook as the multipart field "file"');
    const kind = await identify(file.buffer);
    if (kind.kind === 'unsupported')
      throw new DomainError(ImportErrors.UNSUPPORTED_TYPE, kind.message, { format: kind.format });
    if (kind.kind === 'limits') throw new DomainError(ImportErrors.ZIP_LIMITS, kind.message);
    const request: ReadRequest = kind.kind === 'xlsx' ? kind : { kind: 'csv', sheet: options.sheet ?? '' };
    const scope = scopeOf(user);
    const jurisdictions = await this.jurisdictionRows.list();
    const units = await this.units.rows();
    if (scope && !units.some((u) => u.unit.code === scope.code && u.unit.active))
      throw new DomainError(ReportingUnitErrors.INACTIVE, 'The reporting unit is inactive');
    const session = await ImportSession.open(this.dataSource, scope ? [scope.code] : units.map((u) => u.unit.code));
    if (!session)
      throw new DomainError(
        ImportErrors.BUSY,
        'Another import for this reporting unit is running; try again when it has finished',
      );
    const policeUnits = await this.units.policeUnits();
    let batch: ImportBatch;
    try {
      batch = await this.batches.add({
        userId: user.id,
        userEmail: user.email,
        reportingUnitCode: scope?.code ?? null,
        fileName: maskCnics(file.originalname).slice(0, 255),
        fileSha256: createHash('sha256').update(file.buffer).digest('hex'),
        fileSize: file.buffer.length,
        fileKind: kind.kind,
        dryRun: options.dryRun,
        status: 'processing',
        phase: 'queued',
        rowsProcessed: 0,
        counts: null,
        errorCount: 0,
        errors: [],
        file: null,
        finishedAt: null,
      });
    } catch (error) {
      await session.close();
      throw error;
    }
    const work = this.process(session.runner, {
      user,
      batch,
      buffer: file.buffer,
      request,
      jurisdictions,
      policeUnits,
      units: units
        .filter((u) => u.unit.active)
        .map((u) => ({ code: u.unit.code, name: u.unit.name, agency: u.unit.agency, jurisdictions: u.jurisdictions })),
    }).finally(() => session.close());
    if (options.wait) return work;
    work.catch((error: unknown) =>
      this.logger.error(`import ${batch.id} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    return batch;
  }

  /**
   * Runs the import on its session's connection: first writing rows as they are read; when
   * that cannot be done (rows that come before what they name, a row the database refused)
   * once more from the start, every row validated before any is written. Then records the
   * outcome.
   */
  private async process(runner: QueryRunner, job: ImportJob): Promise<ImportBatch> {
    const { batch } = job;
    let outcome: Outcome;
    try {
      const streamed = await this.attempt(runner, job, 'stream');
      if (streamed.kind === 'write-refused') {
        // the database's own error code only: its message may quote a row
        const code = (streamed.reason as { code?: unknown } | null)?.code;
        this.logger.warn(
          `import ${batch.id}: rows not written as read${typeof code === 'string' ? ` (database error ${code})` : ''}; validating the whole upload first`,
        );
        const validated = await this.attempt(runner, job, 'validate-first');
        if (validated.kind === 'write-refused') throw validated.reason;
        outcome = validated.outcome;
      } else outcome = streamed.outcome;
    } catch (error) {
      await this.recordFailure(batch, error);
      throw error;
    }
    const status = outcomeStatus(batch, outcome);
    // a committed upload's outcome was recorded in its own transaction (attempt)
    if (status !== 'committed') await this.recordOutcome(job, outcome);
    else {
      if (outcome.counts) this.analyseAfter(outcome.counts);
      await this.retention.purgeBefore(batch.id);
    }
    return this.batches.get(batch.id);
  }

  /**
   * Records how an import ended — its batch's status, counts and problems, and the audit event —
   * in `manager`'s transaction when given: a commit's record commits with its rows, or neither does.
   */
  private async recordOutcome(
    { user, batch, buffer }: ImportJob,
    outcome: Outcome,
    manager?: EntityManager,
  ): Promise<void> {
    const status = outcomeStatus(batch, outcome);
    const rejected = status === 'rejected';
    await this.batches.update(
      batch.id,
      {
        status,
        phase: 'done',
        counts: outcome.counts,
        errorCount: outcome.errors.length,
        errors: outcome.errors.slice(0, STORED_ERRORS),
        // sealed, and kept only for the error report of a rejected upload
        file: rejected ? this.vault.seal(batch.id, buffer) : null,
        finishedAt: new Date(),
      },
      manager,
    );
    await this.audit.record(
      {
        actor: user,
        action: `import.${status}`,
        entity: 'import',
        entityId: batch.id,
        detail: {
          fileSha256: batch.fileSha256,
          dryRun: batch.dryRun,
          counts: outcome.counts,
          errorCount: outcome.errors.length,
        },
      },
      manager,
    );
  }

  /**
   * Records an import that stopped on a fault: its transaction was rolled back (or died with
   * its connection), so nothing of it was written. The reason names the kind of fault only —
   * a database message may quote a row. When the database cannot be reached to record it, the
   * batch stays `processing` and is marked interrupted at the next start.
   */
  private async recordFailure(batch: ImportBatch, error: unknown): Promise<void> {
    const lost = isDatabaseUnavailable(error);
    this.logger.error(
      `import ${batch.id} failed${lost ? ' (database connection lost)' : ''}: ${error instanceof Error ? error.name : typeof error}`,
    );
    const problem: ImportError = {
      sheet: '',
      row: 0,
      column: null,
      code: ImportFieldCodes.FAILED,
      message: lost
        ? 'The connection to the database was lost while this upload was being processed; nothing of it was written. Upload the file again.'
        : 'A fault on the service stopped this upload; nothing of it was written. Upload the file again.',
    };
    await this.batches
      .update(batch.id, { status: 'failed', phase: 'done', finishedAt: new Date(), errorCount: 1, errors: [problem] })
      .catch((recordError: unknown) =>
        this.logger.warn(
          `import ${batch.id}: its failure was not recorded (${recordError instanceof Error ? recordError.message : String(recordError)})`,
        ),
      );
  }

  /** One attempt in one transaction, committed only for a clean upload that is not a dry run. */
  private async attempt(runner: QueryRunner, job: ImportJob, mode: WriteMode): Promise<Attempt> {
    const { batch } = job;
    // the import's one transaction, begun before reading so that rows are written in it as they are read
    await runner.startTransaction();
    try {
      // where a month of the upload's units is approved, a dry run writes (and is rolled back), so that its
      // changes to those months are found exactly as a commit's
      const locks = await anyApprovedMonth(runner.manager, lockUnits(job.user));
      const writer = await (batch.dryRun && !locks ? DryRunWriter : UploadWriter).open(
        runner.manager,
        batch.id,
        job.user.id,
      );
      const pipeline = new UploadPipeline(writer, mode === 'validate-first');
      await this.batches.update(batch.id, { phase: 'reading' });
      let upload: Awaited<ReturnType<ImportsService['read']>>;
      try {
        upload = await this.read(job, pipeline);
      } finally {
        await pipeline.settle();
      }
      await this.batches.update(batch.id, {
        phase: upload.errors.length ? 'done' : 'validating',
        rowsProcessed: upload.rowsRead,
      });
      // a write that failed because the connection was lost ends the import: its transaction is gone with it
      if (upload.writeFailure && isDatabaseUnavailable(upload.writeFailure)) throw upload.writeFailure;
      const result = upload.writeFailure
        ? { kind: 'write-refused' as const, reason: upload.writeFailure }
        : await this.validateAndWrite(batch, upload, runner.manager, writer, pipeline, locks);
      if (result.kind === 'outcome' && outcomeStatus(batch, result.outcome) === 'committed') {
        await this.recordOutcome(job, result.outcome, runner.manager);
        // the statistics take the upload in as it commits: no reader waits for its refresh afterwards
        await this.cube.refreshWithin(runner.manager);
        await runner.commitTransaction();
      } else await runner.rollbackTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined); // the error below is the one to report
      if (!(error instanceof ReadLimitError)) throw error;
      if (error.reason) this.logger.warn(`import ${batch.id}: the file could not be read: ${error.reason}`);
      return {
        kind: 'outcome',
        outcome: {
          errors: [{ sheet: error.sheet, row: error.row, column: null, code: error.code, message: error.message }],
          counts: null,
        },
      };
    }
  }

  private async read(job: ImportJob, pipeline: UploadPipeline) {
    const source = await readUpload(job.buffer, job.request, READ_LIMITS);
    try {
      return await this.parse(job, source, pipeline);
    } finally {
      source.close();
    }
  }

  private async parse(
    { user, batch, request, jurisdictions, policeUnits, units }: ImportJob,
    source: UploadRows,
    pipeline: UploadPipeline,
  ) {
    const parser = new UploadParser({
      scope: scopeOf(user),
      policeUnits,
      units,
      jurisdictions,
      districts: await this.districts.load(),
      date1904: source.date1904,
      cnicSecret: this.config.cnicHmacSecret,
      today: todayInPakistan(),
      csv: request.kind === 'csv' ? { sheet: (request.sheet as SheetKind) || undefined } : undefined,
    });
    let reported = performance.now();
    // progress is recorded one update after another while reading goes on, not waited for row by row
    let progress: Promise<unknown> = Promise.resolve();
    try {
      // rows are turned into records in turns, the service's requests answered between them
      const turns = new Turns();
      for await (const rows of source.batches) {
        for (const row of rows) {
          parser.add(row);
          if (turns.due()) await turns.pause();
        }
        // once a row has a problem nothing is written, but the stored cases the rows name are still looked up for the checks
        pipeline.send(parser);
        if (performance.now() - reported >= PROGRESS_EVERY_MS) {
          reported = performance.now();
          const rowsProcessed = parser.rowsRead;
          progress = progress
            .then(() => this.batches.update(batch.id, { rowsProcessed }))
            .catch((error: unknown) =>
              this.logger.warn(
                `import ${batch.id}: progress not recorded: ${error instanceof Error ? error.message : String(error)}`,
              ),
            );
        }
      }
    } finally {
      await progress;
    }
    const parsed = parser.finish();
    const writeFailure = await pipeline.finish(parser);
    return { errors: parser.errors, parsed, rowsRead: parser.rowsRead, writeFailure };
  }

  /**
   * Checks the whole upload against the database in the import's transaction (which the caller
   * ends: a dry run or errors roll it back) whatever problems its rows had, and writes what
   * waited when there are none.
   */
  private async validateAndWrite(
    batch: ImportBatch,
    read: { errors: ImportError[]; parsed: ParsedUpload },
    manager: EntityManager,
    writer: UploadWriter,
    pipeline: UploadPipeline,
    locks: boolean,
  ): Promise<Attempt> {
    const upload = read.parsed;
    const db = await loadDatabaseView(manager, upload, writer.existingCases);
    const errors = everyProblem(read.errors, crossCheck(upload, db, todayInPakistan()));
    if (errors.length) return { kind: 'outcome', outcome: { errors, counts: null } };
    if (pipeline.waiting) {
      // a dry run compares what waited, still validating
      if (!batch.dryRun) await this.batches.update(batch.id, { phase: 'writing' });
      await pipeline.writeWaiting();
    }
    if (writer.unwritten)
      return {
        kind: 'write-refused',
        reason: new Error(`${writer.unwritten} rows of a validated upload met no case or defendant`),
      };
    if (locks) {
      const changes = await lockedChanges(manager, CREATED_CASES);
      if (changes.length) {
        const locked = lockedRows(upload, await writtenCaseKeys(manager, changes));
        return {
          kind: 'outcome',
          outcome: { errors: locked.length ? locked : [wholeFileLocked(changes)], counts: null },
        };
      }
    }
    const counts = writer.counts({
      cases: upload.cases.length,
      victims: upload.victims.length,
      defendants: upload.defendants.length,
      prosecutions: upload.prosecutions.length,
    });
    return { kind: 'outcome', outcome: { errors: [], counts } };
  }

  /**
   * A large commit changes what the planner should expect of the tables it wrote well before
   * autovacuum notices (the next upload of the same file, or the statistics, would otherwise
   * be planned for tables a fraction of their size): they are analysed in the background.
   */
  private analyseAfter(counts: ImportCounts): void {
    const written = Object.values(counts).reduce((sum, c) => sum + c.created + c.updated, 0);
    if (written < ANALYZE_AFTER) return;
    this.analysing = this.analysing
      .then(() => this.batches.analyseWrittenTables())
      .catch((error: unknown) =>
        this.logger.warn(
          `tables not analysed after an import: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }

  async onApplicationBootstrap(): Promise<void> {
    const interrupted = await this.markInterrupted();
    if (interrupted)
      this.logger.warn(`${interrupted} import(s) left unfinished by a stopped process marked interrupted`);
  }

  /**
   * Batches left `processing` by a process that stopped (killed, out of memory, restarted)
   * are recorded as interrupted. A batch still being read holds its reporting units' import
   * locks (in any instance of the service); one whose locks are all free has no process left.
   * Its transaction ended with its connection, so nothing of it was written.
   */
  async markInterrupted(): Promise<number> {
    return this.transactions.run(async (manager) => {
      const left = await this.batches.processing(manager);
      const all = left.some((b) => !b.reporting_unit_code)
        ? (await this.units.rows(undefined, manager)).map((u) => u.unit.code)
        : [];
      const ids: string[] = [];
      for (const batch of left) {
        if (await this.batches.importLocksFree(batch.reporting_unit_code ? [batch.reporting_unit_code] : all, manager))
          ids.push(batch.id);
      }
      if (!ids.length) return 0;
      const interrupted: ImportError = {
        sheet: '',
        row: 0,
        column: null,
        code: ImportFieldCodes.INTERRUPTED,
        message:
          'The service stopped while this upload was being processed; nothing of it was written. Upload the file again.',
      };
      await this.batches.markInterrupted(ids, interrupted, manager);
      return ids.length;
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.analysing;
  }

  async list(user: AuthUser, page: number, pageSize: number): Promise<{ items: ImportBatch[]; total: number }> {
    const [items, total] = await this.batches.page(scopeOf(user)?.code ?? null, page, pageSize);
    return { items, total };
  }

  async get(user: AuthUser, id: string, withFile = false): Promise<ImportBatch> {
    const batch = await this.batches.find(id, scopeOf(user)?.code ?? null, withFile);
    if (!batch) throw new DomainError(ImportErrors.NOT_FOUND, 'No such import');
    return batch;
  }
}

/** The units an upload may write: the uploader's own, or every unit (null) for a national upload. */
function lockUnits(user: AuthUser): string[] | null {
  const scope = scopeOf(user);
  return scope ? [scope.code] : null;
}

/** The ids of the cases the upload created (which counted in nothing before it). */
const CREATED_CASES = 'SELECT id FROM import_case_ids WHERE created';

/** The case keys of the upload of the cases whose changes to approved months are `changes`, with those changes. */
async function writtenCaseKeys(
  manager: EntityManager,
  changes: readonly LockedChange[],
): Promise<Map<string, LockedChange>> {
  if (!changes.length) return new Map();
  const rows: Array<{ key: string; id: string }> = await manager.query(
    'SELECT key, id::text FROM import_case_ids WHERE id = ANY($1::uuid[])',
    [changes.map((c) => c.caseId)],
  );
  return new Map(rows.map((r) => [r.key, changes.find((c) => c.caseId === r.id)!]));
}

/**
 * One problem per row whose case the upload would change in an approved month: the case's row
 * on the Cases sheet, or when the file has none, each row of the other sheets that names it.
 */
function lockedRows(upload: ParsedUpload, changed: ReadonlyMap<string, LockedChange>): ImportError[] {
  if (!changed.size) return [];
  const problem = (sheet: SheetKind, row: { row: number; key: string }): ImportError => {
    const { months, reportingUnit } = changed.get(row.key)!;
    return {
      sheet,
      row: row.row,
      column: null,
      code: ImportFieldCodes.MONTH_LOCKED,
      message: `The row would change figures of ${months.join(', ')} of ${reportingUnit}, approved and locked; an administrator must re-open the month first`,
    };
  };
  const inCases = new Set(upload.cases.filter((c) => changed.has(c.key)).map((c) => c.key));
  const named = (r: { key: string }) => changed.has(r.key) && !inCases.has(r.key);
  return [
    ...upload.cases.filter((c) => changed.has(c.key)).map((c) => problem('Cases', c)),
    ...upload.victims.filter(named).map((r) => problem('Victims', r)),
    ...upload.defendants.filter(named).map((r) => problem('Defendants', r)),
    ...upload.prosecutions.filter(named).map((r) => problem('Prosecutions', r)),
  ];
}

/** The problem of an upload that would change approved months through no row of its own (never expected). */
function wholeFileLocked(changes: readonly LockedChange[]): ImportError {
  return {
    sheet: '',
    row: 0,
    column: null,
    code: ImportFieldCodes.MONTH_LOCKED,
    message: `The upload would change figures of ${[...new Set(changes.flatMap((c) => c.months))].sort().join(', ')}, approved and locked`,
  };
}

/** How an upload that was read to the end is recorded: problems reject it, else a dry run validated it and an import committed it. */
function outcomeStatus(batch: ImportBatch, outcome: Outcome): 'rejected' | 'validated' | 'committed' {
  if (outcome.errors.length) return 'rejected';
  return batch.dryRun ? 'validated' : 'committed';
}
