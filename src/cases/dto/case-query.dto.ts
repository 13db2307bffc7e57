import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
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

  /**
   * The page after this case (a page's `nextCursor`), in the same sort and order: read through
   * the sort's index at any depth; `page` then only names the page. Not with `before`.
   */
  @IsOptional()
  @IsUUID()
  after?: string;

  /** The page before this case (a page's `previousCursor`), in the same sort and order. Not with `after`. */
  @IsOptional()
  @IsUUID()
  before?: string;
}
