import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ImportBatch, ImportError } from 'src/imports/import-batch.entity';
import { IMPORT_LOCK_SQL } from 'src/imports/import-session';

/** Tables an import writes, analysed after a large commit. */
const WRITTEN_TABLES = 'cases, case_status_events, route_points, victims, defendants, prosecutions, convictions';

/** Files uploaded more than $2 days before $1. */
const PURGE_EXPIRED = `
  WITH purged AS (
    UPDATE import_batches SET file = NULL, file_purged_at = now()
     WHERE file IS NOT NULL AND created_at <= $1::timestamptz - make_interval(days => $2)
    RETURNING 1)
  SELECT count(*)::int AS purged FROM purged`;

/** Files of the uploads of batch $1's jurisdiction (national ones: none) that came before it. */
const PURGE_BEFORE = `
  WITH committed AS (SELECT id, reporting_unit_code, created_at FROM import_batches WHERE id = $1),
  purged AS (
    UPDATE import_batches earlier SET file = NULL, file_purged_at = now()
      FROM committed
     WHERE earlier.file IS NOT NULL AND earlier.id <> committed.id AND earlier.created_at < committed.created_at
       AND earlier.reporting_unit_code IS NOT DISTINCT FROM committed.reporting_unit_code
    RETURNING 1)
  SELECT count(*)::int AS purged FROM purged`;

/** The record of each upload (ImportBatch rows): its progress, outcome, problems and, for a while, its sealed file. */
@Injectable()
export class ImportBatchesRepository {
  constructor(@InjectRepository(ImportBatch) private readonly batches: Repository<ImportBatch>) {}

  add(batch: Omit<ImportBatch, 'id' | 'createdAt' | 'filePurgedAt'>): Promise<ImportBatch> {
    return this.batches.save(batch);
  }

  /** In `manager`'s transaction when given. */
  async update(id: string, changes: QueryDeepPartialEntity<ImportBatch>, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(ImportBatch) ?? this.batches).update(id, changes);
  }

  get(id: string): Promise<ImportBatch> {
    return this.batches.findOneByOrFail({ id });
  }

  /** Newest first, of reporting unit `unit` when given. */
  page(unit: string | null, page: number, pageSize: number): Promise<[ImportBatch[], number]> {
    return this.batches.findAndCount({
      where: unit ? { reportingUnitCode: unit } : {},
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  /** A batch of reporting unit `unit` when given; `withFile` adds the sealed file. */
  find(id: string, unit: string | null, withFile: boolean): Promise<ImportBatch | null> {
    const query = this.batches.createQueryBuilder('batch').where('batch.id = :id', { id });
    if (unit) query.andWhere('batch.reporting_unit_code = :unit', { unit });
    if (withFile) query.addSelect('batch.file');
    return query.getOne();
  }

  /** Batches still marked processing that no other transaction holds, locked until this one ends. */
  processing(manager: EntityManager): Promise<Array<{ id: string; reporting_unit_code: string | null }>> {
    return manager.query(
      `SELECT id, reporting_unit_code FROM import_batches WHERE status = 'processing' ORDER BY created_at FOR UPDATE SKIP LOCKED`,
    );
  }

  /** Whether no import holds any of these reporting units (their locks are then held until the transaction ends). */
  async importLocksFree(unitCodes: string[], manager: EntityManager): Promise<boolean> {
    const [{ free }]: Array<{ free: boolean }> = await manager.query(
      `SELECT bool_and(pg_try_advisory_xact_lock(${IMPORT_LOCK_SQL})) AS free FROM unnest($1::text[]) AS code`,
      [unitCodes],
    );
    return free;
  }

  async markInterrupted(ids: string[], problem: ImportError, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE import_batches SET status = 'interrupted', phase = 'done', finished_at = now(), error_count = 1, errors = $2::jsonb, file = NULL WHERE id = ANY($1::uuid[])`,
      [ids, JSON.stringify([problem])],
    );
  }

  async analyseWrittenTables(): Promise<void> {
    await this.batches.query(`ANALYZE ${WRITTEN_TABLES}`);
  }

  /** Deletes the files uploaded `days` or more before `now`; how many. */
  purgeFilesExpired(now: Date, days: number): Promise<number> {
    return this.purge(PURGE_EXPIRED, [now, days]);
  }

  /** Deletes the files of the uploads of a batch's jurisdiction made before it; how many. */
  purgeFilesBefore(batchId: string): Promise<number> {
    return this.purge(PURGE_BEFORE, [batchId]);
  }

  private async purge(sql: string, params: unknown[]): Promise<number> {
    const [{ purged }] = await this.batches.query<Array<{ purged: number }>>(sql, params);
    return purged;
  }
}
