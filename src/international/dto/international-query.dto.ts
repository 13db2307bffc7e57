import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

/** The calendar year of an international export or its checks. */
export class InternationalYearQuery {
  /** The calendar year (January to December) the figures count. */
  @Type(() => Number) @IsInt() @Min(1990) @Max(2099) year!: number;
}

export class GlotipQuery extends InternationalYearQuery {
  /** `csv` (the default: UNODC's long format) or `xlsx` (the same rows after a cover sheet). */
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';
  /** Small counts shown as `<5` (and others hidden to protect them), as in the ministry workbook; exact when false. */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  suppress = false;
}
