import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { PaginationQuery } from 'src/common/dto/pagination.dto';
import { CASE_STATUSES, CaseStatus, EXPLOITATION_FORMS, OFFENCE_FAMILIES, OffenceFamily } from 'src/reference/code-lists';

/** Sort keys and the column each sorts by: nothing else reaches ORDER BY. */
export const CASE_SORTS = {
  firDate: 'c.fir_date',
  firYear: 'c.fir_year',
  status: 'c.status',
  statusDate: 'c.status_date',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
} as const;

export class CaseQueryDto extends PaginationQuery {
  @IsOptional() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string;
  /** District P-code. */
  @IsOptional() @IsString() @MaxLength(16) district?: string;
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  @IsOptional() @IsIn(OFFENCE_FAMILIES) offenceFamily?: OffenceFamily;
  @IsOptional() @IsIn(EXPLOITATION_FORMS.map((f) => f.code)) exploitationForm?: string;
  @IsOptional() @IsIsoDate() firDateFrom?: string;
  @IsOptional() @IsIsoDate() firDateTo?: string;
  @IsOptional() @IsIn(Object.keys(CASE_SORTS)) sort: keyof typeof CASE_SORTS = 'firDate';
}
