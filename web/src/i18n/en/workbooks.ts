/** The monthly workbooks for ministries. */
export const workbooks = {
  'workbooks.title': 'Monthly workbooks',
  'workbooks.intro':
    'Each month’s trafficking-in-persons figures for Pakistan, as an Excel workbook. Download the version you need; every version made is kept.',
  'workbooks.introViewer':
    'Each month’s trafficking-in-persons figures for Pakistan from the National Police Bureau, as an Excel workbook. They are totals only: no names and no case records.',

  'workbooks.month.01': 'January',
  'workbooks.month.02': 'February',
  'workbooks.month.03': 'March',
  'workbooks.month.04': 'April',
  'workbooks.month.05': 'May',
  'workbooks.month.06': 'June',
  'workbooks.month.07': 'July',
  'workbooks.month.08': 'August',
  'workbooks.month.09': 'September',
  'workbooks.month.10': 'October',
  'workbooks.month.11': 'November',
  'workbooks.month.12': 'December',
  'workbooks.monthYear': '{month} {year}',

  'workbooks.audience.ministry': 'Ministry',
  'workbooks.audience.internal': 'Internal (NPB only)',
  'workbooks.audienceOption.ministry': 'Ministry: small numbers protected',
  'workbooks.audienceOption.internal': 'Internal: exact numbers, NPB only',

  'workbooks.generate.title': 'Generate a workbook',
  'workbooks.generate.intro':
    'Generate a month’s workbook from the cases as they are now. If the month already has one, a new version is added and the earlier ones are kept. Each month’s two workbooks are also generated on the 1st of the next month.',
  'workbooks.generate.year': 'Year',
  'workbooks.generate.month': 'Month',
  'workbooks.generate.audience': 'For whom',
  'workbooks.generate.audienceHint': 'Ministry viewers can download ministry workbooks only.',
  'workbooks.generate.submit': 'Generate workbook',
  'workbooks.generate.working': 'Generating the workbook… this can take up to a minute.',
  'workbooks.generate.done.ministry':
    'Version {version} of the ministry workbook for {month} is ready. It is in the list below, and ministry viewers can download it now.',
  'workbooks.generate.done.internal':
    'Version {version} of the internal workbook for {month} is ready. It is in the list below.',
  'workbooks.generate.limit':
    'You have generated as many workbooks as allowed in one hour. Download a version already made, or try again later.',
  'workbooks.generate.future': 'That month has not begun yet. Choose this month or an earlier one.',
  'workbooks.generate.forbidden': 'Your role cannot generate this workbook.',

  'workbooks.list.title': 'Workbooks',
  'workbooks.list.filters': 'Show workbooks',
  'workbooks.list.year': 'Year',
  'workbooks.list.anyYear': 'All years',
  'workbooks.list.month': 'Month',
  'workbooks.list.anyMonth': 'All months',
  'workbooks.list.audience': 'For whom',
  'workbooks.list.anyAudience': 'Ministry and internal',
  'workbooks.list.count': '{count} workbooks',
  'workbooks.list.countOne': '1 workbook',
  'workbooks.list.caption': 'Workbooks by month, newest first',
  'workbooks.list.empty': 'No workbook has been generated yet.',
  'workbooks.list.emptyViewer':
    'No workbook has been published yet. The National Police Bureau publishes each month’s workbook early in the following month.',
  'workbooks.list.noMatch': 'No workbook matches these choices.',
  'workbooks.list.colWorkbook': 'Workbook',
  'workbooks.list.colGenerated': 'Generated',
  'workbooks.list.colDownloads': 'Downloads',
  'workbooks.list.colFile': 'File',
  'workbooks.list.version': 'Version {version}',
  'workbooks.list.versionLatest': 'Version {version} (latest)',
  'workbooks.list.audienceVersion': '{audience}, version {version}',
  'workbooks.list.audienceVersionLatest': '{audience}, version {version} (latest)',
  'workbooks.list.by': 'by {email}',
  'workbooks.list.scheduled': 'automatically',
  'workbooks.list.notDownloaded': 'Not downloaded yet',
  'workbooks.list.downloadedOnce': 'Downloaded once',
  'workbooks.list.downloadedTimes': 'Downloaded {count} times',
  'workbooks.list.historyLabel': 'Downloads of {workbook}',
  'workbooks.list.downloadBy': '{email}, {when}',
  'workbooks.list.download': 'Download',
  'workbooks.list.downloadName': '{month}, {audience}, version {version}',
  'workbooks.list.downloading': 'Downloading…',
  'workbooks.list.size': 'Excel, {size} KB',
  'workbooks.list.downloadFailed': 'The workbook could not be downloaded. {reason}',
  'workbooks.list.gone': 'It is no longer available.',
  'workbooks.list.cap': 'Only the newest 500 are shown: choose a year to see older ones.',

  'workbooks.contents.title': 'What a workbook contains',
  'workbooks.contents.intro':
    'Each workbook holds the month’s figures as totals, counted as Rule 42 of the Prevention of Trafficking in Persons Rules 2023 asks. It has these sheets:',
  'workbooks.contents.cover':
    'Cover: the legal basis, the month, how each figure is counted, and what the marks in the tables mean.',
  'workbooks.contents.summary':
    'Summary: cases registered and investigated, persons and cases prosecuted and convicted, victims identified and suspects, by province or region, with the national total.',
  'workbooks.contents.status':
    'Case status: every case registered by the end of the month, by its status on the last day of the month.',
  'workbooks.contents.people':
    'Victims and Defendants: the people of the cases prosecuted in the month, by sex, age band and nationality.',
  'workbooks.contents.forms': 'Exploitation forms: what the victims were trafficked for.',
  'workbooks.contents.routes': 'Routes: the 25 most frequent routes, from where to where.',
  'workbooks.contents.trends': 'Trends: the national figures of the 12 months up to and including this one.',
  'workbooks.contents.internal':
    'Internal workbooks have exact numbers and also list the status of every case active in the month. They stay within the National Police Bureau.',
  'workbooks.contents.marksTitle': 'Small numbers in ministry workbooks',
  'workbooks.contents.marksIntro':
    'So that no victim or suspect can be recognised, small numbers are not shown. Totals still include every hidden number.',
  'workbooks.contents.markSmallSign': '<5',
  'workbooks.contents.markSmall': 'A number from 1 to 4.',
  'workbooks.contents.markHiddenSign': 'x',
  'workbooks.contents.markHidden':
    'A number of 5 or more, hidden so that a number shown as <5 cannot be worked out from the totals.',
  'workbooks.contents.markWithheldSign': '..',
  'workbooks.contents.markWithheld': 'Not shown, and nothing is said about it.',
  'workbooks.contents.markZeroSign': '0',
  'workbooks.contents.markZero': 'None. Zeros are always shown.',
} as const;
