import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { CaseExportService } from 'src/exports/case-export.service';
import {
  CaseExportQuery,
  GenerateMonthlyExportDto,
  MonthlyExportListQuery,
  MonthlyExportQuery,
} from 'src/exports/dto/export-query.dto';
import { MonthlyExportResponse, toMonthlyExportResponse } from 'src/exports/dto/monthly-export.dto';
import { MonthlyExport } from 'src/exports/monthly-export.entity';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 200 of a workbook download: the file, saved under the name in Content-Disposition. */
const WORKBOOK_FILE = {
  description:
    'The workbook (xlsx), with `Content-Disposition: attachment; filename="tip-monthly-YYYY-MM-audience….xlsx"`',
  content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
};

function send(res: Response, e: MonthlyExport): StreamableFile {
  res.setHeader('Content-Disposition', `attachment; filename="${e.fileName}"`);
  return new StreamableFile(e.content, { type: XLSX, length: e.size });
}

@ApiTags('exports')
@Controller({ path: 'exports' })
export class ExportsController {
  constructor(
    private readonly monthly: MonthlyExportsService,
    private readonly cases: CaseExportService,
  ) {}

  @Post('monthly')
  @HttpCode(201)
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'Generate and keep a new version of the monthly workbook',
    description:
      'audience=ministry: aggregates only, counts 1–4 shown as <5, further counts hidden as x until a linear-programming audit over every published total (this workbook and the earlier ones) shows none can be narrowed. audience=internal (default): exact, with the status of each case active in the month. At most EXPORT_GENERATIONS_PER_HOUR per user (429 EXPORT.GENERATION_LIMIT).',
  })
  @ApiCreatedResponse({ type: MonthlyExportResponse, description: 'The new version (Location: its download)' })
  async generateMonthly(
    @CurrentUser() user: AuthUser,
    @Body() body: GenerateMonthlyExportDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MonthlyExportResponse> {
    const saved = await this.monthly.generate(
      body.month,
      this.monthly.audienceFor(user, body.audience),
      user,
      'on_demand',
    );
    res.setHeader('Location', `/api/v1/exports/${saved.id}`);
    return toMonthlyExportResponse(saved, [], false);
  }

  @Get('monthly')
  @Roles('admin', 'analyst', 'viewer')
  @ApiOperation({
    summary: 'Download the latest kept version of a month’s workbook (audited; never generates one)',
    description:
      'audience=ministry is the viewers’ default and the only one they may have; 404 EXPORT.NOT_FOUND until the month has been generated.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse(WORKBOOK_FILE)
  async getMonthly(
    @CurrentUser() user: AuthUser,
    @Query() q: MonthlyExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.monthly.latest(user, q.month, this.monthly.audienceFor(user, q.audience)));
  }

  @Get('cases')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'Stream the case-level export (xlsx with a pseudonymous Victims sheet, or csv)',
    description:
      'Case filters as for GET /cases (the drill-down from a statistic included): the same cases, one row each. No names, CNICs or remarks.',
  })
  async getCases(@CurrentUser() user: AuthUser, @Query() q: CaseExportQuery, @Res() res: Response): Promise<void> {
    this.cases.check(q);
    const name = this.cases.fileName(q.format);
    res.setHeader('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    await this.cases.write(user, q, res);
  }

  @Get()
  @Roles('admin', 'analyst', 'viewer')
  @ApiOperation({
    summary:
      'The monthly workbooks kept, with their downloads (viewers: ministry workbooks, download dates without names)',
    description:
      'Newest month first, then audience, then newest version; at most 500 (narrow with year, month and audience).',
  })
  @ApiOkResponse({ type: [MonthlyExportResponse] })
  async list(@CurrentUser() user: AuthUser, @Query() q: MonthlyExportListQuery): Promise<MonthlyExportResponse[]> {
    return (await this.monthly.list(user, q)).map((e) =>
      toMonthlyExportResponse(e, e.downloads, user.role === 'viewer'),
    );
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'viewer')
  @ApiOperation({ summary: 'Download a kept monthly workbook (audited)' })
  @ApiProduces(XLSX)
  @ApiOkResponse(WORKBOOK_FILE)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.monthly.download(user, id));
  }
}
