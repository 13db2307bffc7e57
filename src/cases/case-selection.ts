import type { ReadScope } from 'src/cases/case-access.service';
import { CaseBasis, CaseFilterDto } from 'src/cases/dto/case-filter.dto';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CommonErrors } from 'src/common/errors/error-codes';
import { CommonFieldCodes, StatisticsFieldCodes } from 'src/common/errors/field-codes';
import { nameKey } from 'src/reference/name-key';
import {
  AGE_BAND,
  AGE_GROUP,
  FAMILIES_OF,
  hasTransit,
  identifiedIn,
  investigatedIn,
  judgedIn,
  nationalityOf,
  PeriodSql,
  prosecutionBeganIn,
  reachedStage,
  registeredBy,
  registeredIn,
  routeDestination,
  routeOrigin,
  RouteLevel,
  scopeFilter,
  statusAt,
  transitPlace,
} from 'src/statistics/counting-rules.sql';

/**
 * The cases a CaseFilterDto selects, as one SQL condition on a case `alias` with named
 * parameters (`:case_…`): the case list runs it through TypeORM's query builder, the case
 * export as positional SQL. The statistics' rules come from counting-rules.sql.ts, so that for
 * the same `from`, `to`, `basis` and filters the cases listed are those a figure counts.
 */
export interface CaseSelection {
  where: string;
  params: Record<string, unknown>;
  /**
   * A search's two ways of matching a case (`where` holds either), and `where` without the
   * search: counted apart, a station's cases are counted from an index alone (CasesRepository.count).
   */
  search?: { station: string; firNumber: string; without: string };
}

/** The rows a basis counts beside its cases (victims identified, persons prosecuted or convicted). */
export interface CountedRows {
  /** What the count means in the list's answer. */
  kind: 'victimCount' | 'personCount';
  /** The counted rows with their alias, for a FROM clause. */
  from: string;
  /** The column holding each row's case id. */
  caseId: string;
  /** The rule a row must meet, on the rows and the case `alias`. */
  condition: string;
  /** The aggregate that counts them (persons convicted are counted once each). */
  count: string;
}

/** The period's parameters, named as caseSelection binds them. */
const PERIOD: PeriodSql = { from: ':case_from', to: ':case_to' };
const NO_PLACE = 'unknown';
/** `transit=none`: a route without a transit point (the Sankey's origin → destination legs). */
const NO_TRANSIT = 'none';
/** The shape of a place at each route level: a country anywhere; a jurisdiction or a district in Pakistan. */
const PLACE_SHAPES: Record<RouteLevel, RegExp> = {
  country: /^[A-Z]{3}$/,
  jurisdiction: /^([A-Z]{3}|PK-[A-Z]{2})$/,
  district: /^(?!PK-[A-Z]{2}$)[A-Za-z0-9-]+$/,
};
const PLACE_WORDS: Record<RouteLevel, string> = {
  country: "a country's ISO alpha-3 code",
  jurisdiction: "a jurisdiction's ISO 3166-2 code or a country's ISO alpha-3 code",
  district: "a district's P-code or a country's ISO alpha-3 code",
};

/** The bases that count persons beside their cases (personCount, victimCount): `sex` alone narrows those persons. */
const PERSON_BASES: Array<CaseBasis | undefined> = ['prosecuted', 'convicted', 'victims'];
/** `exploitationForm=unspecified`: a case recording no form of exploitation. */
const NO_FORM = 'unspecified';

/** The basis a demographics scope selects cases by: `prosecuted`, or `registered` for `all`. */
const scopeBasis = (q: CaseFilterDto): CaseBasis =>
  (q.scope ?? (q.basis === 'registered' ? 'all' : 'prosecuted')) === 'all' ? 'registered' : 'prosecuted';

/**
 * The basis the filter uses: as given, else that of the persons' scope, else `victims` with a
 * residence district or a vulnerability, else `registered` with a period or a stage.
 */
export function basisOf(q: CaseFilterDto): CaseBasis | undefined {
  if (q.basis) return q.basis;
  if (q.population) return scopeBasis(q);
  if (q.residenceDistrict || q.vulnerability) return 'victims';
  return q.from || q.to || q.stage ? 'registered' : undefined;
}

