import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { GlotipQuery } from 'src/international/dto/international-query.dto';
import { glotipCsv, glotipRows, glotipWorkbook } from 'src/international/glotip/glotip-file';
import { InternationalService, InternationalYear } from 'src/international/international.service';
import { untocTables } from 'src/international/untoc/untoc-tables';
import { untocWorkbook } from 'src/international/untoc/untoc-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface InternationalFile {
  readonly fileName: string;
  readonly type: string;
  readonly content: Buffer;
  readonly provisional: boolean;
  readonly provisionalMonths: readonly string[];
}

/** Makes the GLOTIP and UNTOC files of a checked year, and audits each one made. */
@Injectable()
export class InternationalExports {
  constructor(private readonly international: InternationalService) {}

  async glotip(user: AuthUser, q: GlotipQuery): Promise<InternationalFile> {
    const counted = await this.international.exportable(q.year);
    const rows = glotipRows(counted, await this.international.shown(counted.figures, q.suppress));
    const content =
      q.format === 'csv'
        ? Buffer.from(glotipCsv(rows), 'utf8')
        : await glotipWorkbook(counted, rows, {
            legalBasis: this.international.legalBasis,
            suppressed: q.suppress,
            threshold: this.international.threshold,
            generatedBy: 'National Police Bureau, Pakistan',
            demo: this.international.demo,
          });
    const file = this.file(counted, `glotip-PAK-${q.year}${q.suppress ? '-suppressed' : ''}`, q.format, content);
    await this.international.recordExport(user, 'export.glotip', {
      year: q.year,
      format: q.format,
      suppress: q.suppress,
      rows: rows.length,
      provisional: file.provisional,
      fileName: file.fileName,
    });
    return file;
  }

  async untoc(user: AuthUser, year: number): Promise<InternationalFile> {
    const counted = await this.international.exportable(year);
    const content = await untocWorkbook(counted, untocTables(counted), {
      legalBasis: this.international.legalBasis,
      generatedBy: 'National Police Bureau, Pakistan',
      demo: this.international.demo,
    });
    const file = this.file(counted, `untoc-PAK-${year}`, 'xlsx', content);
    await this.international.recordExport(user, 'export.untoc', {
      year,
      provisional: file.provisional,
      fileName: file.fileName,
    });
    return file;
  }

  private file(counted: InternationalYear, name: string, format: 'csv' | 'xlsx', content: Buffer): InternationalFile {
    return {
      fileName: `${name}${counted.monthsNotEnded || counted.provisional.length ? '-provisional' : ''}${this.international.demo ? '-demo' : ''}.${format}`,
      type: format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
      content,
      provisional: counted.provisional.length > 0 || counted.monthsNotEnded > 0,
      provisionalMonths: counted.provisional.map((p) => p.month),
    };
  }
}
