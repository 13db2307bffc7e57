import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { EntityManager } from 'typeorm';
import { AuthUser, scopeOf, soleJurisdiction, UnitScope } from 'src/auth/auth-user';
import { CaseRecord } from 'src/cases/case.entity';
import { CaseFacts, consistencyProblems } from 'src/cases/case-rules';
import { CasesRepository } from 'src/cases/cases.repository';
import { assertIfMatch } from 'src/cases/case-version';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors, CaseErrors, ReportingUnitErrors } from 'src/common/errors/error-codes';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { requestIfMatch } from 'src/common/request-context';
import { REPORTING_AGENCIES, ReportingAgency } from 'src/reference/code-lists';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';
import { captureCases } from 'src/submissions/month-locks';

/** What a read may select: a jurisdiction (or all) and a set of reporting units (or all). */
export interface ReadScope {
  jurisdiction: string | null;
  /** Reporting unit codes; null: every unit. Never empty (a filter matching no unit is `['']`). */
  units: string[] | null;
  /** The jurisdictions the answer may name: the caller's unit's (or the one asked), or null for all. */
  jurisdictions: readonly string[] | null;
}

/** The reporting unit and jurisdiction of a new case. */
export interface WriteTarget {
  unit: UnitScope;
  jurisdiction: string | undefined;
}

