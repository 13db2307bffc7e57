import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsIsoDate } from 'src/common/dto/iso-date';
import { SafeText } from 'src/common/dto/safe-text';
import {
  CASE_STATUSES,
  CaseStatus,
  EXPLOITATION_FORMS,
  OFFENCE_FAMILIES,
  OffenceFamily,
} from 'src/reference/code-lists';

/** The case filters shared by the case list and the case-level export. */
export class CaseFilterDto {
  @IsOptional() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string;
  /** District P-code. */
  @IsOptional() @SafeText({ max: 16 }) district?: string;
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  @IsOptional() @IsIn(OFFENCE_FAMILIES) offenceFamily?: OffenceFamily;
  @IsOptional() @IsIn(EXPLOITATION_FORMS.map((f) => f.code)) exploitationForm?: string;
  @IsOptional() @IsIsoDate() firDateFrom?: string;
  @IsOptional() @IsIsoDate() firDateTo?: string;
}
