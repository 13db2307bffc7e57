import { Injectable } from '@nestjs/common';
import {
  APPEAL_STATUSES,
  CASE_STATUSES,
  CUSTODY_STATUSES,
  OFFENCE_FAMILIES,
  PROSECUTION_OUTCOMES,
  REFERRALS,
  REPORTING_AGENCIES,
  SEXES,
  TRAFFICKING_TYPES,
} from 'src/reference/code-lists';
import {
  CodeItemResponse,
  CodeListsResponse,
  CountryResponse,
  LawSectionResponse,
} from 'src/reference/dto/reference.response';
import { ReferenceRepository } from 'src/reference/reference.repository';

const byCode = (codes: readonly string[]): CodeItemResponse[] =>
  codes.map((code) => ({ code, label: code.replace(/_/g, ' ') }));

@Injectable()
export class ReferenceService {
  constructor(private readonly reference: ReferenceRepository) {}

  countries(): Promise<CountryResponse[]> {
    return this.reference.allCountries();
  }

  lawSections(): Promise<LawSectionResponse[]> {
    return this.reference.lawSections();
  }

  /** The stored lists, and the fixed enumerations labelled by their codes. */
  async codeLists(): Promise<CodeListsResponse> {
    const stored: Record<string, CodeItemResponse[]> = {};
    for (const r of await this.reference.codeListItems())
      (stored[r.list] ??= []).push({ code: r.code, label: r.label });
    return {
      exploitation_form: stored.exploitation_form ?? [],
      vulnerability: stored.vulnerability ?? [],
      defendant_role: stored.defendant_role ?? [],
      case_status: byCode(CASE_STATUSES),
      offence_family: byCode(OFFENCE_FAMILIES),
      trafficking_type: byCode(TRAFFICKING_TYPES),
      reporting_agency: byCode(REPORTING_AGENCIES),
      sex: byCode(SEXES),
      custody_status: byCode(CUSTODY_STATUSES),
      prosecution_outcome: byCode(PROSECUTION_OUTCOMES),
      appeal_status: byCode(APPEAL_STATUSES),
      referral: byCode(REFERRALS),
    };
  }
}
