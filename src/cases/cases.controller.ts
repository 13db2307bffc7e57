import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { CaseQueryDto } from 'src/cases/dto/case-query.dto';
import { CreateCaseDto, UpdateCaseDto } from 'src/cases/dto/case.dto';
import {
  CasePageResponse,
  CaseResponse,
  StatusEventResponse,
  toStatusEventResponse,
} from 'src/cases/dto/case.response';
import { CasesService } from 'src/cases/cases.service';
import { ApiIfMatch, caseETag } from 'src/cases/case-version';
import { WritesCases } from 'src/common/writes-cases.decorator';

/** The answer's ETag names the case's version, for the If-Match of the next change. */
const ETAG_HEADER = {
  ETag: {
    description: 'The case\'s version, `"<id>:<version>"`, to send as If-Match with a change',
    schema: { type: 'string' },
  },
};

function withETag(res: Response, caseRecord: CaseResponse): CaseResponse {
  res.setHeader('ETag', caseETag(caseRecord));
  return caseRecord;
}

/** Case records: focal persons work on their own jurisdiction's cases, admins on all, analysts read. */
@ApiTags('cases')
@WritesCases()
@Controller({ path: 'cases' })
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({
    summary: 'List cases',
    description:
      'Filters combine; page size at most 100; sort only by the listed keys. ' +
      "Drill-down from a statistic: `from`…`to` with `basis` and the statistics' filters (`jurisdiction`, `district`, `offenceFamily`, `exploitationForm`, `traffickingType`) " +
      'select exactly the cases the figure counts, by the same SQL: `registered` (default) — FIR date in the period (casesRegistered); ' +
      '`investigated` — casesInvestigated; `prosecuted` — a prosecution began in the period (prosecutions.cases; personCount = prosecutions.persons); ' +
      '`convicted` — a conviction judged in the period (convictions.cases; personCount = convictions.persons); ' +
      '`victims` — a victim identified in the period (victimCount = victimsIdentified); `status` — registered by `to` with `status` as at `to` (statusAtEnd, GET /statistics/status; `from` not needed). ' +
      '`stage` narrows the registered cases to those that reached an attrition stage by today (GET /statistics/attrition). ' +
      "`origin`, `destination` (`unknown`: none), `transit` at `routeLevel` select a route of GET /statistics/routes; `residenceDistrict` the cases of a residence hotspot's victims (victimCount = its figure). " +
      'Unlike the statistics, no `offenceFamily` means every family. Combinations that do not go together are 400 with field problems.',
  })
  @ApiOkResponse({ type: CasePageResponse })
  list(@CurrentUser() user: AuthUser, @Query() q: CaseQueryDto): Promise<CasePageResponse> {
    return this.cases.list(user, q);
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOkResponse({ type: CaseResponse, headers: ETAG_HEADER })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse> {
    return withETag(res, await this.cases.get(user, id));
  }

  @Get(':id/history')
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({ summary: "The case's dated status changes, oldest first" })
  async history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StatusEventResponse[]> {
    return (await this.cases.history(user, id)).map(toStatusEventResponse);
  }

  @Post()
  @Roles('admin', 'focal_person')
  @ApiOperation({
    summary: 'Register a case',
    description:
      '409 with `existingId` when the natural key (jurisdiction, district, police station, FIR number and year) is taken.',
  })
  @ApiCreatedResponse({ type: CaseResponse, headers: ETAG_HEADER })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCaseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse> {
    return withETag(res, await this.cases.create(user, dto));
  }

  @Patch(':id')
  @Roles('admin', 'focal_person')
  @ApiOperation({
    summary: 'Change a case',
    description:
      'A status change is checked against the allowed transitions and recorded as a dated event. ' +
      'With If-Match, refused (409 CASE.CHANGED, nothing written) when the case has changed since that version was read.',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseResponse, headers: ETAG_HEADER })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCaseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse> {
    return withETag(res, await this.cases.update(user, id, dto));
  }

  @Delete(':id')
  @ApiIfMatch()
  @HttpCode(204)
  @Roles('admin', 'focal_person')
  @ApiOperation({ summary: 'Delete a case (soft: kept for the audit trail, gone from lists and statistics)' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.cases.remove(user, id);
  }
}
