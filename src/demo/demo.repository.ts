import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoDistrict } from 'src/demo/demo-data';

/** The audit action that records a load of the demonstration data: it marks the database as the demo's. */
export const DEMO_LOAD_ACTION = 'demo.load';

/** The columns each table is loaded with; the others take their defaults. */
const COLUMNS = {
  cases: [
    'id',
    'jurisdiction_code',
    'district_code',
    'police_station',
    'police_station_key',
    'reporting_agency',
    'reporting_unit_code',
    'fir_number',
    'fir_year',
    'fir_date',
    'offence_family',
    'law_sections',
    'trafficking_type',
    'exploitation_forms',
    'status',
    'status_date',
    'investigation_concluded_on',
    'remarks',
  ],
  route_points: ['case_id', 'position', 'kind', 'country_code', 'district_code', 'place'],
  case_status_events: ['case_id', 'from_status', 'to_status', 'status_date'],
  victims: [
    'case_id',
    'ref',
    'sex',
    'age',
    'age_estimated',
    'nationality',
    'residence_district_code',
    'residence_country',
    'exploitation_forms',
    'vulnerabilities',
    'identified_on',
    'referred_to',
    'repatriated',
  ],
  defendants: [
    'id',
    'case_id',
    'ref',
    'name',
    'cnic_hash',
    'sex',
    'age',
    'nationality',
    'role',
    'custody_status',
    'group_name',
  ],
  prosecutions: ['id', 'case_id', 'defendant_id', 'court', 'charges', 'prosecution_date', 'outcome', 'outcome_date'],
  convictions: ['prosecution_id', 'judgment_date', 'sections', 'imprisonment_months', 'fine_pkr', 'appeal_status'],
} as const;

export type DemoTable = keyof typeof COLUMNS;
export type DemoRow<T extends DemoTable> = Record<(typeof COLUMNS)[T][number], unknown>;

/** The SQL of the demonstration data's load: what the database holds, and set-based inserts. */
@Injectable()
export class DemoRepository {
  /** Serialises loads across instances until the transaction ends. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tip-demo-load'))`);
  }

  /** The recorded load of the demonstration data, if this database has one. */
  async recordedLoad(manager: EntityManager): Promise<Record<string, unknown> | null> {
    const [row] = await manager.query<Array<{ detail: Record<string, unknown> | null }>>(
      `SELECT detail FROM audit_events WHERE action = $1 ORDER BY id LIMIT 1`,
      [DEMO_LOAD_ACTION],
    );
    return row ? (row.detail ?? {}) : null;
  }

  /** Every case stored, deleted ones included. */
  async storedCases(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<Array<{ stored: number }>>(`SELECT count(*)::int AS stored FROM cases`);
    return row.stored;
  }

  districts(manager: EntityManager): Promise<DemoDistrict[]> {
    return manager.query(
      `SELECT district.code, district.jurisdiction_code AS jurisdiction, district.name FROM districts district ORDER BY district.code`,
    );
  }

  /**
   * Inserts `rows` into `table` in one statement, in their order (so that status events keep
   * theirs). Rows travel as one JSON array read with the table's own column types.
   */
  async insert<T extends DemoTable>(manager: EntityManager, table: T, rows: ReadonlyArray<DemoRow<T>>): Promise<void> {
    if (!rows.length) return;
    const columns = COLUMNS[table].join(', ');
    await manager.query(
      `INSERT INTO ${table} (${columns})
       SELECT ${columns} FROM json_populate_recordset(NULL::${table}, $1::json) WITH ORDINALITY ORDER BY ordinality`,
      [JSON.stringify(rows)],
    );
  }
}
