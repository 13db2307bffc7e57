import { maskCnicField, maskCnics } from 'src/common/cnic';
import { COLUMNS, SHEETS } from 'src/imports/columns';
import { Cell } from 'src/imports/reading/sheet-rows';
import { nameKey } from 'src/reference/name-key';

/** Every header (or alias) of a CNIC column on any sheet, as matchHeaders compares them. */
const CNIC_HEADERS = new Set(
  SHEETS.flatMap((kind) =>
    COLUMNS[kind].filter((c) => c.field === 'cnic').flatMap((c) => [c.header, ...(c.aliases ?? [])]),
  ).map(nameKey),
);

/** The columns of a sheet that hold CNICs, by header, whatever the sheet and however often the column repeats. */
export function cnicColumns(header: Cell[]): Set<number> {
  const columns = new Set<number>();
  header.forEach((cell, index) => {
    if ((typeof cell === 'string' || typeof cell === 'number') && CNIC_HEADERS.has(nameKey(String(cell))))
      columns.add(index);
  });
  return columns;
}

/**
 * A cell as the error report shows it: a CNIC column's value masked (`35202-*******-1`, or
 * every digit hidden when it is not one CNIC), and a CNIC written in any other cell too. The
 * other personal fields (a defendant's name) are kept: the report goes only to those who may
 * read the batch's jurisdiction, and they need the row to fix it.
 */
export function maskedCell(cell: Cell, inCnicColumn: boolean): Cell {
  const mask = inCnicColumn ? maskCnicField : maskCnics;
  if (typeof cell === 'string') return mask(cell);
  // a CNIC typed without dashes is a number to a spreadsheet
  if (typeof cell === 'number' && (inCnicColumn || Number.isInteger(cell))) {
    const masked = mask(String(cell));
    return masked === String(cell) ? cell : masked;
  }
  return cell;
}

/** A sheet's name with any CNIC in it masked, by `#`: a sheet name cannot hold `*`. */
export function maskedSheetName(name: string): string {
  return maskCnics(name).replace(/\*/g, '#');
}
