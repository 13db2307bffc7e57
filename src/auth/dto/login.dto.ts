import { IsEmail, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MaxLength(256) password!: string;
}

export class TokenResponse {
  accessToken!: string;
  /** Seconds until the token expires. */
  expiresIn!: number;
}
