/**
 * Text that a spreadsheet program would run as a formula (`=`, `+`, `-`, `@`, tab, CR, LF,
 * and their full-width forms) is prefixed with a single quote, in every export.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A CSV file may be opened with another separator than the comma it was written with
 * (LibreOffice and Excel offer semicolon, tab, space, `|` and others), and then a field
 * begins after any of them, quoted or not: `a;=10*10` is `a` and `=10*10` to a reader
 * splitting on `;`. So a formula start at the start of the text or after a separator or
 * white space, with any quotes or spaces between, is prefixed with `'` too; `+` and `-` only
 * when something follows them, as a lone sign or a dash between words (`Saddar - East`) is
 * never a formula.
 */
const FORMULA_AFTER_SEPARATOR = /(^|[,;|\s])([\s"]*)(?=[=@\uFF1D\uFF20]|[+\-\uFF0B\uFF0D][^\s])/g;

export function escapeCsvText(value: string): string {
  return escapeCell(value).replace(FORMULA_AFTER_SEPARATOR, "$1$2'");
}
