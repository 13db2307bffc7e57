import { Cell } from 'src/imports/reading/sheet-rows';
import { nameKey } from 'src/reference/name-key';
import { LAW_SECTIONS } from 'src/reference/code-lists';

/**
 * How people write values in provincial spreadsheets, and what each means. Each parser
 * returns the value or throws a CellProblem whose message says what was expected — never
 * what was found, which may be personal data.
 */
export class CellProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function text(cell: Cell, maxLength = 500): string | null {
  if (cell === null) return null;
  if (typeof cell === 'object' && !(cell instanceof Date)) throw new CellProblem('IMPORT.FORMULA', 'formulas are not accepted; paste the value instead');
  if (cell instanceof Date) throw new CellProblem('IMPORT.INVALID_TEXT', 'expected text, found a date');
  // numbers typed into identifier columns keep their digits exactly (no "123.0")
  const value = (typeof cell === 'number' ? String(cell) : String(cell)).trim();
  if (value === '') return null;
  if (value.length > maxLength) throw new CellProblem('IMPORT.TOO_LONG', `at most ${maxLength} characters`);
  return value;
}

const SEX: Record<string, 'male' | 'female' | 'transgender' | 'unknown'> = {};
for (const w of ['m', 'male', 'man', 'boy']) SEX[w] = 'male';
for (const w of ['f', 'female', 'woman', 'girl']) SEX[w] = 'female';
for (const w of ['t', 'tg', 'transgender', 'khawajasira', 'khwajasira', 'x']) SEX[w] = 'transgender';
for (const w of ['u', 'unknown', 'notknown']) SEX[w] = 'unknown';

export function sex(cell: Cell): 'male' | 'female' | 'transgender' | 'unknown' {
  const value = text(cell);
  if (value === null) return 'unknown';
  const found = SEX[nameKey(value)];
  if (!found) throw new CellProblem('IMPORT.UNKNOWN_CODE', 'expected M/Male/Man/Boy, F/Female/Woman/Girl, T/TG/Transgender/Khawaja Sira/X or U/Unknown');
  return found;
}

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoOf(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Real Excel dates (either date system), serial numbers, or text written day first or ISO. */
export function date(cell: Cell, date1904: boolean): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) throw new CellProblem('IMPORT.INVALID_DATE', 'expected a date');
    return cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2958465) throw new CellProblem('IMPORT.INVALID_DATE', 'expected a date');
    const epoch = date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
    return new Date(epoch + Math.floor(cell) * 86400000).toISOString().slice(0, 10);
  }
  const value = text(cell);
  if (value === null) return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  let iso: string | null = null;
  if (m) iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value))) iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!iso) throw new CellProblem('IMPORT.INVALID_DATE', 'expected a date: an Excel date, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD');
  return iso;
}

export function age(cell: Cell): number | null {
  if (cell === null) return null;
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const value = text(cell);
    if (value === null || /^(unknown|unk|n\/?a|-)$/i.test(value)) return null;
    const m = /^(\d{1,3})\s*(y|yr|yrs|year|years)?\.?$/i.exec(value);
    if (!m) throw new CellProblem('IMPORT.INVALID_AGE', 'expected an age in whole years (17, 17 yrs) or unknown');
    n = Number(m[1]);
  }
  if (!Number.isInteger(n) || n < 0 || n > 120) throw new CellProblem('IMPORT.INVALID_AGE', 'an age is a whole number from 0 to 120');
  return n;
}

export function yesNo(cell: Cell): boolean | null {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell;
  const value = nameKey(text(cell) ?? '');
  if (value === '') return null;
  if (['y', 'yes', '1', 'true'].includes(value)) return true;
  if (['n', 'no', '0', 'false'].includes(value)) return false;
  throw new CellProblem('IMPORT.UNKNOWN_CODE', 'expected Y/N, Yes/No or 1/0');
}

/** A whole number ≥ 0, written plainly or with thousands separators (1,500,000). */
export function count(cell: Cell, max: number): number | null {
  if (cell === null) return null;
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const value = text(cell);
    if (value === null) return null;
    n = /^[\d,]+$/.test(value) ? Number(value.replace(/,/g, '')) : NaN;
  }
  if (!Number.isInteger(n) || n < 0 || n > max) throw new CellProblem('IMPORT.INVALID_NUMBER', `expected a whole number from 0 to ${max}`);
  return n;
}

type CodeItems<T extends string> = ReadonlyArray<T | { code: T; label: string }>;
const CODE_KEYS = new WeakMap<CodeItems<string>, Map<string, string>>();

/** code and label keys of a list, built once per list */
function codeKeys<T extends string>(items: CodeItems<T>): Map<string, T> {
  let keys = CODE_KEYS.get(items);
  if (!keys) {
    keys = new Map();
    for (const item of items) {
      const c = typeof item === 'string' ? item : item.code;
      if (typeof item !== 'string') keys.set(nameKey(item.label), c);
      keys.set(nameKey(c), c);
    }
    CODE_KEYS.set(items, keys);
  }
  return keys as Map<string, T>;
}

/** A coded value by its code or label, any case, spaces, underscores and hyphens alike. */
export function code<T extends string>(cell: Cell, items: CodeItems<T>, what: string): T | null {
  const value = text(cell);
  if (value === null) return null;
  const found = codeKeys(items).get(nameKey(value));
  if (!found) throw new CellProblem('IMPORT.UNKNOWN_CODE', `not a known ${what}`);
  return found;
}

export function codeList<T extends string>(cell: Cell, items: CodeItems<T>, what: string): T[] {
  const value = text(cell, 2000);
  if (value === null) return [];
  const out: T[] = [];
  for (const part of value.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const found = code(part, items, what)!;
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

const SECTION_BY_KEY = new Map(LAW_SECTIONS.map((s) => [nameKey(s.code), s.code]));

/** `PTPA 3, PPC 371-A` → `PTPA-3`, `PPC-371A`. */
export function lawSections(cell: Cell): string[] {
  const value = text(cell, 2000);
  if (value === null) return [];
  const out: string[] = [];
  for (const part of value.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const found = SECTION_BY_KEY.get(nameKey(part.replace(/^(s|sec|section)\.?\s*/i, '')));
    if (!found) throw new CellProblem('IMPORT.UNKNOWN_CODE', 'not a known law section (e.g. PTPA 3, PPC 371-A)');
    if (!out.includes(found)) out.push(found);
  }
  return out;
}
