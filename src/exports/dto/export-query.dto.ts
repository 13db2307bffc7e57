import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { CASE_STATUSES, CaseStatus, EXPLOITATION_FORMS, OFFENCE_FAMILIES, OffenceFamily } from 'src/reference/code-lists';

export class MonthlyExportQuery {
  /** `YYYY-MM` */
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be written YYYY-MM' }) month!: string;
  /** `ministry` (aggregates, small cells suppressed; the default for viewers) or `internal` (exact; admins and analysts). */
  @IsOptional() @IsIn(['ministry', 'internal']) audience?: 'ministry' | 'internal';
}

export class CaseExportQuery {
  @IsOptional() @IsIn(['xlsx', 'csv']) format: 'xlsx' | 'csv' = 'xlsx';
  @IsOptional() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string;
  @IsOptional() @IsString() @MaxLength(16) district?: string;
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  @IsOptional() @IsIn(OFFENCE_FAMILIES) offenceFamily?: OffenceFamily;
  @IsOptional() @IsIn(EXPLOITATION_FORMS.map((f) => f.code)) exploitationForm?: string;
  @IsOptional() @IsIsoDate() firDateFrom?: string;
  @IsOptional() @IsIsoDate() firDateTo?: string;
}
