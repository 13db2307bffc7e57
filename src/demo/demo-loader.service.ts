import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { hashCnic, normaliseCnic } from 'src/common/cnic';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { DemoDataSet } from 'src/demo/demo-data';
import { DEMO_SEED, generateDemoData } from 'src/demo/demo-generator';
import { DEMO_LOAD_ACTION, DemoRepository, DemoRow } from 'src/demo/demo.repository';
import { nameKey } from 'src/reference/name-key';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';

/** A database that holds cases other than the demo's: the demo refuses it, and writes nothing. */
export class DemoRefusedError extends Error {
  constructor() {
    super(
      'this database holds other cases; demo data is only loaded into an empty database (give DATA_DIR a new folder, or DATABASE_URL an empty database)',
    );
  }
}

interface DemoCounts {
  readonly cases: number;
  readonly victims: number;
  readonly defendants: number;
  readonly prosecutions: number;
  readonly convictions: number;
}

export type DemoLoadResult =
  | { readonly state: 'loaded'; readonly cases: number; readonly victims: number; readonly milliseconds: number }
  | { readonly state: 'present' };

/**
 * Loads the demonstration data set into an empty database, in one transaction (set-based
 * inserts, an audit event by the system that also marks the database as the demo's), then
 * brings the statistics cube up to date. A database already holding the demo set is left as
 * it is; one holding any other case is refused.
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly cube: StatisticsCube,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(cases = this.config.demo.cases, seed = DEMO_SEED): Promise<DemoLoadResult> {
    const started = Date.now();
    const counts = await this.transactions.run(async (manager) => {
      await this.demo.lock(manager);
      if (await this.demo.recordedLoad(manager)) return null;
      if ((await this.demo.storedCases(manager)) > 0) throw new DemoRefusedError();
      const loaded = await this.write(
        manager,
        generateDemoData({ seed, cases, districts: await this.demo.districts(manager) }),
      );
      await this.audit.record(
        { actor: null, action: DEMO_LOAD_ACTION, entity: 'demo', detail: { seed, ...loaded } },
        manager,
      );
      return loaded;
    });
    if (!counts) return { state: 'present' };
    await this.cube.refresh();
    const milliseconds = Date.now() - started;
    this.logger.log(`loaded ${counts.cases} demonstration cases in ${milliseconds} ms`);
    return { state: 'loaded', cases: counts.cases, victims: counts.victims, milliseconds };
  }

  /** Inserts the data set table by table; returns how many rows of each kind. */
  private async write(manager: EntityManager, data: DemoDataSet): Promise<DemoCounts> {
    const secret = this.config.cnicHmacSecret;
    const rows = {
      cases: [] as Array<DemoRow<'cases'>>,
      route_points: [] as Array<DemoRow<'route_points'>>,
      case_status_events: [] as Array<DemoRow<'case_status_events'>>,
      victims: [] as Array<DemoRow<'victims'>>,
      defendants: [] as Array<DemoRow<'defendants'>>,
      prosecutions: [] as Array<DemoRow<'prosecutions'>>,
      convictions: [] as Array<DemoRow<'convictions'>>,
    };
    for (const c of data.cases) {
      const caseId = randomUUID();
      rows.cases.push({
        id: caseId,
        jurisdiction_code: c.jurisdiction,
        district_code: c.district,
        police_station: c.policeStation,
        police_station_key: nameKey(c.policeStation),
        reporting_agency: c.reportingAgency,
        reporting_unit_code: c.reportingAgency === 'fia' ? 'FIA' : `POLICE-${c.jurisdiction}`,
        fir_number: c.firNumber,
        fir_year: c.firYear,
        fir_date: c.firDate,
        offence_family: c.offenceFamily,
        law_sections: c.lawSections,
        trafficking_type: c.traffickingType,
        exploitation_forms: c.exploitationForms,
        status: c.status,
        status_date: c.statusDate,
        investigation_concluded_on: c.investigationConcludedOn,
        remarks: c.remarks,
      });
      c.route.forEach((p, position) =>
        rows.route_points.push({
          case_id: caseId,
          position,
          kind: p.kind,
          country_code: p.country,
          district_code: p.district,
          place: p.place,
        }),
      );
      for (const e of c.history)
        rows.case_status_events.push({ case_id: caseId, from_status: e.from, to_status: e.to, status_date: e.date });
      for (const v of c.victims)
        rows.victims.push({
          case_id: caseId,
          ref: v.ref,
          sex: v.sex,
          age: v.age,
          age_estimated: v.ageEstimated,
          nationality: v.nationality,
          residence_district_code: v.residenceDistrict,
          residence_country: v.residenceCountry,
          exploitation_forms: v.exploitationForms,
          vulnerabilities: v.vulnerabilities,
          identified_on: v.identifiedOn,
          referred_to: v.referredTo,
          repatriated: v.repatriated,
        });
      for (const d of c.defendants) {
        const defendantId = randomUUID();
        const cnic = d.cnic === null ? null : normaliseCnic(d.cnic);
        rows.defendants.push({
          id: defendantId,
          case_id: caseId,
          ref: d.ref,
          name: d.name,
          cnic_hash: cnic === null ? null : hashCnic(cnic, secret),
          sex: d.sex,
          age: d.age,
          nationality: d.nationality,
          role: d.role,
          custody_status: d.custodyStatus,
          group_name: d.groupName,
        });
        const p = d.prosecution;
        if (!p) continue;
        const prosecutionId = randomUUID();
        rows.prosecutions.push({
          id: prosecutionId,
          case_id: caseId,
          defendant_id: defendantId,
          court: p.court,
          charges: p.charges,
          prosecution_date: p.prosecutionDate,
          outcome: p.outcome,
          outcome_date: p.outcomeDate,
        });
        if (p.conviction)
          rows.convictions.push({
            prosecution_id: prosecutionId,
            judgment_date: p.conviction.judgmentDate,
            sections: p.conviction.sections,
            imprisonment_months: p.conviction.imprisonmentMonths,
            fine_pkr: p.conviction.finePkr,
            appeal_status: p.conviction.appealStatus,
          });
      }
    }
    await this.demo.insert(manager, 'cases', rows.cases);
    await this.demo.insert(manager, 'route_points', rows.route_points);
    await this.demo.insert(manager, 'case_status_events', rows.case_status_events);
    await this.demo.insert(manager, 'victims', rows.victims);
    await this.demo.insert(manager, 'defendants', rows.defendants);
    await this.demo.insert(manager, 'prosecutions', rows.prosecutions);
    await this.demo.insert(manager, 'convictions', rows.convictions);
    return {
      cases: rows.cases.length,
      victims: rows.victims.length,
      defendants: rows.defendants.length,
      prosecutions: rows.prosecutions.length,
      convictions: rows.convictions.length,
    };
  }
}
