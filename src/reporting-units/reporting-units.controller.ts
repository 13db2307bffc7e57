import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ParseCodePipe } from 'src/common/parse-code.pipe';
import { CreateReportingUnitDto, UpdateReportingUnitDto } from 'src/reporting-units/dto/reporting-unit.dto';
import { ReportingUnitResponse, toReportingUnitResponse } from 'src/reporting-units/dto/reporting-unit.response';
import { ReportingUnitsService } from 'src/reporting-units/reporting-units.service';
import { ROLES } from 'src/users/user.entity';
import { UNIT_CODE } from 'src/reporting-units/unit-code';

const unitCode = new ParseCodePipe('code', UNIT_CODE);

@ApiTags('reporting-units')
@Controller({ path: 'reporting-units' })
export class ReportingUnitsController {
  constructor(private readonly units: ReportingUnitsService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The reporting units (police of each jurisdiction, FIA, others), by agency and code' })
  async list(): Promise<ReportingUnitResponse[]> {
    return (await this.units.list()).map(toReportingUnitResponse);
  }

  @Get(':code')
  @Roles(...ROLES)
  async get(@Param('code', unitCode) code: string): Promise<ReportingUnitResponse> {
    return toReportingUnitResponse(await this.units.get(code));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a reporting unit (e.g. an FIA zone covering one province, a new agency)' })
  async create(@Body() dto: CreateReportingUnitDto, @CurrentUser() actor: AuthUser): Promise<ReportingUnitResponse> {
    return toReportingUnitResponse(await this.units.create(dto, actor));
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Rename a unit, change its jurisdictions, or deactivate it',
    description:
      "A jurisdiction in which the unit has cases cannot be taken from it (409 REPORTING_UNIT.JURISDICTION_IN_USE). Changing the jurisdictions or agency, or deactivating, ends every session of the unit's focal persons; an inactive unit's focal persons cannot sign in.",
  })
  async update(
    @Param('code', unitCode) code: string,
    @Body() dto: UpdateReportingUnitDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<ReportingUnitResponse> {
    return toReportingUnitResponse(await this.units.update(code, dto, actor));
  }
}
