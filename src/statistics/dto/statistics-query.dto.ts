import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';
import {
  EXPLOITATION_FORMS,
  REPORTING_AGENCIES,
  ReportingAgency,
  TRAFFICKING_TYPES,
  TraffickingType,
} from 'src/reference/code-lists';
import { UNIT_CODE } from 'src/reporting-units/unit-code';

export const FAMILY_FILTERS = ['tip', 'som', 'mixed', 'all'] as const;
export type FamilyFilter = (typeof FAMILY_FILTERS)[number];

/** The parameters every statistic takes. */
export class StatisticsQueryDto {
  /** First day of the period (inclusive). */
  @IsIsoDate() from!: string;
  /** Last day of the period (inclusive); at most 50 years after `from`. */
  @IsIsoDate() to!: string;
  /** ISO 3166-2 code; a focal person's own is implied. */
  @IsOptional() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string;
  /** A reporting unit's code (`POLICE-PK-PB`, `FIA`); a focal person's own is implied (another is refused). */
  @IsOptional() @Matches(UNIT_CODE) reportingUnit?: string;
  /** `police`, `fia` or `other`: the cases of that agency's units. */
  @IsOptional() @IsIn(REPORTING_AGENCIES) agency?: ReportingAgency;
  /** District P-code. */
  @IsOptional() @SafeText({ max: 16 }) district?: string;
  /** `tip` (default) counts TIP cases only; smuggling (`som`) and `mixed` cases only when asked; `all` counts every case. */
  @ApiPropertyOptional({ enum: FAMILY_FILTERS, default: 'tip' })
  @IsOptional()
  @IsIn(FAMILY_FILTERS)
  offenceFamily: FamilyFilter = 'tip';
  @IsOptional() @IsIn(EXPLOITATION_FORMS.map((f) => f.code)) exploitationForm?: string;
  @IsOptional() @IsIn(TRAFFICKING_TYPES) traffickingType?: TraffickingType;
}

export class DemographicsQueryDto extends StatisticsQueryDto {
  @ApiPropertyOptional({ enum: ['victims', 'defendants'], default: 'victims' })
  @IsOptional()
  @IsIn(['victims', 'defendants'])
  population: 'victims' | 'defendants' = 'victims';
  /** `prosecuted`: persons of cases with a prosecution starting in the period (item b); `all`: of cases registered in the period. */
  @ApiPropertyOptional({ enum: ['prosecuted', 'all'], default: 'prosecuted' })
  @IsOptional()
  @IsIn(['prosecuted', 'all'])
  scope: 'prosecuted' | 'all' = 'prosecuted';
}

export const TREND_METRICS = [
  'casesRegistered',
  'casesInvestigated',
  'prosecutions',
  'convictions',
  'victims',
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];
export const TREND_GROUPS = ['none', 'jurisdiction', 'exploitationForm', 'sex', 'offenceFamily'] as const;
export type TrendGroup = (typeof TREND_GROUPS)[number];

export class TrendsQueryDto extends StatisticsQueryDto {
  @IsIn(TREND_METRICS) metric!: TrendMetric;
  @ApiPropertyOptional({ enum: ['month', 'quarter', 'year'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'quarter', 'year'])
  interval: 'month' | 'quarter' | 'year' = 'month';
  /** `sex` applies to victims, prosecutions and convictions (the defendant's sex). */
  @ApiPropertyOptional({ enum: TREND_GROUPS, default: 'none' })
  @IsOptional()
  @IsIn(TREND_GROUPS)
  groupBy: TrendGroup = 'none';
}

export class RoutesQueryDto extends StatisticsQueryDto {
  @ApiPropertyOptional({ enum: ['country', 'jurisdiction', 'district'], default: 'country' })
  @IsOptional()
  @IsIn(['country', 'jurisdiction', 'district'])
  level: 'country' | 'jurisdiction' | 'district' = 'country';
  /** At most 500. */
  @ApiPropertyOptional({ type: 'integer', default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 25;
}
