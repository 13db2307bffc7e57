import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Optional } from 'src/common/dto/optional';
import { PASSWORD_MIN_LENGTH } from 'src/auth/passwords';
import { ROLES, Role } from 'src/users/user.entity';
import { UNIT_CODE } from 'src/reporting-units/unit-code';

export class UpdateUserDto {
  /**
   * A password the admin chose: one-time, like a reset's (the user must change it at the next
   * sign-in). `POST /users/:id/reset-password` generates one instead.
   */
  @Optional() @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(256) password?: string;
  @Optional() @IsIn(ROLES) role?: Role;
  /**
   * A focal person's reporting unit (`POLICE-PK-PB`, `FIA`); required for a focal person unless
   * `jurisdiction` names it, refused for other roles. null clears it (when the role stops being focal_person).
   */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(UNIT_CODE)
  reportingUnit?: string | null;
  /** ISO 3166-2 code: without `reportingUnit`, the focal person joins that jurisdiction's police unit. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string | null;
  @Optional() @IsBoolean() disabled?: boolean;
}
