import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { within } from 'src/database/transactions';
import { MonthlyExport } from 'src/exports/monthly-export.entity';
import { MonthlyFigures } from 'src/exports/monthly-figures';
import { Audience } from 'src/exports/monthly-workbook';
import { Publication } from 'src/exports/suppression/publication';

/** The kept monthly workbooks, and the case rows the internal one lists. */
@Injectable()
export class MonthlyExportsRepository {
  constructor(@InjectRepository(MonthlyExport) private readonly exports: Repository<MonthlyExport>) {}

  /** Holds `key` until the transaction ends: generations under one key run one after another. */
  async lock(key: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
  }

  /** Workbooks the user generated in the last hour. */
  async generatedInLastHour(userId: string, manager?: EntityManager): Promise<number> {
    const [{ n }] = await (manager ?? this.exports.manager).query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM monthly_exports WHERE generated_by = $1 AND generated_at > now() - interval '1 hour'`,
      [userId],
    );
    return n;
  }

  /** What the ministry workbooks of the months `from`…`to` published, oldest first. */
  async ministryPublications(from: string, to: string, manager?: EntityManager): Promise<Publication[]> {
    const rows = await (manager ?? this.exports.manager).query<Array<{ published: Publication }>>(
      `SELECT published FROM monthly_exports WHERE audience = 'ministry' AND published IS NOT NULL AND month BETWEEN $1 AND $2 ORDER BY month, version`,
      [from, to],
    );
    return rows.map((r) => r.published);
  }

  async nextVersion(month: string, audience: Audience, manager?: EntityManager): Promise<number> {
    const [{ next }] = await (manager ?? this.exports.manager).query<Array<{ next: number }>>(
      'SELECT COALESCE(max(version), 0) + 1 AS next FROM monthly_exports WHERE month = $1 AND audience = $2',
      [month, audience],
    );
    return next;
  }

  add(fields: Omit<MonthlyExport, 'id' | 'generatedAt'>, manager?: EntityManager): Promise<MonthlyExport> {
    const exports = within(this.exports, manager);
    return exports.save(exports.create(fields));
  }

  /** The newest 500 workbooks that pass the filters (each optional), without their bytes. */
  list(filter: { audience?: Audience; year?: number; month?: string }): Promise<MonthlyExport[]> {
    const query = this.exports.createQueryBuilder('monthly_export');
    if (filter.audience) query.andWhere('monthly_export.audience = :audience', { audience: filter.audience });
    if (filter.year !== undefined)
      query.andWhere('left(monthly_export.month, 4) = :year', { year: String(filter.year) });
    if (filter.month) query.andWhere('monthly_export.month = :month', { month: filter.month });
    return query
      .orderBy('monthly_export.month', 'DESC')
      .addOrderBy('monthly_export.audience', 'ASC')
      .addOrderBy('monthly_export.version', 'DESC')
      .limit(500)
      .getMany();
  }

  async latestId(month: string, audience: Audience): Promise<string | null> {
    const found = await this.exports.findOne({
      where: { month, audience },
      order: { version: 'DESC' },
      select: { id: true },
    });
    return found?.id ?? null;
  }

  /** A workbook with its bytes. */
  withContent(id: string): Promise<MonthlyExport | null> {
    return this.exports
      .createQueryBuilder('monthly_export')
      .addSelect('monthly_export.content')
      .where('monthly_export.id = :id', { id })
      .getOne();
  }

  async jurisdictionNames(): Promise<Map<string, string>> {
    const rows: Array<{ code: string; name: string }> = await this.exports.query(
      'SELECT code, name FROM jurisdictions',
    );
    return new Map(rows.map((j) => [j.code, j.name]));
  }

  /** TIP cases registered between `from` and `to` or whose status changed then, with their status as at `to`. */
  activeCases(from: string, to: string): Promise<NonNullable<MonthlyFigures['cases']>> {
    return this.exports.query(
      `SELECT stored_case.jurisdiction_code AS jurisdiction, district.name AS district, stored_case.police_station AS "policeStation",
              stored_case.fir_number AS "firNumber", stored_case.fir_year AS "firYear", stored_case.fir_date::text AS "firDate",
              COALESCE((SELECT status_event.to_status FROM case_status_events status_event
                         WHERE status_event.case_id = stored_case.id AND status_event.status_date <= $2
                         ORDER BY status_event.status_date DESC, status_event.id DESC LIMIT 1), stored_case.status) AS status,
              COALESCE((SELECT max(status_event.status_date) FROM case_status_events status_event
                         WHERE status_event.case_id = stored_case.id AND status_event.status_date <= $2), stored_case.status_date)::text AS "statusDate"
         FROM cases stored_case JOIN districts district ON district.code = stored_case.district_code
        WHERE stored_case.deleted_at IS NULL AND stored_case.offence_family = 'tip'
          AND (stored_case.fir_date BETWEEN $1 AND $2
               OR EXISTS (SELECT 1 FROM case_status_events status_event
                           WHERE status_event.case_id = stored_case.id AND status_event.status_date BETWEEN $1 AND $2))
        ORDER BY stored_case.jurisdiction_code, district.name, stored_case.fir_date, stored_case.fir_number`,
      [from, to],
    );
  }
}
