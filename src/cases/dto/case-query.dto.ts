import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CaseFilterDto } from 'src/cases/dto/case-filter.dto';
import { PaginationQuery } from 'src/common/dto/pagination.dto';
import { SafeText } from 'src/common/dto/safe-text';

/** Sort keys and the column each sorts by: nothing else reaches ORDER BY. */
export const CASE_SORTS = {
  firDate: 'fir_date',
  firYear: 'fir_year',
  status: 'status',
  statusDate: 'status_date',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

export class CaseQueryDto extends IntersectionType(PaginationQuery, CaseFilterDto) {
  @ApiPropertyOptional({ enum: Object.keys(CASE_SORTS) })
  @IsOptional()
  @IsIn(Object.keys(CASE_SORTS))
  sort: keyof typeof CASE_SORTS = 'firDate';
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
}
