import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Request, Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser } from 'src/auth/auth-user';
import { AuthService } from 'src/auth/auth.service';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Public } from 'src/auth/decorators/public.decorator';
import { ROLES } from 'src/users/user.entity';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { LoginDto, SessionResponse, TokenResponse } from 'src/auth/dto/login.dto';
import { sessionCookie } from 'src/auth/session-cookie';

@ApiTags('auth')
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
  async login(
    @Body() dto: LoginDto,
    @Ip() clientAddress: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse | SessionResponse> {
    const token = await this.auth.issueToken(
      await this.auth.login(dto.email, dto.password, clientAddress ?? 'unknown'),
    );
    if (dto.session !== 'cookie') return token;
    // the browser's session: the token only in a cookie its scripts cannot read
    res.setHeader('Set-Cookie', sessionCookie(token.accessToken, token.expiresIn, req.secure));
    return { expiresIn: token.expiresIn };
  }

  /** Revokes every token of the caller and ends the browser session. */
  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(user);
    res.setHeader('Set-Cookie', sessionCookie(null, 0, req.secure));
  }

  /** Who the token belongs to. */
  @Get('me')
  @Roles(...ROLES)
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
