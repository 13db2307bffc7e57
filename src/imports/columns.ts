import { DATE_FORMS } from 'src/imports/parsing/values';
import { nameKey } from 'src/reference/name-key';
import {
  APPEAL_STATUSES,
  CASE_STATUSES,
  CUSTODY_STATUSES,
  DEFENDANT_ROLES,
  EXPLOITATION_FORMS,
  PROSECUTION_OUTCOMES,
  REPORTING_AGENCIES,
  TRAFFICKING_TYPES,
  VULNERABILITIES,
} from 'src/reference/code-lists';

/**
 * The four sheets of the provincial workbook: every column's header, the other headers
 * people use for it, whether it is required, what it means and what it accepts. The
 * template's Instructions sheet and dropdowns are generated from this list.
 */
export type SheetKind = 'Cases' | 'Victims' | 'Defendants' | 'Prosecutions';
export const SHEETS: readonly SheetKind[] = ['Cases', 'Victims', 'Defendants', 'Prosecutions'];

export interface ColumnSpec {
  readonly field: string;
  readonly header: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  readonly meaning: string;
  readonly accepts: string;
  /** Values offered as a dropdown in the template. */
  readonly choices?: readonly string[];
  /** The template's dropdown is the caller's districts. */
  readonly districts?: boolean;
}

const labels = (items: ReadonlyArray<{ label: string }>) => items.map((i) => i.label);
const words = (codes: readonly string[]) =>
  codes.map((c) => c.replace(/_/g, ' ').replace(/^./, (x) => x.toUpperCase()));
const DATE = DATE_FORMS;
const COUNTRY = 'country name, demonym (Afghan), ISO alpha-2 or alpha-3 code';

const CASE_KEY: ColumnSpec[] = [
  {
    field: 'district',
    header: 'District',
    required: true,
    meaning: 'District where the FIR was registered',
    accepts: 'district name, alias or P-code (see the Districts sheet)',
    districts: true,
  },
  {
    field: 'policeStation',
    header: 'Police Station',
    aliases: ['PS', 'Police Station Name', 'Thana'],
    required: true,
    meaning: 'Police station of the FIR',
    accepts: 'text',
  },
  {
    field: 'firNumber',
    header: 'FIR No',
    aliases: ['FIR #', 'FIR Number', 'F.I.R No', 'FIR No.', 'FIR'],
    required: true,
    meaning: 'FIR number, as written (leading zeros kept)',
    accepts: 'text',
  },
  {
    field: 'firYear',
    header: 'FIR Year',
    required: true,
    meaning: 'Year of the FIR',
    accepts: 'four digits; must be the year of the FIR date',
  },
];