/** Refuses a combination of filters that selects nothing meaningful (400, every field at fault named). */
export function assertValidCaseFilter(q: CaseFilterDto): void {
  const problems: FieldProblem[] = [];
  const basis = basisOf(q);
  const required = (field: string, message: string) =>
    problems.push({ field, code: CommonFieldCodes.REQUIRED, message });
  if (basis && basis !== 'status' && !q.from) required('from', `from is required with basis ${basis}`);
  if (basis && !q.to) required('to', `to is required with basis ${basis}`);
  if (q.from && q.to && q.from > q.to)
    problems.push({ field: 'to', code: StatisticsFieldCodes.BEFORE_FROM, message: 'to must not be before from' });
  if (basis === 'status' && !q.status) required('status', 'status (as at to) is required with basis status');
  if (q.residenceDistrict && basis !== 'victims')
    problems.push({
      field: 'residenceDistrict',
      code: CommonFieldCodes.NOT_ALLOWED,
      message: 'residenceDistrict selects victims identified in the period: it goes with basis victims only',
    });
  if (q.stage && basis !== 'registered')
    problems.push({
      field: 'stage',
      code: CommonFieldCodes.NOT_ALLOWED,
      message: 'stage follows the cases registered in the period: it goes with basis registered only',
    });
  const notAllowed = (field: string, message: string) =>
    problems.push({ field, code: CommonFieldCodes.NOT_ALLOWED, message });
  if (q.population && q.basis && q.basis !== scopeBasis(q))
    notAllowed('basis', `the persons of scope ${q.scope ?? 'prosecuted'} go with basis ${scopeBasis(q)} only`);
  if (q.population && q.vulnerability)
    notAllowed(
      'vulnerability',
      'vulnerability counts the victims identified in the period, not a population: give one or the other',
    );
  if (q.scope && !q.population)
    notAllowed('scope', 'scope says whose persons population counts: it goes with population only');
  if (q.ageBand && !q.population) notAllowed('ageBand', 'ageBand selects persons: it goes with population only');
  if (q.nationality && !q.population)
    notAllowed('nationality', 'nationality selects persons: it goes with population only');
  if (q.ageGroup && !q.population && !q.vulnerability)
    notAllowed('ageGroup', 'ageGroup selects persons: it goes with population or vulnerability only');
  if (q.sex && !q.population && !q.vulnerability && !PERSON_BASES.includes(basis))
    notAllowed(
      'sex',
      'sex selects persons: it goes with population, vulnerability or basis prosecuted, convicted or victims only',
    );
  if (q.vulnerability && basis !== 'victims')
    notAllowed(
      'vulnerability',
      'vulnerability counts victims identified in the period: it goes with basis victims only',
    );
  const level = q.routeLevel ?? 'country';
  for (const field of ['origin', 'destination', 'transit'] as const) {
    const place = q[field];
    const named = field === 'transit' ? NO_TRANSIT : NO_PLACE;
    if (place !== undefined && place !== named && !PLACE_SHAPES[level].test(place))
      problems.push({
        field,
        code: CommonFieldCodes.INVALID,
        message: `at routeLevel ${level} a place is ${PLACE_WORDS[level]}, or ${named}`,
      });
  }
  if (problems.length)
    throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The case filters do not go together', { errors: problems });
}

/** The police stations' keys (migration PoliceStationKeys) that hold `key`, a LIKE pattern. */
export const STATIONS_NAMED = (key: string) =>
  `SELECT known.key FROM police_station_keys known WHERE known.key LIKE ${key}`;

/** The LIKE pattern of a search: its key (nameKey) anywhere; '' when it has no letter or digit. */
export const searchPattern = (search: string | undefined): string => {
  const key = search ? nameKey(search) : '';
  return key && `%${key}%`;
};

/**
 * Builds the SQL of a filter already checked by assertValidCaseFilter, within `scope` (the
 * caller's, applied to the filter). A search's police stations are `stations` when the caller
 * has found them (CasesRepository.stationsNamed: the planner then knows how many cases they
 * have), else found by the same statement.
 */
