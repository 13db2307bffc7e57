import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ApiIfMatch } from 'src/cases/case-version';
import { WritesCases } from 'src/common/writes-cases.decorator';
import {
  CreateDefendantDto,
  toDefendantResponse,
  UpdateDefendantDto,
  DefendantResponse,
} from 'src/defendants/dto/defendant.dto';
import { DefendantsService } from 'src/defendants/defendants.service';

@ApiTags('cases')
@WritesCases()
@Controller({ path: 'cases/:caseId/defendants' })
export class DefendantsController {
  constructor(private readonly defendants: DefendantsService) {}

  @Get()
  @Roles('admin', 'analyst', 'focal_person')
  async list(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
  ): Promise<DefendantResponse[]> {
    return (await this.defendants.list(user, caseId)).map(toDefendantResponse);
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'focal_person')
  async get(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DefendantResponse> {
    return toDefendantResponse(await this.defendants.get(user, caseId, id));
  }

  @ApiIfMatch()
  @Post()
  @Roles('admin', 'focal_person')
  async create(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: CreateDefendantDto,
  ): Promise<DefendantResponse> {
    return toDefendantResponse(await this.defendants.write(user, caseId, null, dto));
  }

  @ApiIfMatch()
  @Patch(':id')
  @Roles('admin', 'focal_person')
  async update(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateDefendantDto,
  ): Promise<DefendantResponse> {
    return toDefendantResponse(await this.defendants.write(user, caseId, id, dto));
  }

  @ApiIfMatch()
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'focal_person')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.defendants.remove(user, caseId, id);
  }
}
