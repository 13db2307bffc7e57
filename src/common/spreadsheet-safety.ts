/**
 * Text that a spreadsheet program would run as a formula (`=`, `+`, `-`, `@`, tab, CR, LF,
 * and their full-width forms) is prefixed with a single quote, in every export.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