export function caseSelection(
  alias: string,
  q: CaseFilterDto,
  scope: ReadScope,
  stations?: readonly string[],
): CaseSelection {
  const params: Record<string, unknown> = {};
  const param = (name: string, value: unknown) => {
    params[`case_${name}`] = value;
    return `:case_${name}`;
  };
  const where = [
    `${alias}.deleted_at IS NULL`,
    scopeFilter(
      alias,
      { district: true, formAndType: true, unit: true },
      {
        jurisdiction: param('jurisdiction', scope.jurisdiction),
        units: param('units', scope.units),
        district: param('district', q.district ?? null),
        families: param('families', FAMILIES_OF[q.offenceFamily ?? 'all']),
        exploitationForm: param('form', q.exploitationForm === NO_FORM ? null : (q.exploitationForm ?? null)),
        traffickingType: param('type', q.traffickingType ?? null),
      },
    ),
  ];
  if (q.exploitationForm === NO_FORM) where.push(`COALESCE(cardinality(${alias}.exploitation_forms), 0) = 0`);
  const basis = basisOf(q);
  if (q.status && basis !== 'status') where.push(`${alias}.status = ${param('status', q.status)}`);
  if (q.firDateFrom) where.push(`${alias}.fir_date >= ${param('fir_from', q.firDateFrom)}`);
  if (q.firDateTo) where.push(`${alias}.fir_date <= ${param('fir_to', q.firDateTo)}`);
  if (q.firYear) where.push(`${alias}.fir_year = ${param('fir_year', q.firYear)}`);
  const pattern = searchPattern(q.search);
  // the police station by its stored key, found first among the stations' keys (migration
  // PoliceStationKeys); the FIR number keyed the same way in place (through its trigram index);
  // a key holds letters and digits only, never a LIKE wildcard
  const key = pattern && param('search', pattern);
  const searched = key
    ? {
        station: `${alias}.police_station_key = ANY(${stations ? `${param('stations', stations)}::text[]` : `ARRAY(${STATIONS_NAMED(key)})`})`,
        firNumber: `lower(regexp_replace(${alias}.fir_number, '[^[:alnum:]]+', '', 'g')) LIKE ${key}`,
      }
    : null;
  const searchAt = searched ? where.push(`${searched.station} OR ${searched.firNumber}`) - 1 : -1;
  if (basis && q.to && (q.from || basis === 'status')) {
    if (q.from) param('from', q.from);
    param('to', q.to);
    if (q.residenceDistrict) param('residence', q.residenceDistrict);
    if (q.sex) param('sex', q.sex);
    if (q.ageBand) param('age_band', q.ageBand);
    if (q.ageGroup) param('age_group', q.ageGroup);
    if (q.nationality) param('nationality', q.nationality);
    if (q.vulnerability) param('vulnerability', q.vulnerability);
    where.push(basisCondition(alias, basis, q, param));
    const persons = q.population ? personRows(alias, q) : null;
    if (persons)
      where.push(
        `EXISTS (SELECT 1 FROM ${persons.from} WHERE ${persons.caseId} = ${alias}.id AND ${persons.condition})`,
      );
  }
  if (q.stage) where.push(reachedStage(alias, q.stage));
  if (q.origin || q.destination || q.transit) {
    const level = `${param('route_level', q.routeLevel ?? 'country')}::text`;
    const place = (expression: string, name: string, value: string) =>
      value === NO_PLACE ? `${expression} IS NULL` : `${expression} = ${param(name, value)}`;
    if (q.origin) where.push(place(routeOrigin(alias, level), 'origin', q.origin));
    if (q.destination) where.push(place(routeDestination(alias, level), 'destination', q.destination));
    if (q.transit === NO_TRANSIT) where.push(`NOT ${hasTransit(alias)}`);
    else if (q.transit)
      where.push(`EXISTS (SELECT 1 FROM route_points transit_point
         WHERE transit_point.case_id = ${alias}.id AND transit_point.kind = 'transit'
           AND ${transitPlace('transit_point', level)} = ${param('transit', q.transit)})`);
  }
  const and = (conditions: string[]) => conditions.map((w) => `(${w})`).join(' AND ');
  return {
    where: and(where),
    params,
    ...(searched ? { search: { ...searched, without: and(where.filter((_, i) => i !== searchAt)) } } : {}),
  };
}

/**
 * The rows counted beside the cases for a basis that counts persons: victims identified in the
 * period (of the residence district), prosecutions begun, persons convicted; null for the
 * bases that count cases. Its parameters are those of caseSelection for the same filter.
 */