/**
 * Finds cases the way every case route must: within the caller's reporting unit and among
 * cases not deleted. A case outside the scope answers 404 like a missing one, so its
 * existence does not leak.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly cases: CasesRepository,
    private readonly units: ReportingUnitsRepository,
    private readonly cls: ClsService,
  ) {}

  /**
   * A live case within the caller's scope. `lock`: for a write in the transaction of `manager`,
   * which must come before anything of the case is written (the month locks compare its figures
   * with what they were at this point). Every write of a case or of one of its records locks it
   * here, so this is where the request's If-Match is compared with the version: once the case is
   * locked no other write can move it on before this one commits, and two writes based on the
   * same version cannot both pass (409 CASE.CHANGED, before anything is written).
   */
  async find(user: AuthUser, id: string, manager?: EntityManager, lock = false): Promise<CaseRecord> {
    const found = await this.cases.findLive(id, scopeOf(user)?.code ?? null, { manager, lock });
    if (!found) throw new DomainError(CaseErrors.NOT_FOUND, 'No such case');
    if (lock) assertIfMatch(requestIfMatch(this.cls), found);
    // a write locks its case first: what the case counts in approved months is kept to compare at commit
    if (lock && manager) await captureCases(manager, [{ id: found.id, unit: found.reportingUnitCode }]);
    return found;
  }

  /**
   * The unit and jurisdiction a new case is written to: a focal person's own unit (another is
   * refused), in one of its jurisdictions (the only one when the unit has one, else the
   * jurisdiction given or that of the case's district `districtJurisdiction`); for national roles
   * the unit named, else the police of the jurisdiction (or the FIA for agency `fia`).
   */
  async writeTarget(
    user: AuthUser,
    requested: { reportingUnit?: string; jurisdiction?: string; reportingAgency?: ReportingAgency },
    districtJurisdiction: string | undefined,
    manager?: EntityManager,
  ): Promise<WriteTarget> {
    const own = scopeOf(user);
    let unit: (UnitScope & { active: boolean }) | null;
    if (own) {
      if (requested.reportingUnit && requested.reportingUnit !== own.code) throw unitForbidden();
      if (requested.reportingAgency && requested.reportingAgency !== own.agency) throw unitForbidden();
      unit = { ...own, active: true };
    } else {
      const code =
        requested.reportingUnit ??
        (requested.reportingAgency === 'fia'
          ? 'FIA'
          : (requested.jurisdiction ?? districtJurisdiction) && requested.reportingAgency !== 'other'
            ? await this.units.policeUnitOf((requested.jurisdiction ?? districtJurisdiction)!, manager)
            : null);
      unit = code ? await this.units.scope(code, manager) : null;
      if (!unit)
        throw new DomainError(
          ReportingUnitErrors.NOT_FOUND,
          code ? 'No such reporting unit' : 'Name the reporting unit of the case (reportingUnit)',
        );
      if (requested.reportingAgency && requested.reportingAgency !== unit.agency)
        throw new DomainError(ReportingUnitErrors.OUTSIDE_JURISDICTIONS, 'The agency is not the reporting unit’s');
    }
    if (!unit.active) throw new DomainError(ReportingUnitErrors.INACTIVE, 'The reporting unit is inactive');
    const jurisdiction = requested.jurisdiction ?? soleJurisdiction(unit) ?? districtJurisdiction;
    if (jurisdiction && !unit.jurisdictions.includes(jurisdiction)) {
      if (own) throw jurisdictionForbidden();
      throw new DomainError(
        ReportingUnitErrors.OUTSIDE_JURISDICTIONS,
        `The reporting unit ${unit.code} does not register cases in ${jurisdiction}`,
      );
    }
    return { unit, jurisdiction };
  }

  /**
   * What a read (case list, export, statistics) may select. A focal person reads their unit's
   * cases only: naming another unit, agency, or a jurisdiction outside the unit is refused (403).
   * National roles may narrow by jurisdiction, unit and agency.
   */
  async readScope(
    user: AuthUser,
    q: { jurisdiction?: string; reportingUnit?: string; agency?: ReportingAgency },
  ): Promise<ReadScope> {
    const own = scopeOf(user);
    if (own) {
      if (q.jurisdiction && !own.jurisdictions.includes(q.jurisdiction)) throw jurisdictionForbidden();
      if ((q.reportingUnit && q.reportingUnit !== own.code) || (q.agency && q.agency !== own.agency))
        throw unitForbidden();
      return {
        jurisdiction: q.jurisdiction ?? soleJurisdiction(own),
        units: [own.code],
        jurisdictions: q.jurisdiction ? [q.jurisdiction] : own.jurisdictions,
      };
    }
    let units: string[] | null = null;
    if (q.agency) units = (await this.units.codesByAgency()).get(q.agency) ?? [];
    if (q.reportingUnit) units = !units || units.includes(q.reportingUnit) ? [q.reportingUnit] : [];
    return {
      jurisdiction: q.jurisdiction ?? null,
      units: units && (units.length ? units : ['']),
      jurisdictions: q.jurisdiction ? [q.jurisdiction] : null,
    };
  }

  /**
   * Each agency's units within a read scope's units (`['']` for an agency with none: the filter
   * then matches no case), from one read.
   */
  async unitsOfAgencies(units: string[] | null): Promise<Record<ReportingAgency, string[]>> {
    const byAgency = await this.units.codesByAgency();
    const ofAgency = (agency: ReportingAgency) => {
      const codes = byAgency.get(agency) ?? [];
      const within = units ? codes.filter((code) => units.includes(code)) : codes;
      return within.length ? within : [''];
    };
    return Object.fromEntries(REPORTING_AGENCIES.map((agency) => [agency, ofAgency(agency)])) as Record<
      ReportingAgency,
      string[]
    >;
  }

  /** Case facts as stored (prosecutions with their convictions' appeal status). */
  async facts(manager: EntityManager, caseRecord: CaseRecord): Promise<CaseFacts> {
    const rows = await this.cases.prosecutionsOf(caseRecord.id, manager);
    return {
      firDate: caseRecord.firDate,
      status: caseRecord.status,
      statusDate: caseRecord.statusDate,
      investigationConcludedOn: caseRecord.investigationConcludedOn,
      prosecutions: rows.map((r) => ({
        label: `prosecutions[${r.ref}]`,
        prosecutionDate: r.prosecution_date,
        outcome: r.outcome,
        outcomeDate: r.outcome_date,
        appealStatus: r.appeal_status,
      })),
    };
  }

  /** Refuses (and so rolls back) a write that leaves the case inconsistent. */
  async assertConsistent(manager: EntityManager, caseRecord: CaseRecord): Promise<void> {
    const problems = consistencyProblems(await this.facts(manager, caseRecord), todayInPakistan());
    if (problems.length)
      throw new DomainError(CaseErrors.INVALID, 'The change would leave the case inconsistent', { errors: problems });
  }
}

function jurisdictionForbidden(): DomainError {
  return new DomainError(AuthErrors.JURISDICTION_FORBIDDEN, 'You may only work on cases of your own jurisdictions');
}

function unitForbidden(): DomainError {
  return new DomainError(AuthErrors.UNIT_FORBIDDEN, 'You may only work on cases of your own reporting unit');
}
