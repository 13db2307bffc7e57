import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDate } from 'src/common/dto/iso-date';

/** The parameters of `GET /exports/htcds`. */
export class HtcdsQuery {
  /** First day of the period (inclusive): victims identified from this day. */
  @IsIsoDate() from!: string;
  /** Last day of the period (inclusive); at most 50 years after `from`. */
  @IsIsoDate() to!: string;
  /** `xlsx` (Notes, Victims and Historic Trafficking Events sheets; the default) or `csv` (the victims; the counts in headers). */
  @IsOptional() @IsIn(['xlsx', 'csv']) format: 'xlsx' | 'csv' = 'xlsx';
}
