import { IsIn, IsOptional, Matches } from 'class-validator';
import { CaseFilterDto } from 'src/cases/dto/case-filter.dto';

export class MonthlyExportQuery {
  /** `YYYY-MM` */
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be written YYYY-MM' }) month!: string;
  /** `ministry` (aggregates, small cells suppressed; the default for viewers) or `internal` (exact; admins and analysts). */
  @IsOptional() @IsIn(['ministry', 'internal']) audience?: 'ministry' | 'internal';
}

export class CaseExportQuery extends CaseFilterDto {
  @IsOptional() @IsIn(['xlsx', 'csv']) format: 'xlsx' | 'csv' = 'xlsx';
}

/** The body of `POST /exports/monthly`: which month and audience to generate. */
export class GenerateMonthlyExportDto extends MonthlyExportQuery {}