export const COLUMNS: Record<SheetKind, readonly ColumnSpec[]> = {
  Cases: [
    {
      field: 'jurisdiction',
      header: 'Jurisdiction',
      aliases: ['Province'],
      meaning: 'Province or territory (optional for a focal person: defaults to theirs)',
      accepts: 'ISO code (PK-PB) or name',
    },
    ...CASE_KEY,
    { field: 'firDate', header: 'FIR Date', required: true, meaning: 'Date the FIR was registered', accepts: DATE },
    {
      field: 'reportingAgency',
      header: 'Reporting Agency',
      aliases: ['Agency'],
      meaning:
        "Reporting unit of the case: its code or name, or an agency (a focal person's rows are their unit's; blank: the uploader's unit, or in a national upload the police of the jurisdiction)",
      accepts: `${words(REPORTING_AGENCIES).join(', ')}, or a unit's code (POLICE-PK-PB, FIA…) or name`,
      choices: words(REPORTING_AGENCIES),
    },
    {
      field: 'offenceFamily',
      header: 'Offence Family',
      required: true,
      meaning: 'TIP, smuggling of migrants (SOM) or mixed',
      accepts: 'TIP, SOM, Mixed',
      choices: ['TIP', 'SOM', 'Mixed'],
    },
    {
      field: 'lawSections',
      header: 'Law Sections',
      aliases: ['Sections', 'Offences'],
      meaning: 'Sections cited in the FIR',
      accepts: 'comma separated, e.g. PTPA 3, PPC 371-A',
    },
    {
      field: 'traffickingType',
      header: 'Trafficking Type',
      meaning: 'Internal or transnational',
      accepts: words(TRAFFICKING_TYPES).join(', '),
      choices: words(TRAFFICKING_TYPES),
    },
    {
      field: 'exploitationForms',
      header: 'Exploitation Forms',
      aliases: ['Exploitation'],
      meaning: 'Forms of exploitation',
      accepts: `comma separated: ${labels(EXPLOITATION_FORMS).join(', ')}`,
    },
    { field: 'originCountry', header: 'Origin Country', meaning: 'Where the victims were recruited', accepts: COUNTRY },
    {
      field: 'originDistrict',
      header: 'Origin District',
      meaning: 'District of origin, in Pakistan',
      accepts: 'district name, alias or P-code',
    },
    {
      field: 'transit',
      header: 'Transit',
      aliases: ['Transit Points'],
      meaning: 'Places passed through, in order',
      accepts: 'semicolon separated, each Country or Country/District',
    },
    {
      field: 'destinationCountry',
      header: 'Destination Country',
      meaning: 'Where the victims were exploited',
      accepts: COUNTRY,
    },
    {
      field: 'destinationDistrict',
      header: 'Destination District',
      meaning: 'District of destination, in Pakistan',
      accepts: 'district name, alias or P-code',
    },
    {
      field: 'status',
      header: 'Status',
      aliases: ['Case Status'],
      required: true,
      meaning: 'Status of the case now',
      accepts: words(CASE_STATUSES).join(', '),
      choices: words(CASE_STATUSES),
    },
    {
      field: 'statusDate',
      header: 'Status Date',
      meaning: 'When the status took effect (required from Challan Submitted on; else the FIR date)',
      accepts: DATE,
    },
    {
      field: 'investigationConcludedOn',
      header: 'Investigation Concluded On',
      aliases: ['Investigation Concluded'],
      meaning: 'When the police report was filed (challan, cancellation or untraced)',
      accepts: DATE,
    },
    { field: 'remarks', header: 'Remarks', meaning: 'Notes (no names of victims)', accepts: 'text' },
  ],
  Victims: [
    ...CASE_KEY,
    {
      field: 'ref',
      header: 'Victim Ref',
      aliases: ['Victim Reference', 'Victim No', 'Victim ID'],
      required: true,
      meaning: 'Reference of the victim within the case (V1, V2…) — never a name',
      accepts: 'text',
    },
    {
      field: 'sex',
      header: 'Sex',
      aliases: ['Gender'],
      meaning: 'Sex of the victim',
      accepts: 'M/Male/Man/Boy, F/Female/Woman/Girl, T/TG/Transgender/Khawaja Sira/X, U/Unknown or blank',
      choices: ['Male', 'Female', 'Transgender', 'Unknown'],
    },
    {
      field: 'age',
      header: 'Age',
      meaning: 'Age at the time of the offence',
      accepts: 'whole years (17, 17 yrs, 17 years) or unknown',
    },
    {
      field: 'ageEstimated',
      header: 'Age Estimated',
      meaning: 'Whether the age is an estimate',
      accepts: 'Y/N, Yes/No, 1/0',
      choices: ['Yes', 'No'],
    },
    { field: 'nationality', header: 'Nationality', meaning: 'Nationality of the victim', accepts: COUNTRY },
    {
      field: 'residenceDistrict',
      header: 'Residence District',
      meaning: 'District of residence, in Pakistan',
      accepts: 'district name, alias or P-code',
    },
    { field: 'residenceCountry', header: 'Residence Country', meaning: 'Country of residence', accepts: COUNTRY },
    {
      field: 'exploitationForms',
      header: 'Exploitation Forms',
      meaning: 'Forms of exploitation suffered',
      accepts: `comma separated: ${labels(EXPLOITATION_FORMS).join(', ')}`,
    },
    {
      field: 'vulnerabilities',
      header: 'Vulnerabilities',
      meaning: 'Vulnerabilities of the victim',
      accepts: `comma separated: ${labels(VULNERABILITIES).join(', ')}`,
    },
    {
      field: 'identifiedOn',
      header: 'Identified On',
      aliases: ['Date Identified', 'Rescued On'],
      meaning: 'When the victim was identified',
      accepts: DATE,
    },
    {
      field: 'referredTo',
      header: 'Referred To',
      meaning: 'Referral',
      accepts: 'Shelter, NGO, None',
      choices: ['Shelter', 'NGO', 'None'],
    },
    {
      field: 'repatriated',
      header: 'Repatriated',
      meaning: 'Whether the victim was repatriated',
      accepts: 'Y/N, Yes/No, 1/0',
      choices: ['Yes', 'No'],
    },
    {
      field: 'cnic',
      header: 'CNIC',
      meaning: 'Only to recognise the same person again: stored as a keyed hash, never shown',
      accepts: '13 digits, XXXXX-XXXXXXX-X or without dashes',
    },
  ],
  Defendants: [
    ...CASE_KEY,
    {
      field: 'ref',
      header: 'Defendant Ref',
      aliases: ['Accused Ref', 'Defendant Reference', 'Accused No'],
      required: true,
      meaning: 'Reference of the defendant within the case (D1, D2…)',
      accepts: 'text',
    },
    {
      field: 'name',
      header: 'Name',
      aliases: ['Defendant Name', 'Accused Name'],
      meaning: 'Name (restricted: never in statistics or exports)',
      accepts: 'text',
    },
    {
      field: 'cnic',
      header: 'CNIC',
      meaning: 'Links the same person across cases; stored as a keyed hash',
      accepts: '13 digits, XXXXX-XXXXXXX-X or without dashes',
    },
    {
      field: 'sex',
      header: 'Sex',
      aliases: ['Gender'],
      meaning: 'Sex',
      accepts: 'as for victims',
      choices: ['Male', 'Female', 'Transgender', 'Unknown'],
    },
    { field: 'age', header: 'Age', meaning: 'Age at the time of the offence', accepts: 'whole years or unknown' },
    { field: 'nationality', header: 'Nationality', meaning: 'Nationality', accepts: COUNTRY },
    {
      field: 'role',
      header: 'Role',
      meaning: 'Role in the offence',
      accepts: labels(DEFENDANT_ROLES).join(', '),
      choices: labels(DEFENDANT_ROLES),
    },
    {
      field: 'custodyStatus',
      header: 'Custody Status',
      aliases: ['Custody'],
      meaning: 'Custody status now (default Suspect)',
      accepts: words(CUSTODY_STATUSES).join(', '),
      choices: words(CUSTODY_STATUSES),
    },
    {
      field: 'groupName',
      header: 'Group Name',
      aliases: ['Organised Group', 'Gang'],
      meaning: 'Organised group, if any',
      accepts: 'text',
    },
  ],
  Prosecutions: [
    ...CASE_KEY,
    {
      field: 'defendantRef',
      header: 'Defendant Ref',
      aliases: ['Accused Ref'],
      required: true,
      meaning: 'The prosecuted defendant (as on the Defendants sheet)',
      accepts: 'text',
    },
    { field: 'court', header: 'Court', meaning: 'Trial court', accepts: 'text' },
    {
      field: 'charges',
      header: 'Charges',
      aliases: ['Charged Sections'],
      meaning: 'Sections charged',
      accepts: 'comma separated, e.g. PTPA 3, PPC 371-A',
    },
    {
      field: 'prosecutionDate',
      header: 'Prosecution Date',
      aliases: ['Challan Accepted On', 'Charge Date'],
      required: true,
      meaning: 'Challan accepted / charge filed in court',
      accepts: DATE,
    },
    {
      field: 'outcome',
      header: 'Outcome',
      required: true,
      meaning: 'Outcome for this defendant',
      accepts: words(PROSECUTION_OUTCOMES).join(', '),
      choices: words(PROSECUTION_OUTCOMES),
    },
    {
      field: 'outcomeDate',
      header: 'Outcome Date',
      aliases: ['Judgment Date', 'Judgement Date'],
      meaning: 'Date of the judgment (required when decided)',
      accepts: DATE,
    },
    {
      field: 'sentenceMonths',
      header: 'Sentence Months',
      aliases: ['Imprisonment Months'],
      meaning: 'Imprisonment, in months, when convicted',
      accepts: 'whole number',
    },
    {
      field: 'finePkr',
      header: 'Fine PKR',
      aliases: ['Fine'],
      meaning: 'Fine in rupees, when convicted',
      accepts: 'whole number (1,500,000 accepted)',
    },
    {
      field: 'appealStatus',
      header: 'Appeal Status',
      aliases: ['Appeal'],
      meaning: 'Appeal against the conviction',
      accepts: words(APPEAL_STATUSES).join(', '),
      choices: words(APPEAL_STATUSES),
    },
  ],
};

