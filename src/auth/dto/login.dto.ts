import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MaxLength(256) password!: string;
  /**
   * `cookie` (the web application): the token is set as an httpOnly, SameSite=Strict cookie and
   * not returned; `bearer` (the default, API clients): the token is returned.
   */
  @IsOptional() @IsIn(['bearer', 'cookie']) session?: 'bearer' | 'cookie';
}

export class SessionResponse {
  /** Seconds until the session expires. */
  expiresIn!: number;
}

export class TokenResponse {
  accessToken!: string;
  /** Seconds until the token expires. */
  expiresIn!: number;
}
