import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ApiIfMatch } from 'src/cases/case-version';
import { WritesCases } from 'src/common/writes-cases.decorator';
import {
  ConvictionDto,
  ConvictionResponse,
  CreateProsecutionDto,
  ProsecutionResponse,
  UpdateProsecutionDto,
} from 'src/prosecutions/dto/prosecution.dto';
import { ProsecutionsService } from 'src/prosecutions/prosecutions.service';

@ApiTags('cases')
@WritesCases()
@Controller({ path: 'cases/:caseId/prosecutions' })
export class ProsecutionsController {
  constructor(private readonly prosecutions: ProsecutionsService) {}

  @Get()
  @Roles('admin', 'analyst', 'focal_person')
  list(@CurrentUser() user: AuthUser, @Param('caseId', ParseUUIDPipe) caseId: string): Promise<ProsecutionResponse[]> {
    return this.prosecutions.list(user, caseId);
  }

  @Get(':pid')
  @Roles('admin', 'analyst', 'focal_person')
  get(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('pid', ParseUUIDPipe) pid: string,
  ): Promise<ProsecutionResponse> {
    return this.prosecutions.get(user, caseId, pid);
  }

  @ApiIfMatch()
  @Post()
  @Roles('admin', 'focal_person')
  create(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: CreateProsecutionDto,
  ): Promise<ProsecutionResponse> {
    return this.prosecutions.create(user, caseId, dto);
  }

  @ApiIfMatch()
  @Patch(':pid')
  @Roles('admin', 'focal_person')
  update(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('pid', ParseUUIDPipe) pid: string,
    @Body() dto: UpdateProsecutionDto,
  ): Promise<ProsecutionResponse> {
    return this.prosecutions.update(user, caseId, pid, dto);
  }

  @ApiIfMatch()
  @Delete(':pid')
  @HttpCode(204)
  @Roles('admin', 'focal_person')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('pid', ParseUUIDPipe) pid: string,
  ): Promise<void> {
    return this.prosecutions.remove(user, caseId, pid);
  }

  @Get(':pid/conviction')
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOkResponse({ type: ConvictionResponse, description: 'An empty answer when the prosecution has no conviction.' })
  async conviction(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('pid', ParseUUIDPipe) pid: string,
  ): Promise<ConvictionResponse | null> {
    return (await this.prosecutions.get(user, caseId, pid)).conviction;
  }

  @ApiIfMatch()
  @Put(':pid/conviction')
  @Roles('admin', 'focal_person')
  @ApiOperation({
    summary: 'Record the conviction',
    description: 'Sets the prosecution outcome to convicted on the judgment date.',
  })
  setConviction(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('pid', ParseUUIDPipe) pid: string,
    @Body() dto: ConvictionDto,
  ): Promise<ProsecutionResponse> {
    return this.prosecutions.setConviction(user, caseId, pid, dto);
  }

  @ApiIfMatch()
  @Delete(':pid/conviction')
  @HttpCode(204)
  @Roles('admin', 'focal_person')
  removeConviction(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('pid', ParseUUIDPipe) pid: string,
  ): Promise<void> {
    return this.prosecutions.removeConviction(user, caseId, pid);
  }
}