export interface HeaderMatch {
  /** field → 0-based column index */
  readonly columns: Record<string, number>;
  readonly missing: string[];
  readonly duplicated: string[];
}

/** Finds each column by its header or an alias, ignoring case, spaces and punctuation. */
export function matchHeaders(kind: SheetKind, headerRow: unknown[]): HeaderMatch {
  const byKey = new Map<string, ColumnSpec>();
  for (const spec of COLUMNS[kind])
    for (const name of [spec.header, ...(spec.aliases ?? [])]) byKey.set(nameKey(name), spec);
  const columns: Record<string, number> = {};
  const duplicated: string[] = [];
  headerRow.forEach((cell, index) => {
    if (typeof cell !== 'string' && typeof cell !== 'number') return;
    const spec = byKey.get(nameKey(String(cell)));
    if (!spec) return;
    if (spec.field in columns) duplicated.push(spec.header);
    else columns[spec.field] = index;
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !(c.field in columns)).map((c) => c.header);
  return { columns, missing, duplicated };
}

/** The kind of a one-sheet CSV: the sheet whose required headers are all present (the most specific wins). */
export function inferSheetKind(headerRow: unknown[]): SheetKind | null {
  const candidates = SHEETS.filter((k) => matchHeaders(k, headerRow).missing.length === 0);
  return (
    candidates.sort(
      (a, b) => COLUMNS[b].filter((c) => c.required).length - COLUMNS[a].filter((c) => c.required).length,
    )[0] ?? null
  );
}

export function headerOf(kind: SheetKind, field: string): string {
  return COLUMNS[kind].find((c) => c.field === field)?.header ?? field;
}
