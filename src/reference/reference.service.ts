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
import { ReferenceRepository } from 'src/reference/reference.repository';

@Injectable()
export class ReferenceService {
  constructor(private readonly reference: ReferenceRepository) {}

  countries(): Promise<Array<{ alpha3: string; alpha2: string; name: string }>> {
    return this.reference.allCountries();
  }

  lawSections(): Promise<Array<{ code: string; act: string; section: string; family: string; title: string }>> {
    return this.reference.lawSections();
  }

  /** The stored lists, and the fixed enumerations labelled by their codes. */
  async codeLists(): Promise<Record<string, Array<{ code: string; label: string }>>> {
    const lists: Record<string, Array<{ code: string; label: string }>> = {};
    for (const r of await this.reference.codeListItems()) (lists[r.list] ??= []).push({ code: r.code, label: r.label });
    const fixed = {
      case_status: CASE_STATUSES,
      offence_family: OFFENCE_FAMILIES,
      trafficking_type: TRAFFICKING_TYPES,
      reporting_agency: REPORTING_AGENCIES,
      sex: SEXES,
      custody_status: CUSTODY_STATUSES,
      prosecution_outcome: PROSECUTION_OUTCOMES,
      appeal_status: APPEAL_STATUSES,
      referral: REFERRALS,
    };
    for (const [list, codes] of Object.entries(fixed))
      lists[list] = codes.map((code) => ({ code, label: code.replace(/_/g, ' ') }));
    return lists;
  }
}
