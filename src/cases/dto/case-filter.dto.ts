import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';
import {
  CASE_STATUSES,
  CaseStatus,
  EXPLOITATION_FORMS,
  REPORTING_AGENCIES,
  ReportingAgency,
  Sex,
  SEXES,
  TRAFFICKING_TYPES,
  TraffickingType,
  VULNERABILITIES,
} from 'src/reference/code-lists';
import {
  AGE_BANDS,
  AGE_GROUPS,
  AgeBand,
  AgeGroup,
  ROUTE_LEVELS,
  RouteLevel,
  Stage,
  STAGES,
} from 'src/statistics/counting-rules.sql';
import { FAMILY_FILTERS, FamilyFilter } from 'src/statistics/dto/statistics-query.dto';
import { UNIT_CODE } from 'src/reporting-units/unit-code';

/** Which figure's rule `from`…`to` selects cases by (src/cases/case-selection.ts). */
export const CASE_BASES = ['registered', 'investigated', 'prosecuted', 'convicted', 'victims', 'status'] as const;
export type CaseBasis = (typeof CASE_BASES)[number];
/** The persons a demographics figure counts. */
export const POPULATIONS = ['victims', 'defendants'] as const;
export type Population = (typeof POPULATIONS)[number];
/** Which cases' persons a demographics figure counts. */
export const PERSON_SCOPES = ['prosecuted', 'all'] as const;
export type PersonScope = (typeof PERSON_SCOPES)[number];

/**
 * The case filters shared by the case list and the case-level export. With `from`, `to` and
 * `basis` (and the statistics' filters) they select exactly the cases behind a statistic.
 */
