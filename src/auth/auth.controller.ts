import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser } from 'src/auth/auth-user';
import { AuthService } from 'src/auth/auth.service';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Public } from 'src/auth/decorators/public.decorator';
import { ROLES } from 'src/users/user.entity';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { LoginDto, TokenResponse } from 'src/auth/dto/login.dto';
import { LocalAuthGuard } from 'src/auth/guards/local-auth.guard';
import { User } from 'src/users/user.entity';

@ApiTags('auth')
@Controller({ path: 'auth' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Exchanges e-mail and password for a bearer token. Limited per client address, and an
   * account locks for 15 minutes after 6 failed attempts (423).
   */
  @Public()
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() _dto: LoginDto, @Req() req: { user: User }): Promise<TokenResponse> {
    return this.auth.issueToken(req.user);
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
