import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ApiIfMatch } from 'src/cases/case-version';
import { WritesCases } from 'src/common/writes-cases.decorator';
import { CreateVictimDto, toVictimResponse, UpdateVictimDto, VictimResponse } from 'src/victims/dto/victim.dto';
import { VictimsService } from 'src/victims/victims.service';

@ApiTags('cases')
@WritesCases()
@Controller({ path: 'cases/:caseId/victims' })
export class VictimsController {
  constructor(private readonly victims: VictimsService) {}

  @Get()
  @Roles('admin', 'analyst', 'focal_person')
  async list(@CurrentUser() user: AuthUser, @Param('caseId', ParseUUIDPipe) caseId: string): Promise<VictimResponse[]> {
    return (await this.victims.list(user, caseId)).map(toVictimResponse);
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'focal_person')
  async get(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<VictimResponse> {
    return toVictimResponse(await this.victims.get(user, caseId, id));
  }

  @ApiIfMatch()
  @Post()
  @Roles('admin', 'focal_person')
  async create(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: CreateVictimDto,
  ): Promise<VictimResponse> {
    return toVictimResponse(await this.victims.write(user, caseId, null, dto));
  }

  @ApiIfMatch()
  @Patch(':id')
  @Roles('admin', 'focal_person')
  async update(
    @CurrentUser() user: AuthUser,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateVictimDto,
  ): Promise<VictimResponse> {
    return toVictimResponse(await this.victims.write(user, caseId, id, dto));
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
    return this.victims.remove(user, caseId, id);
  }
}
