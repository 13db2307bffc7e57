import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { getAlpha2Codes } from 'i18n-iso-countries';
import {
  CASE_STATUS,
  country,
  EXPLOITATION,
  exploitationColumns,
  GENDER,
  prosecutionOutcome,
  traffickingStatus,
} from 'src/international/htcds/htcds-fields';
import { CASE_STATUSES, EXPLOITATION_FORMS, REPORTING_AGENCIES, SEXES } from 'src/reference/code-lists';

/** The standard's value lists, from IOM's choices file (trimmed: it writes "DebtBondage " with a space). */
const choices = new Map<string, Set<string>>();
for (const { list_name, name } of parse<{ list_name: string; name: string }>(
  readFileSync(join(__dirname, '../../../test/fixtures/htcds/htcds_v2_choices.csv')),
  { columns: true },
)) {
  if (!choices.has(list_name)) choices.set(list_name, new Set());
  choices.get(list_name)!.add(name.trim());
}
const inList = (list: string, values: string) =>
  values === '' || values.split(';').every((v) => choices.get(list)!.has(v));

describe('HTCDS value mappings', () => {
  it('maps every sex, status and agency we record to a value of the standard’s lists', () => {
    for (const sex of SEXES) expect([sex, inList('gender', GENDER[sex])]).toEqual([sex, true]);
    for (const status of CASE_STATUSES) {
      expect([status, inList('status', CASE_STATUS[status])]).toEqual([status, true]);
      for (const agency of REPORTING_AGENCIES) {
        const mapped = traffickingStatus(status, agency);
        expect(inList('traffickingstatus', mapped.vic_TraffickingStatus)).toBe(true);
        expect(inList('traffickingstatusdecisionmakingorg', mapped.vic_TraffickingStatusDecisionMakingOrg)).toBe(true);
      }
    }
  });

  it('maps every exploitation form, alone and together, into the three picklists; an unknown form is Other', () => {
    expect(Object.keys(EXPLOITATION).sort()).toEqual(EXPLOITATION_FORMS.map((f) => f.code).sort());
    const all = EXPLOITATION_FORMS.map((f) => f.code);
    for (const forms of [...all.map((f) => [f]), all]) {
      const mapped = exploitationColumns(forms);
      expect([forms, inList('typeofexploitation', mapped.vic_TypeOfExploitation)]).toEqual([forms, true]);
      expect(inList('forcedlabourindustry', mapped.vic_ForcedLabourIndustry)).toBe(true);
      expect(inList('methodsofcontrol', mapped.vic_MethodsOfControl)).toBe(true);
    }
    expect(exploitationColumns(['bonded_labour', 'forced_labour'])).toEqual({
      vic_TypeOfExploitation: 'ForcedLabour',
      vic_ForcedLabourIndustry: '',
      vic_MethodsOfControl: 'DebtBondage',
    });
    expect(exploitationColumns(['forced_criminality', '=cmd|x'])).toMatchObject({ vic_TypeOfExploitation: 'Other' });
    expect(exploitationColumns([])).toEqual({
      vic_TypeOfExploitation: '',
      vic_ForcedLabourIndustry: '',
      vic_MethodsOfControl: '',
    });
  });

  it('writes every country we know as one of the standard’s, or not at all', () => {
    const written = Object.keys(getAlpha2Codes()).map(country);
    for (const c of written) expect([c, inList('citizenship', c)]).toEqual([c, true]);
    expect(written.filter((c) => c === '')).toHaveLength(1);
    expect(country(null)).toBe('');
  });

  it('takes the furthest outcome of a case’s prosecutions', () => {
    expect(prosecutionOutcome([])).toBe('none');
    expect(prosecutionOutcome(['acquitted', 'pending'])).toBe('pending');
    expect(prosecutionOutcome(['acquitted', 'convicted', 'pending'])).toBe('convicted');
    expect(prosecutionOutcome(['withdrawn', 'discharged'])).toBe('discharged');
  });
});
