import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { MONTH } from 'src/exports/dto/export-query.dto';
import { SafeText } from 'src/common/dto/safe-text';
import { SUBMISSION_STATUSES, SubmissionStatus } from 'src/submissions/submission.entity';
import { UNIT_CODE } from 'src/reporting-units/unit-code';

const MONTH_MESSAGE = { message: 'must be written YYYY-MM' };

export class SubmitMonthDto {
  /** The month reported, `YYYY-MM`; it must have ended. */
  @Matches(MONTH, MONTH_MESSAGE) month!: string;
  /** The unit had no cases in the month (refused when it has cases registered in it). */
  @Optional() @IsBoolean() nilReturn?: boolean;
  @Optional() @SafeText({ max: 2000 }) note?: string;
}

export class ReviewDto {
  /** The reviewer's remark. No personal data. */
  @Optional() @SafeText({ min: 1, max: 2000 }) comment?: string;
}

export class ReturnDto {
  /** What must be corrected. No personal data. */
  @SafeText({ min: 3, max: 2000 }) comment!: string;
}

export class ReopenDto {
  /** Why the approved month is re-opened (kept with the step). */
  @SafeText({ min: 3, max: 2000 }) reason!: string;
}

export class SubmissionListQuery {
  /** From this month (`YYYY-MM`). */
  @IsOptional() @Matches(MONTH, MONTH_MESSAGE) from?: string;
  /** To this month (`YYYY-MM`). */
  @IsOptional() @Matches(MONTH, MONTH_MESSAGE) to?: string;
  @IsOptional() @Matches(UNIT_CODE) reportingUnit?: string;
  @IsOptional() @IsIn(SUBMISSION_STATUSES) status?: SubmissionStatus;
}

export class CompletenessQuery {
  @Matches(MONTH, MONTH_MESSAGE) from!: string;
  @Matches(MONTH, MONTH_MESSAGE) to!: string;
}
