/**
 * Coded values used across the case model, the import template and the statistics.
 * Each list is the single source for its codes; labels are what people see in the
 * template and exports. The same lists are seeded into the `code_lists` table so that
 * the database can check them.
 */
export interface CodeItem {
  readonly code: string;
  readonly label: string;
}

const list = <T extends string>(items: ReadonlyArray<readonly [T, string]>) =>
  items.map(([code, label]) => ({ code, label })) as ReadonlyArray<{ code: T; label: string }>;

export const CASE_STATUSES = [
  'registered',
  'under_investigation',
  'challan_submitted',
  'under_trial',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
  'transferred',
  'closed_other',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OFFENCE_FAMILIES = ['tip', 'som', 'mixed'] as const;
export type OffenceFamily = (typeof OFFENCE_FAMILIES)[number];

export const TRAFFICKING_TYPES = ['internal', 'transnational'] as const;
export type TraffickingType = (typeof TRAFFICKING_TYPES)[number];

export const REPORTING_AGENCIES = ['police', 'fia', 'other'] as const;
export type ReportingAgency = (typeof REPORTING_AGENCIES)[number];

export const SEXES = ['male', 'female', 'transgender', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const CUSTODY_STATUSES = [
  'suspect',
  'arrested',
  'on_bail',
  'absconding',
  'proclaimed_offender',
  'released',
] as const;
export type CustodyStatus = (typeof CUSTODY_STATUSES)[number];

export const PROSECUTION_OUTCOMES = ['pending', 'convicted', 'acquitted', 'discharged', 'withdrawn'] as const;
export type ProsecutionOutcome = (typeof PROSECUTION_OUTCOMES)[number];

export const APPEAL_STATUSES = ['none', 'pending', 'upheld', 'overturned'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const REFERRALS = ['shelter', 'ngo', 'none'] as const;
export type Referral = (typeof REFERRALS)[number];

export const EXPLOITATION_FORMS = list([
  ['sexual_exploitation', 'Sexual exploitation'],
  ['forced_labour', 'Forced labour'],
  ['bonded_labour', 'Bonded labour'],
  ['domestic_servitude', 'Domestic servitude'],
  ['forced_marriage', 'Forced marriage'],
  ['forced_begging', 'Forced begging'],
  ['child_labour', 'Child labour'],
  ['forced_criminality', 'Forced criminality'],
  ['organ_removal', 'Organ removal'],
  ['armed_group_recruitment', 'Recruitment by armed groups'],
  ['other', 'Other'],
] as const);

export const VULNERABILITIES = list([
  ['child', 'Child'],
  ['disability', 'Disability'],
  ['poverty_debt', 'Poverty or debt'],
  ['unemployment', 'Unemployment'],
  ['illiteracy', 'Illiteracy'],
  ['orphan_street_connected', 'Orphan or street-connected'],
  ['migrant_refugee', 'Migrant or refugee (incl. Afghan nationals)'],
  ['religious_minority', 'Religious minority'],
  ['transgender', 'Transgender'],
  ['bonded_labour_family', 'Bonded-labour family'],
  ['displacement_disaster', 'Displacement or natural disaster'],
  ['other', 'Other'],
] as const);

export const DEFENDANT_ROLES = list([
  ['recruiter', 'Recruiter'],
  ['transporter', 'Transporter'],
  ['harbourer_receiver', 'Harbourer or receiver'],
  ['exploiter', 'Exploiter'],
  ['financier', 'Financier'],
  ['document_forger', 'Document forger'],
  ['agent_intermediary', 'Agent or intermediary'],
  ['public_official', 'Public official (complicity)'],
  ['other', 'Other'],
] as const);

/** Law sections cited in TIP and SOM cases: code `ACT-SECTION`, tagged with the family it evidences. */
export const LAW_SECTIONS: ReadonlyArray<{
  code: string;
  act: string;
  section: string;
  family: 'tip' | 'som';
  title: string;
}> = [
  { code: 'PTPA-3', act: 'PTPA', section: '3', family: 'tip', title: 'Trafficking in persons' },
  { code: 'PTPA-4', act: 'PTPA', section: '4', family: 'tip', title: 'Aggravating circumstances' },
  { code: 'PTPA-5', act: 'PTPA', section: '5', family: 'tip', title: 'Trafficking in persons by an organised group' },
  { code: 'PSMA-3', act: 'PSMA', section: '3', family: 'som', title: 'Smuggling of migrants' },
  { code: 'PSMA-4', act: 'PSMA', section: '4', family: 'som', title: 'Aggravating circumstances' },
  { code: 'PSMA-5', act: 'PSMA', section: '5', family: 'som', title: 'Fraudulent travel or identity documents' },
  {
    code: 'PPC-365B',
    act: 'PPC',
    section: '365-B',
    family: 'tip',
    title: 'Kidnapping, abducting or inducing woman to compel for marriage',
  },
  { code: 'PPC-366A', act: 'PPC', section: '366-A', family: 'tip', title: 'Procuration of minor girl' },
  { code: 'PPC-366B', act: 'PPC', section: '366-B', family: 'tip', title: 'Importation of girl from foreign country' },
  { code: 'PPC-369A', act: 'PPC', section: '369-A', family: 'tip', title: 'Trafficking of human beings' },
  { code: 'PPC-370', act: 'PPC', section: '370', family: 'tip', title: 'Buying or disposing of any person as a slave' },
  { code: 'PPC-371', act: 'PPC', section: '371', family: 'tip', title: 'Habitual dealing in slaves' },
  {
    code: 'PPC-371A',
    act: 'PPC',
    section: '371-A',
    family: 'tip',
    title: 'Selling person for purposes of prostitution',
  },
  {
    code: 'PPC-371B',
    act: 'PPC',
    section: '371-B',
    family: 'tip',
    title: 'Buying person for purposes of prostitution',
  },
  { code: 'PPC-374', act: 'PPC', section: '374', family: 'tip', title: 'Unlawful compulsory labour' },
  {
    code: 'PPC-493A',
    act: 'PPC',
    section: '493-A',
    family: 'tip',
    title: 'Cohabitation caused by deceitful inducement of lawful marriage',
  },
  {
    code: 'PPC-496',
    act: 'PPC',
    section: '496',
    family: 'tip',
    title: 'Marriage ceremony fraudulently gone through without lawful marriage',
  },
  { code: 'PPC-498B', act: 'PPC', section: '498-B', family: 'tip', title: 'Prohibition of forced marriage' },
  {
    code: 'BLSAA-4',
    act: 'BLSAA',
    section: '4',
    family: 'tip',
    title: 'Bonded Labour System (Abolition) Act 1992: abolition of bonded labour',
  },
  {
    code: 'BLSAA-11',
    act: 'BLSAA',
    section: '11',
    family: 'tip',
    title: 'Bonded Labour System (Abolition) Act 1992: compelling bonded labour',
  },
  {
    code: 'EO-17',
    act: 'EO',
    section: '17',
    family: 'som',
    title: 'Emigration Ordinance 1979: fraudulent inducement to emigrate',
  },
  {
    code: 'EO-18',
    act: 'EO',
    section: '18',
    family: 'som',
    title: 'Emigration Ordinance 1979: receiving money for providing foreign employment',
  },
];
