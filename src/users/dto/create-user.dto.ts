import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from 'src/auth/passwords';
import { ROLES, Role } from 'src/users/user.entity';

export class CreateUserDto {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(256) password!: string;
  @IsIn(ROLES) role!: Role;
  /** ISO 3166-2 code; required for a focal person and refused for other roles. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Matches(/^PK-[A-Z]{2}$/) jurisdiction?: string | null;
}
