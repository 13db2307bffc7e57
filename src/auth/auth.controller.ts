import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser } from 'src/auth/auth-user';
import { AuthService } from 'src/auth/auth.service';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Public } from 'src/auth/decorators/public.decorator';
import { ROLES } from 'src/users/user.entity';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { LoginDto, TokenResponse } from 'src/auth/dto/login.dto';

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
  async login(@Body() dto: LoginDto, @Ip() clientAddress: string): Promise<TokenResponse> {
    return this.auth.issueToken(await this.auth.login(dto.email, dto.password, clientAddress ?? 'unknown'));
  }

  /** Revokes every token of the caller. */
  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  /** Who the token belongs to. */
  @Get('me')
  @Roles(...ROLES)
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
