import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Request, Response } from 'express';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser, SignedInUser } from 'src/auth/auth-user';
import { AuthService } from 'src/auth/auth.service';
import { BeforePasswordChange } from 'src/auth/decorators/before-password-change.decorator';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Public } from 'src/auth/decorators/public.decorator';
import { ROLES, User } from 'src/users/user.entity';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ChangePasswordDto } from 'src/auth/dto/change-password.dto';
import { LoginDto, SessionResponse, TokenResponse } from 'src/auth/dto/login.dto';
import { MeResponse, toMeResponse } from 'src/auth/dto/me-response.dto';
import { byCookie, sessionCookie } from 'src/auth/session-cookie';

/** A bearer token's answer or a browser session's: the OpenAPI schema of login and of the password change. */
const TOKEN_OR_SESSION = {
  schema: { oneOf: [{ $ref: getSchemaPath(TokenResponse) }, { $ref: getSchemaPath(SessionResponse) }] },
};

@ApiTags('auth')
@ApiExtraModels(TokenResponse, SessionResponse)
@Controller({ path: 'auth' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Exchanges e-mail and password for a bearer token. Limited per client address
   * (LOGIN_IP_LIMIT_PER_MINUTE); after LOGIN_FAILURES_BEFORE_DELAY failures for one e-mail
   * from one address, that address waits a doubling delay for that e-mail (429
   * `AUTH.LOGIN_THROTTLED` with `retryAfterSeconds`). A wrong password, an unknown e-mail
   * and a disabled account all answer 401 `AUTH.INVALID_CREDENTIALS`.
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: a bearer token (TokenResponse), or with session=cookie the tip_session cookie (SessionResponse)',
    description:
      'A one-time password an admin issued signs in too, with mustChangePassword: true; until POST /auth/password sets the user’s own, every route but GET /auth/me and POST /auth/logout answers 403 AUTH.PASSWORD_CHANGE_REQUIRED.',
  })
  @ApiOkResponse(TOKEN_OR_SESSION)
  async login(
    @Body() dto: LoginDto,
    @Ip() clientAddress: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse | SessionResponse> {
    const user = await this.auth.login(dto.email, dto.password, clientAddress ?? 'unknown');
    return this.startSession(user, dto.session === 'cookie', req, res);
  }

  /** Revokes every token of the caller and ends the browser session. */
  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  @BeforePasswordChange()
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(user);
    res.setHeader('Set-Cookie', sessionCookie(null, 0, req.secure));
  }

  /** Who the token belongs to, and whether they must change their password first. */
  @Get('me')
  @Roles(...ROLES)
  @BeforePasswordChange()
  me(@CurrentUser() user: SignedInUser): MeResponse {
    return toMeResponse(user);
  }

  @Post('password')
  @HttpCode(200)
  @Roles(...ROLES)
  @BeforePasswordChange()
  @ApiOperation({
    summary: 'Change your own password (required after an admin issued a one-time password)',
    description:
      'Any signed-in user, by bearer token or browser session (which must send X-TIP-CSRF: 1 like every change). ' +
      'Every other token and session of the user ends; the answer is a fresh one, as login gives it: a bearer caller gets a new TokenResponse, a browser session a new tip_session cookie and a SessionResponse; mustChangePassword is then false. ' +
      'Refusals change nothing and are 400 COMMON.VALIDATION_FAILED with field problems: currentPassword AUTH.CURRENT_PASSWORD_WRONG; newPassword AUTH.PASSWORD_UNCHANGED (the current one), COMMON.MIN_LENGTH (under 12 characters) or a password-policy code (AUTH.PASSWORD_COMMON, …). ' +
      'A wrong currentPassword counts as a failed sign-in of the account from the caller’s address: after LOGIN_FAILURES_BEFORE_DELAY of them, 429 AUTH.LOGIN_THROTTLED with retryAfterSeconds.',
  })
  @ApiOkResponse(TOKEN_OR_SESSION)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() caller: AuthUser,
    @Ip() clientAddress: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse | SessionResponse> {
    const user = await this.auth.changePassword(
      caller,
      dto.currentPassword,
      dto.newPassword,
      clientAddress ?? 'unknown',
    );
    return this.startSession(user, byCookie(req), req, res);
  }

  /** A new token for the user: in the body, or for a browser as the session cookie its scripts cannot read. */
  private async startSession(
    user: User,
    cookie: boolean,
    req: Request,
    res: Response,
  ): Promise<TokenResponse | SessionResponse> {
    const { accessToken, expiresIn } = await this.auth.issueToken(user);
    const mustChangePassword = user.mustChangePassword;
    if (!cookie) return { accessToken, expiresIn, mustChangePassword };
    res.setHeader('Set-Cookie', sessionCookie(accessToken, expiresIn, req.secure));
    return { expiresIn, mustChangePassword };
  }
}
