import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/decorators/current-user.decorator';
import { Roles } from 'src/auth/decorators/roles.decorator';
import { ImportErrors } from 'src/common/errors/error-codes';
import {
  ImportBodyDto,
  ImportListQuery,
  ImportPageResponse,
  ImportQueryDto,
  ImportResponse,
  toImportResponse,
} from 'src/imports/dto/import.dto';
import { ImportsService, UploadedFile as Upload } from 'src/imports/imports.service';
import { ReportService } from 'src/imports/report.service';
import { TemplateService } from 'src/imports/template.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(res: Response, name: string, bytes: Buffer): StreamableFile {
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  return new StreamableFile(bytes, { type: XLSX });
}

@ApiTags('imports')
@Controller({ path: 'imports' })
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly template: TemplateService,
    private readonly report: ReportService,
    private readonly audit: AuditService,
  ) {}

  @Get('template')
  @Roles('admin', 'focal_person')
  @ApiOperation({ summary: 'The upload workbook: instructions, dropdowns and your districts' })
  @ApiProduces(XLSX)
  async getTemplate(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const bytes = await this.template.build(user);
    await this.audit.record({ actor: user, action: 'import.template_download' });
    return attachment(res, 'tip-upload-template.xlsx', bytes);
  }

  @Post()
  @Roles('admin', 'focal_person')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a workbook (xlsx) or one sheet (csv)',
    description:
      'Everything is validated before anything is written; any error rejects the whole file (422, nothing written, every problem listed with sheet, row and column). ' +
      'dryRun=true validates and counts without writing. async=true answers 202 with the batch id at once. Re-uploading the same or a corrected file updates by natural key and reports unchanged rows.',
  })
  @ApiAcceptedResponse({ type: ImportResponse, description: 'async=true: recorded; follow GET /imports/:id' })
  @ApiOkResponse({ type: ImportResponse, description: 'A dry run’s result' })
  @ApiCreatedResponse({ type: ImportResponse, description: 'Committed' })
  async upload(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Upload | undefined,
    @Query() q: ImportQueryDto,
    @Body() body: ImportBodyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportResponse & { code?: string; detail?: string }> {
    const batch = await this.imports.start(user, file, { dryRun: q.dryRun, wait: !q.async, sheet: body.sheet });
    if (q.async) {
      res.status(202);
      return toImportResponse(batch);
    }
    if (batch.status === 'rejected') {
      // the import result itself (status "rejected"), with the stable code of a refused request
      res.status(422);
      return {
        ...toImportResponse(batch),
        code: ImportErrors.REJECTED,
        detail: `The file was rejected with ${batch.errorCount} problem(s); nothing was written`,
      };
    }
    res.status(batch.dryRun ? 200 : 201);
    return toImportResponse(batch);
  }

  @Get()
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({ summary: 'Upload history (a focal person sees their jurisdiction’s)' })
  @ApiOkResponse({ type: ImportPageResponse })
  async list(@CurrentUser() user: AuthUser, @Query() q: ImportListQuery): Promise<ImportPageResponse> {
    const { items, total } = await this.imports.list(user, q.page, q.pageSize);
    return { items: items.map((b) => toImportResponse(b, false)), total, page: q.page, pageSize: q.pageSize };
  }

  @Get(':id')
  @Roles('admin', 'analyst', 'focal_person')
  @ApiOperation({ summary: 'One upload: phase and rows processed while running, then its result' })
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ImportResponse> {
    return toImportResponse(await this.imports.get(user, id));
  }

  @Get(':id/report.xlsx')
  @Roles('admin', 'focal_person')
  @ApiOperation({ summary: 'A rejected upload’s own rows with an Errors column and the bad cells highlighted' })
  @ApiProduces(XLSX)
  async getReport(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const batch = await this.imports.get(user, id, true);
    const bytes = await this.report.build(batch);
    await this.audit.record({
      actor: user,
      action: 'import.report_download',
      entity: 'import',
      entityId: id,
    });
    return attachment(res, `tip-import-${id.slice(0, 8)}-errors.xlsx`, bytes);
  }
}
