/** International reporting: UNODC's GLOTIP questionnaire, the UNTOC review, IOM's HTCDS. */
export const international = {
  'nav.international': 'International reporting',
  'international.title': 'International reporting',
  'international.intro':
    'Pakistan’s yearly figures for UNODC’s questionnaire (GLOTIP) and the UNTOC review, counted from the case data by the Rule 42 rules. The figures are checked before a file leaves: a hard finding must be put right in the data first; warnings are written on the file’s cover.',
  'international.year': 'Year',
  'international.checks': 'Checks of {year}',
  'international.checksCaption': 'Findings of the checks of {year}, hard findings first',
  'international.exportable': 'No hard finding: the files of this year can be made.',
  'international.blocked':
    '{count} hard finding(s): the files of this year cannot be made until the data is put right.',
  'international.provisional':
    'Provisional: some months of this year are not approved by every reporting unit, or have not ended. The files say so on their cover.',
  'international.notEnded': '{count} month(s) of the year have not ended.',
  'international.provisionalMonths': '{months}: not approved by {units}',
  'international.noFindings': 'The checks found nothing.',
  'international.colSeverity': 'Finding',
  'international.colIndicator': 'Figure',
  'international.colWhy': 'Why',
  'international.severity.hard': 'Hard (blocks the files)',
  'international.severity.warning': 'Warning',
  'international.wholeYear': 'The whole year',
  'international.files': 'Files',
  'international.suppress': 'Suppress small counts (for publication)',
  'international.suppressHint':
    'UNODC suppresses small counts itself when it publishes: the questionnaire is normally sent with exact counts.',
  'international.glotipCsv': 'Download GLOTIP (CSV)',
  'international.glotipXlsx': 'Download GLOTIP (Excel)',
  'international.untoc': 'Download UNTOC tables (Excel)',
  'international.htcds': 'Victim records (IOM HTCDS)',
  'international.htcdsIntro':
    'The victims identified in {year}, one row each, in IOM’s Human Trafficking Case Data Standard: no name, CNIC, date or free text, ages in bands, the same pseudonymous id in every file. Rows that would stand out among fewer than k others are coarsened or withheld. Give a partner one file per year.',
  'international.htcdsXlsx': 'Download HTCDS (Excel)',
  'international.htcdsCsv': 'Download HTCDS (CSV)',
  'international.htcdsDone':
    'HTCDS downloaded: {rows} victim record(s), {coarsened} coarsened and {withheld} withheld so that each combination is shared by at least {k}.',
  'international.preparing': 'Preparing {file}…',
  'international.downloaded': '{file} downloaded.',
} as const;
