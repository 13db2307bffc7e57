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

/** A browser session started (the token is in the `tip_session` cookie, never in the body). */
export class SessionResponse {
  /** Seconds until the session expires. */
  expiresIn!: number;
  /**
   * The password was set by an admin (a one-time password): until `POST /auth/password` sets
   * the user's own, every route but `GET /auth/me` and `POST /auth/logout` answers 403
   * `AUTH.PASSWORD_CHANGE_REQUIRED`.
   */
  mustChangePassword!: boolean;
}

/** A bearer token (API clients). */
export class TokenResponse {
  /** Sent as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  /** Seconds until the token expires. */
  expiresIn!: number;
  /** As in SessionResponse: the password was set by an admin and must be changed first. */
  mustChangePassword!: boolean;
}
