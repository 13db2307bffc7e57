import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from 'src/auth/decorators/roles.decorator';
import {
  APPEAL_STATUSES, CASE_STATUSES, CUSTODY_STATUSES, OFFENCE_FAMILIES, PROSECUTION_OUTCOMES, REFERRALS, REPORTING_AGENCIES, SEXES, TRAFFICKING_TYPES,
} from 'src/reference/code-lists';
import { ROLES } from 'src/users/user.entity';

@ApiTags('reference data')
@Controller({ path: 'reference' })
@Roles(...ROLES)
export class ReferenceController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** ISO 3166-1 countries (alpha-3, alpha-2, English name). */
  @Get('countries')
  countries(): Promise<Array<{ alpha3: string; alpha2: string; name: string }>> {
    return this.dataSource.query('SELECT alpha3, alpha2, name FROM countries ORDER BY name');
  }

  /** Law sections with the offence family each evidences. */
  @Get('law-sections')
  lawSections(): Promise<Array<{ code: string; act: string; section: string; family: string; title: string }>> {
    return this.dataSource.query('SELECT code, act, section, family, title FROM law_sections ORDER BY act, code');
  }

  /** Every coded list: exploitation forms, vulnerabilities, defendant roles and the fixed enumerations. */
  @Get('code-lists')
  async codeLists(): Promise<Record<string, Array<{ code: string; label: string }>>> {
    const rows: Array<{ list: string; code: string; label: string }> = await this.dataSource.query(
      'SELECT list, code, label FROM code_list_items ORDER BY list, position',
    );
    const lists: Record<string, Array<{ code: string; label: string }>> = {};
    for (const r of rows) (lists[r.list] ??= []).push({ code: r.code, label: r.label });
    const fixed = {
      case_status: CASE_STATUSES, offence_family: OFFENCE_FAMILIES, trafficking_type: TRAFFICKING_TYPES, reporting_agency: REPORTING_AGENCIES,
      sex: SEXES, custody_status: CUSTODY_STATUSES, prosecution_outcome: PROSECUTION_OUTCOMES, appeal_status: APPEAL_STATUSES, referral: REFERRALS,
    };
    for (const [list, codes] of Object.entries(fixed)) lists[list] = codes.map((code) => ({ code, label: code.replace(/_/g, ' ') }));
    return lists;
  }
}
