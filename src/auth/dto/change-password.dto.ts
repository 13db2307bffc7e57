import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from 'src/auth/passwords';

export class ChangePasswordDto {
  /** The password the user signed in with: their own, or the one-time password an admin gave them. */
  @IsString() @MaxLength(256) currentPassword!: string;
  /** The user's own new password, under the password policy (at least 12 characters, not common, not the e-mail). */
  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(256) newPassword!: string;
}