export function countedRows(alias: string, q: CaseFilterDto): CountedRows | null {
  if (!q.from || !q.to) return null;
  return q.population ? personRows(alias, q) : basisRows(alias, q, basisOf(q));
}

/**
 * The conditions on a person `person` of the filter's `sex`, `ageBand`, `ageGroup` and
 * `nationality`, as the demographics and vulnerabilities group them (parameters of caseSelection).
 */
function personConditions(person: string, q: CaseFilterDto): string[] {
  return [
    ...(q.sex ? [`${person}.sex = :case_sex`] : []),
    ...(q.ageBand ? [`${AGE_BAND(`${person}.age`)} = :case_age_band`] : []),
    ...(q.ageGroup ? [`${AGE_GROUP(`${person}.age`)} = :case_age_group`] : []),
    ...(q.nationality ? [`${nationalityOf(`${person}.nationality`)} = :case_nationality`] : []),
  ];
}

/** The persons of `population` of a case the filter selects (its scope is the basis), as GET /statistics/demographics counts them. */
function personRows(alias: string, q: CaseFilterDto): CountedRows {
  const table = q.population === 'defendants' ? 'defendants' : 'victims';
  return {
    kind: q.population === 'defendants' ? 'personCount' : 'victimCount',
    from: `${table} counted_person`,
    caseId: 'counted_person.case_id',
    condition: ['TRUE', ...personConditions('counted_person', q)].join(' AND '),
    count: 'count(*)',
  };
}

function basisRows(alias: string, q: CaseFilterDto, basis: CaseBasis | undefined): CountedRows | null {
  const victim = [
    identifiedIn('counted_victim', alias, PERIOD),
    ...(q.residenceDistrict ? ['counted_victim.residence_district_code = :case_residence'] : []),
    ...(q.vulnerability ? [':case_vulnerability = ANY(counted_victim.vulnerabilities)'] : []),
    ...(q.vulnerability || q.sex ? personConditions('counted_victim', q) : []),
  ];
  // the persons prosecuted or convicted of a sex (not a population's): their defendant's
  const bySex = !!q.sex && !q.population;
  const defendant = bySex
    ? ' JOIN defendants counted_defendant ON counted_defendant.id = counted_prosecution.defendant_id'
    : '';
  const ofSex = bySex ? ' AND counted_defendant.sex = :case_sex' : '';
  switch (basis) {
    case 'victims':
      return {
        kind: 'victimCount',
        from: 'victims counted_victim',
        caseId: 'counted_victim.case_id',
        condition: victim.join(' AND '),
        // as the figure unnests the codes: a code a victim holds twice counts twice (none should)
        count: q.vulnerability
          ? 'COALESCE(sum(cardinality(array_positions(counted_victim.vulnerabilities, :case_vulnerability::text))), 0)'
          : 'count(*)',
      };
    case 'prosecuted':
      return {
        kind: 'personCount',
        from: `prosecutions counted_prosecution${defendant}`,
        caseId: 'counted_prosecution.case_id',
        condition: prosecutionBeganIn('counted_prosecution', PERIOD) + ofSex,
        count: 'count(*)',
      };
    case 'convicted':
      return {
        kind: 'personCount',
        from: `convictions counted_conviction JOIN prosecutions counted_prosecution ON counted_prosecution.id = counted_conviction.prosecution_id${defendant}`,
        caseId: 'counted_prosecution.case_id',
        condition: judgedIn('counted_conviction', PERIOD) + ofSex,
        count: 'count(DISTINCT counted_prosecution.defendant_id)',
      };
    default:
      return null;
  }
}

function basisCondition(
  alias: string,
  basis: CaseBasis,
  q: CaseFilterDto,
  param: (name: string, value: unknown) => string,
): string {
  if (basis === 'registered') return registeredIn(alias, PERIOD);
  if (basis === 'investigated') return investigatedIn(alias, PERIOD);
  if (basis === 'status')
    return `${registeredBy(alias, PERIOD.to)} AND ${statusAt(alias, PERIOD.to)} = ${param('status_at', q.status)}`;
  const rows = basisRows(alias, q, basis)!;
  return `EXISTS (SELECT 1 FROM ${rows.from} WHERE ${rows.caseId} = ${alias}.id AND ${rows.condition})`;
}
