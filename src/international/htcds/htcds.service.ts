import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import * as ExcelJS from 'exceljs';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { escapeCell, escapeCsvText } from 'src/common/spreadsheet-safety';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { DEMO_NOTICE } from 'src/demo/demo-mark';
import { HtcdsQuery } from 'src/international/htcds/dto/htcds-query.dto';
import {
  CASE_STATUS,
  CLOSURE_REASON,
  country,
  exploitationColumns,
  GENDER,
  HTCDS_COLUMNS,
  HtcdsRow,
  prosecutionOutcome,
  traffickingStatus,
} from 'src/international/htcds/htcds-fields';
import { HtcdsRepository, VictimFacts } from 'src/international/htcds/htcds.repository';
import { anonymise, LADDER, QuasiIdentifiers } from 'src/international/htcds/k-anonymity';
import { assertPeriod } from 'src/statistics/period-check';

/** `hte_Type` of each route column. */
const EVENT_COLUMNS = [
  ['Recruitment', 'hte_Country_Recruitment'],
  ['Transit', 'hte_Country_Transit'],
  ['Exploitation', 'hte_Country_Exploitation'],
] as const;

/** The file and what its de-identification did, for the response headers and the audit. */
export interface HtcdsFile {
  readonly fileName: string;
  readonly content: Buffer;
  readonly rows: number;
  readonly coarsened: number;
  readonly withheld: number;
  readonly k: number;
}

/**
 * The victims identified in a period in IOM's HTCDS v2.0 fields, de-identified: coded values
 * only, ages in bands, the year of identification, ids that are keyed hashes, and
 * k-anonymous (k-anonymity.ts). The whole period is read before anything is written, since the
 * rows withheld depend on all the others.
 */
