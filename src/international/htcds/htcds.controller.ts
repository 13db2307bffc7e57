import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { HtcdsQuery } from 'src/international/htcds/dto/htcds-query.dto';
import { HtcdsService } from 'src/international/htcds/htcds.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';

@ApiTags('exports')
@Controller({ path: 'exports' })
export class HtcdsController {
  constructor(private readonly htcds: HtcdsService) {}

  @Get('htcds')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'The victims identified in a period in IOM’s Human Trafficking Case Data Standard v2.0, de-identified',
    description:
      'One row per victim identified in the period (identified-on date, else the FIR date) of TIP and mixed cases, in HTCDS v2.0 field names and value lists: no names, CNICs, refs or free text; age bands; the year of identification only; pseudonymous ids (HMAC-SHA256 under HTCDS_PSEUDONYM_KEY) stable across exports. k-anonymous on sex, age band, citizenship, year, exploitation and country of recruitment (k = HTCDS_K): rows of smaller combinations are coarsened, then withheld. The counts are on the xlsx Notes sheet and in the headers X-HTCDS-Rows, X-HTCDS-Coarsened, X-HTCDS-Withheld and X-HTCDS-K. Audited.',
  })
  @ApiProduces(XLSX, CSV)
  @ApiOkResponse({
    description: 'The file, with `Content-Disposition: attachment; filename="tip-htcds-FROM-TO.xlsx|csv"`',
    content: {
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
      [CSV]: { schema: { type: 'string' } },
    },
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() q: HtcdsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.htcds.export(user, q);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('X-HTCDS-Rows', String(file.rows));
    res.setHeader('X-HTCDS-Coarsened', String(file.coarsened));
    res.setHeader('X-HTCDS-Withheld', String(file.withheld));
    res.setHeader('X-HTCDS-K', String(file.k));
    return new StreamableFile(file.content, { type: q.format === 'csv' ? CSV : XLSX, length: file.content.length });
  }
}
