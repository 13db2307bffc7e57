import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CaseFilterDto } from 'src/cases/dto/case-filter.dto';
import { PaginationQuery } from 'src/common/dto/pagination.dto';

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
}
