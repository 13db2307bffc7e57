import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { CaseExportService } from 'src/exports/case-export.service';
import { CaseExportQuery, MonthlyExportQuery } from 'src/exports/dto/export-query.dto';
import { MonthlyExport } from 'src/exports/monthly-export.entity';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function send(res: Response, e: MonthlyExport): StreamableFile {
  res.setHeader('Content-Disposition', `attachment; filename="${e.fileName}"`);
  return new StreamableFile(e.content, { type: XLSX, length: e.size });
}

export interface MonthlyExportResponse {
  id: string;
  month: string;
  audience: string;
  version: number;
  fileName: string;
  size: number;
  sha256: string;
  trigger: string;
  generatedAt: string;
  generatedBy: string | null;
  downloads: Array<{ by: string | null; at: string }>;
}

@ApiTags('exports')
@Controller({ path: 'exports' })
export class ExportsController {
  constructor(
    private readonly monthly: MonthlyExportsService,
    private readonly cases: CaseExportService,
  ) {}

  @Get('monthly')
  @Roles('admin', 'analyst', 'viewer')
  @ApiOperation({
    summary: 'Generate (and keep) the monthly workbook',
    description: 'audience=ministry (default for viewers): aggregates only, counts 1–4 shown as <5 with secondary suppression. audience=internal (admins, analysts): exact, with the status of each case active in the month.',
  })
  async getMonthly(@CurrentUser() user: AuthUser, @Query() q: MonthlyExportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const saved = await this.monthly.generate(q.month, this.monthly.audienceFor(user, q.audience), user, 'on_demand');
    await this.monthly.recordDownload(user, saved);
    return send(res, saved);
  }

  @Get('cases')
  @Roles('admin', 'analyst')
  @ApiOperation({ summary: 'Stream the case-level export (xlsx with a pseudonymous Victims sheet, or csv)', description: 'Case filters as for GET /cases. No names, CNICs or remarks.' })
  async getCases(@CurrentUser() user: AuthUser, @Query() q: CaseExportQuery, @Res() res: Response): Promise<void> {
    const name = `tip-cases-${todayInPakistan()}.${q.format}`;
    res.setHeader('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    await this.cases.write(user, q, res);
  }

  @Get()
  @Roles('admin', 'analyst', 'viewer')
  @ApiOperation({ summary: 'The monthly workbooks kept, with who downloaded them (viewers see ministry workbooks)' })
  async list(@CurrentUser() user: AuthUser): Promise<MonthlyExportResponse[]> {
    return (await this.monthly.list(user)).map((e) => ({
      id: e.id, month: e.month, audience: e.audience, version: e.version, fileName: e.fileName, size: e.size, sha256: e.sha256,
      trigger: e.trigger, generatedAt: e.generatedAt.toISOString(), generatedBy: e.generatedByEmail, downloads: e.downloads,
    }));
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'viewer')
  @ApiOperation({ summary: 'Download a kept monthly workbook (audited)' })
  async download(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return send(res, await this.monthly.download(user, id));
  }
}
