import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { InternationalChecksResponse, toChecksResponse } from 'src/international/dto/international-checks.dto';
import { GlotipQuery, InternationalYearQuery } from 'src/international/dto/international-query.dto';
import { InternationalExports } from 'src/international/international-exports';
import { InternationalService } from 'src/international/international.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** International reporting (UNODC GLOTIP, UNTOC review) from the case data, checked before it leaves. */
@ApiTags('exports')
@Controller({ path: 'exports' })
export class InternationalController {
  constructor(
    private readonly international: InternationalService,
    private readonly files: InternationalExports,
  ) {}

  @Get('glotip/checks')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'The consistency checks of a year’s international figures',
    description:
      'Each check: code, severity (hard: the GLOTIP and UNTOC exports answer 409 INTERNATIONAL.CHECK_FAILED; warning: on the cover), the indicator and figure concerned, and why. Also which months are provisional.',
  })
  @ApiOkResponse({ type: InternationalChecksResponse })
  async checks(@Query() q: InternationalYearQuery): Promise<InternationalChecksResponse> {
    return toChecksResponse(await this.international.year(q.year));
  }

  @Get('glotip')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'A year’s figures in UNODC’s GLOTIP long format (csv, or xlsx with a cover); audited',
    description:
      'The columns and vocabulary of UNODC’s published rows; each indicator counted by a Rule 42 rule (README, International reporting). Exact counts unless suppress=true. 409 INTERNATIONAL.CHECK_FAILED while a hard check fails. X-Figures-Provisional: true when a month of the year is not approved or not ended (X-Provisional-Months lists the months not approved).',
  })
  @ApiProduces('text/csv', XLSX)
  @ApiOkResponse({
    description: 'The file, with Content-Disposition: attachment; filename="glotip-PAK-YYYY….csv|xlsx"',
  })
  async glotip(
    @CurrentUser() user: AuthUser,
    @Query() q: GlotipQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.files.glotip(user, q);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('X-Figures-Provisional', String(file.provisional));
    if (file.provisionalMonths.length) res.setHeader('X-Provisional-Months', file.provisionalMonths.join(','));
    return new StreamableFile(file.content, { type: file.type, length: file.content.length });
  }

  @Get('untoc')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'A year’s tables for the UNTOC review’s self-assessment on trafficking (xlsx); audited',
    description:
      'Cases; persons brought into formal contact, prosecuted and convicted by sex and age; sentences imposed in bands; victims by form of exploitation and by citizenship. Exact counts. 409 INTERNATIONAL.CHECK_FAILED while a hard check fails.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'The workbook, with Content-Disposition: attachment; filename="untoc-PAK-YYYY.xlsx"',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  async untoc(
    @CurrentUser() user: AuthUser,
    @Query() q: InternationalYearQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.files.untoc(user, q.year);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('X-Figures-Provisional', String(file.provisional));
    if (file.provisionalMonths.length) res.setHeader('X-Provisional-Months', file.provisionalMonths.join(','));
    return new StreamableFile(file.content, { type: file.type, length: file.content.length });
  }
}
