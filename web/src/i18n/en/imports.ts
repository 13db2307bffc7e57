/** Uploading workbooks and the import history. */
export const imports = {
  // the upload page
  'imports.upload.title': 'Upload cases',
  'imports.upload.intro':
    'Send your cases as an Excel workbook made from the template. The file is first checked; nothing is saved until you have seen the result and chosen to save it.',
  'imports.upload.template': 'Download the template (Excel)',
  'imports.upload.templateHint':
    'The template has a sheet for cases, victims, defendants and prosecutions, and lists your districts.',
  'imports.upload.chooseFile': 'Choose file',
  'imports.upload.fileHint': 'An Excel workbook (.xlsx) made from the template, or one of its sheets saved as CSV.',
  'imports.upload.dropHere': 'Or drag the file here and drop it.',
  'imports.upload.dropNow': 'Drop the file to check it.',
  'imports.upload.chosen': 'Chosen file: {name} ({size})',
  'imports.upload.sendingPercent': 'Sending the file: {percent}%',
  'imports.upload.checking': 'Checking the file',
  'imports.upload.saving': 'Saving the cases',
  'imports.upload.commit': 'Save the cases',
  'imports.upload.commitHint': 'The check found no problems. Saving sends the same file again and stores it.',
  'imports.upload.another': 'Upload another file',
  'imports.upload.toCases': 'See the cases',
  'imports.upload.toHistory': 'See the import history',
  'imports.upload.thisUpload': 'Open this upload in the history',
  'imports.upload.busyWaiting': 'Another upload for your province is being processed; waiting for it to finish…',

  // why a file was refused before it was checked
  'imports.refused.IMPORT.BUSY':
    'Another upload for your province is being processed right now. Wait a minute, then choose the file again.',
  'imports.refused.COMMON.PAYLOAD_TOO_LARGE':
    'The file is too large to upload. Split the cases into two or more workbooks, or remove pictures and other sheets, and upload each one.',
  'imports.refused.IMPORT.FILE_REQUIRED': 'The file is empty. Choose the workbook that holds the cases.',
  'imports.refused.IMPORT.ZIP_LIMITS':
    'The workbook is too large or too heavily compressed to be read. Split the cases into smaller workbooks and upload each one.',
  'imports.refused.format.xls':
    'This is an old-style Excel workbook (.xls). Open it in Excel or LibreOffice Calc, choose "Save as" and the type "Excel Workbook (.xlsx)", then upload the new file.',
  'imports.refused.format.encrypted':
    'This workbook is protected with a password, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, then clear it), save it and upload it again.',
  'imports.refused.format.ods':
    'This is a LibreOffice spreadsheet (.ods). Open it in LibreOffice Calc, choose "Save as" and the type "Excel 2007-365 (.xlsx)", then upload the new file.',
  'imports.refused.format.xlsb':
    'This is an Excel binary workbook (.xlsb). Open it in Excel, choose "Save as" and the type "Excel Workbook (.xlsx)", then upload the new file.',
  'imports.refused.format.numbers':
    'This is an Apple Numbers document. In Numbers choose File › Export To › Excel, then upload the .xlsx file it makes.',
  'imports.refused.format.pdf':
    'This is a PDF document, not a spreadsheet. Upload the Excel workbook the cases were typed in (use the template above).',
  'imports.refused.format.image':
    'This is a picture, not a spreadsheet. Upload the Excel workbook the cases were typed in (use the template above).',
  'imports.refused.format.word':
    'This is a word-processing document, not a spreadsheet. Copy the table into the template in Excel, save it as .xlsx and upload that file.',
  'imports.refused.format.archive':
    'This is a compressed (zip) archive. Take the workbook out of it and upload the .xlsx file itself.',
  'imports.refused.format.damaged':
    'This workbook is damaged and cannot be read (it may have been cut short while it was copied or downloaded). Open the original in Excel, save it again as "Excel Workbook (.xlsx)" and upload the saved file.',
  'imports.refused.format.unknown':
    'This file is not an Excel workbook or a CSV file. Open it in the program that made it, save it as "Excel Workbook (.xlsx)" and upload that file.',
  'imports.refused.network':
    'The file could not be sent: the connection was lost. Check your connection and choose the file again. If the file is very large, split the cases into smaller workbooks.',
  'imports.refused.other': 'The file was not accepted: {reason}',

  // an upload's result, on the upload page and the history's detail page
  'imports.status.processing': 'Being checked',
  'imports.status.validated': 'Checked: no problems',
  'imports.status.committed': 'Saved',
  'imports.status.rejected': 'Problems found, nothing saved',
  'imports.status.failed': 'Not finished (service fault)',
  'imports.status.interrupted': 'Stopped, nothing saved',
  'imports.result.validated':
    'The file has no problems. Nothing has been saved yet: check the numbers below, then save the cases.',
  'imports.result.validatedHistory':
    'The file was checked and had no problems. This was a check only: nothing was saved.',
  'imports.result.committed': 'Saved. The cases in this file are now in the database.',
  'imports.result.rejected':
    'The file has {count} problems, so nothing was saved. Correct them in your workbook, save it, and choose the corrected file again.',
  'imports.result.rejectedOne':
    'The file has 1 problem, so nothing was saved. Correct it in your workbook, save it, and choose the corrected file again.',
  'imports.result.failed':
    'The upload could not be finished because of a fault on the service’s side. Nothing was saved. Try again; if it keeps happening, tell your administrator.',
  'imports.result.interrupted':
    'The service stopped while this file was being processed. Nothing was saved. Upload the file again.',
  'imports.result.truncated':
    'Only the first {shown} of the {total} problems are listed. Correct these and check the file again to see the rest.',
  'imports.phase.queued': 'Waiting to start',
  'imports.phase.reading': 'Reading the rows',
  'imports.phase.validating': 'Checking the cases against the database',
  'imports.phase.writing': 'Saving',
  'imports.phase.done': 'Finishing',
  'imports.progress.rows': '{rows} rows read so far',
  'imports.progress.label': 'Progress of the check',

  'imports.counts.caption': 'What this file changes, sheet by sheet',
  'imports.counts.captionDryRun': 'What saving this file would change, sheet by sheet',
  'imports.counts.sheet': 'Sheet',
  'imports.counts.created': 'Created',
  'imports.counts.updated': 'Updated',
  'imports.counts.unchanged': 'Unchanged',
  'imports.sheet.cases': 'Cases',
  'imports.sheet.victims': 'Victims',
  'imports.sheet.defendants': 'Defendants',
  'imports.sheet.prosecutions': 'Prosecutions',

  'imports.report.download': 'Download your workbook with the problems marked (Excel)',
  'imports.report.hint':
    'Your own rows, with an Errors column saying what is wrong in each row and the wrong cells coloured.',
  'imports.report.expired':
    'The file is no longer kept (it is deleted after a time, and once a later upload for your province is saved), so the marked workbook cannot be downloaded any more.',

  // the problem table
  'imports.problems.title': 'Problems',
  'imports.problems.caption': 'Problems found in the file',
  'imports.problems.sheet': 'Sheet',
  'imports.problems.row': 'Row',
  'imports.problems.column': 'Column',
  'imports.problems.message': 'What is wrong',
  'imports.problems.sortBy': 'Sort by {column}',
  'imports.problems.filterSheet': 'Sheet',
  'imports.problems.filterType': 'Kind of problem',
  'imports.problems.filterText': 'Search the problems',
  'imports.problems.all': 'All',
  'imports.problems.optionCount': '{label} ({count})',
  'imports.problems.group': 'Group by kind of problem',
  'imports.problems.groupHeading': '{label}: {count}',
  'imports.problems.shown': 'Showing {shown} of {total} problems',
  'imports.problems.none': 'No problem matches the filters.',
  'imports.problems.showMore': 'Show {count} more',
  'imports.problems.wholeFile': 'Whole file',
  'imports.problems.notApplicable': '—',

  // kinds of problem (grouping and filtering)
  'imports.problemType.IMPORT.REQUIRED': 'Required cell is empty',
  'imports.problemType.IMPORT.UNKNOWN_CODE': 'Value not in the list',
  'imports.problemType.IMPORT.UNKNOWN_COUNTRY': 'Country not recognised',
  'imports.problemType.IMPORT.UNKNOWN_DISTRICT': 'District not recognised',
  'imports.problemType.IMPORT.DISTRICT_OUTSIDE_PAKISTAN': 'District given for a place outside Pakistan',
  'imports.problemType.IMPORT.DISTRICT_OUTSIDE_JURISDICTION': 'District not in your province',
  'imports.problemType.IMPORT.OTHER_JURISDICTION': 'Case of another province',
  'imports.problemType.IMPORT.OTHER_UNIT': 'Case of another reporting unit',
  'imports.problemType.IMPORT.FIR_YEAR_MISMATCH': 'FIR year does not match the FIR date',
  'imports.problemType.IMPORT.INVALID_YEAR': 'Year not valid',
  'imports.problemType.IMPORT.INVALID_DATE': 'Date not recognised',
  'imports.problemType.IMPORT.FUTURE_DATE': 'Date in the future',
  'imports.problemType.IMPORT.DATE_ORDER': 'Dates in the wrong order',
  'imports.problemType.IMPORT.INVALID_AGE': 'Age not valid',
  'imports.problemType.IMPORT.INVALID_CNIC': 'CNIC not valid',
  'imports.problemType.IMPORT.INVALID_NUMBER': 'Number not valid',
  'imports.problemType.IMPORT.INVALID_TEXT': 'Text not valid',
  'imports.problemType.IMPORT.TOO_LONG': 'Text too long',
  'imports.problemType.IMPORT.FORMULA_WITHOUT_VALUE': 'Formula without a value',
  'imports.problemType.IMPORT.ERROR_VALUE': 'Excel error value (#N/A, #REF!)',
  'imports.problemType.IMPORT.DUPLICATE_COLUMN': 'Column appears twice',
  'imports.problemType.IMPORT.DUPLICATE_KEY': 'Case appears twice',
  'imports.problemType.IMPORT.DUPLICATE_REF': 'Victim, defendant or prosecution appears twice',
  'imports.problemType.IMPORT.UNKNOWN_CASE': 'Case not found',
  'imports.problemType.IMPORT.UNKNOWN_DEFENDANT': 'Defendant not found',
  'imports.problemType.IMPORT.OUTCOME_DATE_REQUIRED': 'Judgment date missing',
  'imports.problemType.IMPORT.CONCLUSION_REQUIRED': 'Investigation end date missing',
  'imports.problemType.IMPORT.INCONSISTENT_STATUS': 'Status does not match the prosecutions',
  'imports.problemType.IMPORT.ILLEGAL_TRANSITION': 'Status change not allowed',
  'imports.problemType.IMPORT.MISSING_COLUMN': 'Required column missing',
  'imports.problemType.IMPORT.UNKNOWN_SHEET': 'Not a sheet of the template',
  'imports.problemType.IMPORT.NO_SHEETS': 'No sheet of the template',
  'imports.problemType.IMPORT.NO_ROWS': 'No rows',
  'imports.problemType.IMPORT.READ_LIMITS': 'File too large to read',
  'imports.problemType.IMPORT.TOO_MANY_ROWS': 'Too many rows',
  'imports.problemType.IMPORT.TOO_MANY_COLUMNS': 'Too many columns',
  'imports.problemType.IMPORT.CELL_TOO_LONG': 'Cell too long',
  'imports.problemType.IMPORT.UNREADABLE_WORKBOOK': 'Workbook damaged',
  'imports.problemType.IMPORT.INTERRUPTED': 'Upload stopped',
  'imports.problemType.IMPORT.FAILED': 'Upload failed',
  'imports.problemType.IMPORT.MONTH_LOCKED': 'Would change an approved month',
  'imports.problemType.IMPORT.ZIP_LIMITS': 'Workbook too large or too compressed',
  // the service's words where they are not plain enough for the screen
  'imports.problemText.IMPORT.UNKNOWN_SHEET':
    'This file is not an Excel workbook: it holds plain text, and none of its first rows has the column headings of a sheet of the template. Download the template, copy the cases into it and upload that file.',

  // the import history
  'imports.history.title': 'Import history',
  'imports.history.intro': 'Every file sent for checking or saving, newest first. Open one to see its result again.',
  'imports.history.caption': 'Uploaded files',
  'imports.history.when': 'When',
  'imports.history.file': 'File',
  'imports.history.who': 'Uploaded by',
  'imports.history.unit': 'Reporting unit',
  'imports.history.national': 'National',
  'imports.history.kind': 'Kind',
  'imports.history.kindCheck': 'Check only',
  'imports.history.kindSave': 'Save',
  'imports.history.result': 'Result',
  'imports.history.newCases': 'New cases',
  'imports.history.updatedCases': 'Updated cases',
  'imports.history.problems': 'Problems',
  'imports.history.empty': 'No files have been uploaded yet.',
  'imports.history.upload': 'Upload a file',

  // one upload
  'imports.detail.title': 'Upload of {name}',
  'imports.detail.file': 'File',
  'imports.detail.size': 'Size',
  'imports.detail.who': 'Uploaded by',
  'imports.detail.when': 'Uploaded',
  'imports.detail.finished': 'Finished',
  'imports.detail.kind': 'Kind',
  'imports.detail.result': 'Result',
  'imports.detail.rows': 'Rows read',
  'imports.detail.back': 'Back to the import history',

  'imports.size.bytes': '{size} bytes',
  'imports.size.kb': '{size} KB',
  'imports.size.mb': '{size} MB',
} as const;
