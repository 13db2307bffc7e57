import { ApiProperty } from '@nestjs/swagger';
import {
  CHECK_CODES,
  CheckCode,
  CheckSeverity,
  InternationalCheck,
} from 'src/international/checks/international-checks';
import { InternationalYear } from 'src/international/international.service';

export class InternationalCheckResponse {
  @ApiProperty({ enum: Object.keys(CHECK_CODES) }) code!: CheckCode;
  /** `hard`: the export is refused (409 INTERNATIONAL.CHECK_FAILED) until the data is put right; `warning`: shown on the cover, the export goes. */
  @ApiProperty({ enum: ['hard', 'warning'] }) severity!: CheckSeverity;
  /** The indicator concerned, as the file names it; null for the whole year. */
  @ApiProperty({ type: String, nullable: true }) indicator!: string | null;
  /** The figure concerned: indicator, dimension, category, sex, age; null for the whole year. */
  @ApiProperty({ type: String, nullable: true }) figure!: string | null;
  /** Which figure, and why. */
  message!: string;
}

export class ProvisionalMonthResponse {
  /** `YYYY-MM` */
  month!: string;
  /** The reporting units whose month is not approved (provisional or missing). */
  units!: string[];
}

export class InternationalChecksResponse {
  year!: number;
  /** Whether no hard check fails: the exports of the year can be made. */
  exportable!: boolean;
  /** Whether the figures may still change: a month not approved by every unit, or not ended. */
  provisional!: boolean;
  @ApiProperty({ type: [ProvisionalMonthResponse] }) provisionalMonths!: ProvisionalMonthResponse[];
  /** Months of the year that have not ended. */
  monthsNotEnded!: number;
  /** Hard checks first. */
  @ApiProperty({ type: [InternationalCheckResponse] }) checks!: InternationalCheckResponse[];
}

export function toChecksResponse(counted: InternationalYear): InternationalChecksResponse {
  return {
    year: counted.year,
    exportable: !counted.checks.some((c) => c.severity === 'hard'),
    provisional: counted.provisional.length > 0 || counted.monthsNotEnded > 0,
    provisionalMonths: counted.provisional.map((p) => ({ month: p.month, units: [...p.units] })),
    monthsNotEnded: counted.monthsNotEnded,
    checks: counted.checks.map((c: InternationalCheck) => ({ ...c })),
  };
}
