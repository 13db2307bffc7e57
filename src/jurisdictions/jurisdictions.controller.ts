import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { ParseCodePipe } from 'src/common/parse-code.pipe';
import { Roles } from 'src/auth/decorators/roles.decorator';
import {
  CreateAliasDto,
  CreateDistrictDto,
  DistrictResponse,
  JurisdictionResponse,
} from 'src/jurisdictions/dto/district.dto';
import { JurisdictionsService } from 'src/jurisdictions/jurisdictions.service';
import { ROLES } from 'src/users/user.entity';

/** The `:code` of each route, validated. */
const validCode = {
  jurisdiction: new ParseCodePipe('code', /^PK-[A-Z]{2}$/),
  district: new ParseCodePipe('code', /^[A-Z0-9-]{2,16}$/),
};

@ApiTags('reference data')
@Controller()
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  /** The seven jurisdictions (ISO 3166-2:PK code, OCHA P-code, name). */
  @Get('jurisdictions')
  @Roles(...ROLES)
  async list(): Promise<JurisdictionResponse[]> {
    return (await this.jurisdictions.list()).map((j) => ({ code: j.code, pcode: j.pcode, name: j.name }));
  }

  /** A jurisdiction's districts with P-codes, validity and aliases. */
  @Get('jurisdictions/:code/districts')
  @Roles(...ROLES)
  districts(@Param('code', validCode.jurisdiction) code: string): Promise<DistrictResponse[]> {
    return this.jurisdictions.districts(code);
  }

  /** Adds a district (e.g. a newly notified one) with its aliases (admin). */
  @Post('jurisdictions/:code/districts')
  @Roles('admin')
  addDistrict(
    @Param('code', validCode.jurisdiction) code: string,
    @Body() dto: CreateDistrictDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<DistrictResponse> {
    return this.jurisdictions.addDistrict(code, dto, actor);
  }

  /** Adds another spelling of a district (admin). */
  @Post('districts/:code/aliases')
  @Roles('admin')
  addAlias(
    @Param('code', validCode.district) code: string,
    @Body() dto: CreateAliasDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<DistrictResponse> {
    return this.jurisdictions.addAlias(code, dto, actor);
  }
}
