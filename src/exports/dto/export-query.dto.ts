import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CaseFilterDto } from 'src/cases/dto/case-filter.dto';

export const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

export class MonthlyExportQuery {
  /** `YYYY-MM` */
  @Matches(MONTH, { message: 'month must be written YYYY-MM' }) month!: string;
  /** `ministry` (aggregates, small cells suppressed; the default for viewers) or `internal` (exact; admins and analysts). */
  @IsOptional() @IsIn(['ministry', 'internal']) audience?: 'ministry' | 'internal';
}

export class CaseExportQuery extends CaseFilterDto {
  @IsOptional() @IsIn(['xlsx', 'csv']) format: 'xlsx' | 'csv' = 'xlsx';
}

/** The body of `POST /exports/monthly`: which month and audience to generate. */
export class GenerateMonthlyExportDto extends MonthlyExportQuery {}

/** The filters of `GET /exports`; each narrows the list, none given lists the newest 500. */
export class MonthlyExportListQuery {
  /** Only the workbooks of this year's months. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2099) year?: number;
  /** Only the workbooks of this month (`YYYY-MM`). */
  @IsOptional() @Matches(MONTH, { message: 'month must be written YYYY-MM' }) month?: string;
  /** Only this audience's workbooks; a viewer may ask for `ministry` only (403 EXPORT.AUDIENCE_FORBIDDEN). */
  @IsOptional() @IsIn(['ministry', 'internal']) audience?: 'ministry' | 'internal';
}