@Injectable()
export class HtcdsService {
  constructor(
    private readonly repository: HtcdsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(user: AuthUser, q: HtcdsQuery): Promise<HtcdsFile> {
    assertPeriod(q);
    const facts = await this.repository.victims(q.from, q.to);
    const k = this.config.htcds.k;
    const result = anonymise(facts, quasiIdentifiers, k);
    const rows = result.published
      .map(({ row, values }) => this.toRow(row, values))
      .sort((a, b) => (a.ext_PseudonymousId < b.ext_PseudonymousId ? -1 : 1));
    const counts = { rows: rows.length, coarsened: result.coarsened, withheld: result.withheld, k };
    const content = q.format === 'csv' ? csv(rows) : await this.xlsx(rows, q, counts);
    await this.audit.record({
      actor: user,
      action: 'export.htcds',
      entity: 'htcds_export',
      detail: { format: q.format, from: q.from, to: q.to, ...counts },
    });
    const demo = this.config.demo.enabled ? 'demo-' : '';
    return { fileName: `tip-htcds-${demo}${q.from}-${q.to}.${q.format}`, content, ...counts };
  }

  /** A keyed hash of the victim's id: the same in every export under the same key, and no way back to the id. */
  pseudonym(victimId: string): string {
    return createHmac('sha256', this.config.htcds.pseudonymKey).update(victimId).digest('hex');
  }

  private toRow(facts: VictimFacts, published: QuasiIdentifiers): HtcdsRow {
    return {
      ext_PseudonymousId: this.pseudonym(facts.victimId),
      ext_YearOfIdentification: published.year,
      prs_Gender: published.gender,
      ext_AgeBand: published.ageBand,
      prs_Citizenship: published.citizenship,
      ...traffickingStatus(facts.status, facts.agency),
      vic_TypeOfExploitation: published.exploitation[0],
      vic_ForcedLabourIndustry: published.exploitation[1],
      vic_MethodsOfControl: published.exploitation[2],
      hte_Country_Recruitment: published.recruitment,
      hte_Country_Transit: countries(facts.transits),
      hte_Country_Exploitation: countries(facts.destinations),
      cas_Status: CASE_STATUS[facts.status],
      cas_ReasonForCaseClosure: CLOSURE_REASON[facts.status] ?? '',
      ext_ProsecutionOutcome: prosecutionOutcome(facts.outcomes),
    };
  }

  private async xlsx(
    rows: HtcdsRow[],
    q: HtcdsQuery,
    counts: { rows: number; coarsened: number; withheld: number; k: number },
  ): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('Notes');
    notes.getColumn(1).width = 40;
    notes.getColumn(2).width = 100;
    const lines: Array<[string, string | number]> = [
      ['Human Trafficking Case Data Standard v2.0 (IOM)', 'Victims identified, de-identified'],
      ...(this.config.demo.enabled ? [['Demonstration data', DEMO_NOTICE] as [string, string]] : []),
      ['Source', 'National Police Bureau, Pakistan: the national TIP case database'],
      ['Legal basis', this.config.legalBasis],
      ['Period', `${q.from} to ${q.to}`],
      ['Generated on', todayInPakistan()],
      [
        'Victims counted',
        'identified in the period (the identified-on date, else the FIR date) in trafficking cases (TIP and mixed)',
      ],
      ['Rows published', counts.rows],
      ['k', counts.k],
      ['Rows coarsened', counts.coarsened],
      ['Rows withheld', counts.withheld],
      [
        'Quasi-identifiers',
        'prs_Gender, ext_AgeBand, prs_Citizenship, ext_YearOfIdentification, vic_TypeOfExploitation (with vic_ForcedLabourIndustry and vic_MethodsOfControl), hte_Country_Recruitment: every combination published is shared by at least k rows',
      ],
      ...LADDER.map((rung, i): [string, string] => [`Generalisation ${i + 1}`, rung.description]),
      ['Withheld', 'rows whose combination is still shared by fewer than k rows after the last generalisation'],
      [
        'ext_PseudonymousId',
        'HMAC-SHA256 of the victim record under a key the bureau keeps: the same victim has the same id in every export',
      ],
      ['ext_YearOfIdentification', 'the year of the identified-on date, else of the FIR date; no date is given'],
      ['ext_AgeBand', 'age at the offence: 0-11, 12-17, 18-25, 26-40, 41-60, 61+; coarsened 0-17, 18+; unknown'],
      [
        'ext_ProsecutionOutcome',
        'the furthest outcome of the case’s prosecutions: convicted, pending, acquitted, discharged, withdrawn, none',
      ],
      [
        'hte_Country_*',
        'the case route’s countries (ISO 3166-1 alpha-2) of recruitment (origin), transit and exploitation (destination)',
      ],
      ['Empty cell', 'not stated'],
    ];
    for (const [label, value] of lines) notes.addRow([label, typeof value === 'string' ? escapeCell(value) : value]);
    const victims = wb.addWorksheet('Victims', { views: [{ state: 'frozen', ySplit: 1 }] });
    victims.addRow([...HTCDS_COLUMNS]);
    for (const row of rows) victims.addRow(HTCDS_COLUMNS.map((c) => escapeCell(row[c])));
    // the standard's Historic Trafficking Events as its related list: one row per event
    const events = wb.addWorksheet('Historic Trafficking Events', { views: [{ state: 'frozen', ySplit: 1 }] });
    events.addRow(['ext_PseudonymousId', 'hte_Type', 'hte_Country']);
    for (const row of rows)
      for (const [type, column] of EVENT_COLUMNS)
        for (const c of row[column] ? row[column].split(';') : [])
          events.addRow([row.ext_PseudonymousId, type, escapeCell(c)]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

function quasiIdentifiers(facts: VictimFacts): QuasiIdentifiers {
  const exploitation = exploitationColumns(facts.forms);
  return {
    gender: GENDER[facts.sex] ?? GENDER.unknown,
    ageBand: facts.ageBand,
    citizenship: country(facts.citizenship),
    year: String(facts.year),
    exploitation: [
      exploitation.vic_TypeOfExploitation,
      exploitation.vic_ForcedLabourIndustry,
      exploitation.vic_MethodsOfControl,
    ],
    recruitment: countries(facts.origins),
  };
}

/** Countries of one kind of route point, each once, in route order, joined by `;`. */
function countries(alpha2: readonly string[]): string {
  return [...new Set(alpha2.map(country).filter((c) => c))].join(';');
}

/** RFC 4180 with a BOM (Excel reads it as UTF-8), every field quoted, formula starts defused. */
function csv(rows: HtcdsRow[]): Buffer {
  const lines = [[...HTCDS_COLUMNS], ...rows.map((row) => HTCDS_COLUMNS.map((c) => escapeCsvText(row[c])))];
  return Buffer.from(
    `\uFEFF${stringify(lines, { quoted: true, quoted_empty: true, record_delimiter: 'windows' })}`,
    'utf8',
  );
}
