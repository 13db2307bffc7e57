/**
 * A cell as the validators see it. A formula is never evaluated: its cached value (what the
 * person sees in Excel) is the cell; one with no cached value is `{ formula: true }`. An Excel
 * error value (`#N/A`, `#REF!`…), cached or typed, is `{ error }`.
 */
export type Cell = string | number | boolean | Date | null | FormulaWithoutValue | ErrorValue;
export interface FormulaWithoutValue {
  readonly formula: true;
}
export interface ErrorValue {
  readonly error: string;
}

export interface SheetRow {
  /** The sheet's name as the file writes it (a CSV's: the sheet it was named or found to be). */
  readonly sheet: string;
  /** The spreadsheet's own row number. */
  readonly rowNumber: number;
  readonly cells: Cell[];
}
