import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { CreateUserDto } from 'src/users/dto/create-user.dto';
import { UpdateUserDto } from 'src/users/dto/update-user.dto';
import {
  CreatedUserResponse,
  OneTimePasswordResponse,
  toUserResponse,
  UserResponse,
} from 'src/users/dto/user-response.dto';
import { UsersService } from 'src/users/users.service';

@ApiTags('users')
@Controller({ path: 'users' })
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return toUserResponse(await this.users.get(id));
  }

  @Post()
  @ApiOperation({
    summary: 'Open an account with a one-time password',
    description:
      'Without `password` the service generates one and answers it once as `oneTimePassword` (never stored in clear, never shown again). ' +
      'With `password` (under the password policy) the answer has no `oneTimePassword`. Either way the password is one-time: `mustChangePassword` is true and the user must choose their own at the first sign-in (POST /auth/password).',
  })
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<CreatedUserResponse> {
    const { user, oneTimePassword } = await this.users.createByAdmin(dto, actor);
    return oneTimePassword === undefined ? toUserResponse(user) : { ...toUserResponse(user), oneTimePassword };
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue a new one-time password (answered once) and end every session of the user',
    description:
      'The old password stops working, every token and browser session of the user is revoked, failed sign-ins are forgotten, and `mustChangePassword` becomes true: the user signs in with the one-time password and must then choose their own (POST /auth/password). A disabled user stays disabled. Audited as user.password_reset (without the password).',
  })
  async resetPassword(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<OneTimePasswordResponse> {
    return { oneTimePassword: await this.users.resetPassword(id, actor) };
  }

  /**
   * Password, role, jurisdiction or disabled; any of them revokes the user's tokens. A password
   * set here is one-time (the user must change it); prefer POST /users/:id/reset-password.
   */
  @Patch(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.update(id, dto, actor));
  }
}