export class CaseFilterDto {
  /** ISO 3166-2 code; a focal person's own is implied (another is refused). */
  @IsOptional() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string;
  /** A reporting unit's code (`POLICE-PK-PB`, `FIA`); a focal person's own is implied (another is refused). */
  @IsOptional() @Matches(UNIT_CODE) reportingUnit?: string;
  /** `police`, `fia` or `other`: the cases of that agency's units. */
  @IsOptional() @IsIn(REPORTING_AGENCIES) agency?: ReportingAgency;
  /** District P-code of the case. */
  @IsOptional() @SafeText({ max: 16 }) district?: string;
  /** The current status; with `basis=status`, the status as at `to`. */
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  /** `tip`, `som` or `mixed`; `all` (or none) lists every family. */
  @ApiPropertyOptional({ enum: FAMILY_FILTERS })
  @IsOptional()
  @IsIn(FAMILY_FILTERS)
  offenceFamily?: FamilyFilter;
  /** A form of exploitation of the case; `unspecified`: the case records none (as the trends group such cases). */
  @IsOptional() @IsIn([...EXPLOITATION_FORMS.map((f) => f.code), 'unspecified']) exploitationForm?: string;
  @IsOptional() @IsIn(TRAFFICKING_TYPES) traffickingType?: TraffickingType;
  @IsOptional() @IsIsoDate() firDateFrom?: string;
  @IsOptional() @IsIsoDate() firDateTo?: string;
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1947)
  @Max(2100)
  firYear?: number;
  /**
   * Finds cases whose FIR number or police station contains this text, ignoring case, spaces
   * and punctuation (`ps saddar` finds `P.S. Saddar`).
   */
  @IsOptional() @SafeText({ max: 120 }) search?: string;

  /** First day of a statistic's period (inclusive); given with `to`. */
  @IsOptional() @IsIsoDate() from?: string;
  /** Last day of a statistic's period (inclusive); given with `from`. */
  @IsOptional() @IsIsoDate() to?: string;
  /**
   * Which statistic's rule selects the cases of the period: `registered` (FIR date in the
   * period; the default), `investigated` (item c), `prosecuted` (a prosecution began in the
   * period, item d), `convicted` (a conviction judged in the period, item e), `victims` (a
   * victim identified in the period; the default with `residenceDistrict`), `status` (registered
   * by `to` with the status `status` as at `to`, item f). Needs `from` and `to` (`status` only `to`).
   */
  @ApiPropertyOptional({ enum: CASE_BASES })
  @IsOptional()
  @IsIn(CASE_BASES)
  basis?: CaseBasis;
  /** The place of the route's first origin point at `routeLevel`; `unknown`: no origin point. */
  @IsOptional() @SafeText({ max: 16 }) origin?: string;
  /** The place of the route's last destination point at `routeLevel`; `unknown`: no destination point. */
  @IsOptional() @SafeText({ max: 16 }) destination?: string;
  /** A transit point of the route at this place at `routeLevel`; `none`: the route has no transit point. */
  @IsOptional() @SafeText({ max: 16 }) transit?: string;
  /**
   * How `origin`, `destination` and `transit` name places, as GET /statistics/routes' `level`:
   * `country` (ISO alpha-3; the default), `jurisdiction` (a point in Pakistan with a district is
   * its jurisdiction, others their country), `district` (its P-code, others their country).
   */
  @ApiPropertyOptional({ enum: ROUTE_LEVELS })
  @IsOptional()
  @IsIn(ROUTE_LEVELS)
  routeLevel?: RouteLevel;
  /**
   * With basis `registered`: the registered cases that reached this stage by today, as GET
   * /statistics/attrition counts them — `concluded` (investigation concluded), `challan` (a status
   * of challan submitted or later in its history), `prosecuted`, `convicted` (a conviction),
   * `acquitted`, `cancelled`, `untraced` (ever, in its history).
   */
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;
  /**
   * Cases with a victim identified in the period (as victimsIdentified counts) whose district
   * of residence is this P-code: the cases of a residence hotspot's victims.
   */
  @IsOptional() @SafeText({ max: 16 }) residenceDistrict?: string;

  /**
   * The cases of a figure of GET /statistics/demographics: those having at least one of these
   * persons (filtered by `sex`, `ageBand`, `ageGroup`, `nationality`), with `victimCount`
   * (`victims`) or `personCount` (`defendants`) = how many of them there are, the figure.
   */
  @ApiPropertyOptional({ enum: POPULATIONS })
  @IsOptional()
  @IsIn(POPULATIONS)
  population?: Population;
  /**
   * With `population`, as the demographics' `scope`: `prosecuted` (the default; cases with a
   * prosecution beginning in the period, item b, basis `prosecuted`) or `all` (cases registered
   * in the period, basis `registered`).
   */
  @ApiPropertyOptional({ enum: PERSON_SCOPES })
  @IsOptional()
  @IsIn(PERSON_SCOPES)
  scope?: PersonScope;
  /**
   * With `population` or `vulnerability`: the persons of this sex. With basis `prosecuted`,
   * `convicted` or `victims` alone: the persons prosecuted, convicted or identified in the period
   * are those of this sex (the cases having one, `personCount`/`victimCount` counting them), as
   * GET /statistics/trends?groupBy=sex counts them.
   */
  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;
  /** With `population`: the persons of this age band at the offence (`unknown`: no age recorded). */
  @ApiPropertyOptional({ enum: AGE_BANDS })
  @IsOptional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;
  /** With `population` or `vulnerability`: `child` (under 18 at the offence), `adult` or `unknown` (no age recorded). */
  @ApiPropertyOptional({ enum: AGE_GROUPS })
  @IsOptional()
  @IsIn(AGE_GROUPS)
  ageGroup?: AgeGroup;
  /** With `population`: the persons of this nationality (ISO alpha-3; `UNK`: not recorded). */
  @IsOptional() @Matches(/^[A-Z]{3}$/) nationality?: string;
  /**
   * The cases of a figure of GET /statistics/vulnerabilities (basis `victims`): a victim
   * identified in the period with this vulnerability (and `sex`, `ageGroup` when given);
   * `victimCount` = how many, the figure.
   */
  @ApiPropertyOptional({ enum: VULNERABILITIES.map((v) => v.code) })
  @IsOptional()
  @IsIn(VULNERABILITIES.map((v) => v.code))
  vulnerability?: string;
}
