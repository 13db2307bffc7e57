import type { Schemas } from '../../api/client';
import { formatNumber, hasMessage, t } from '../../i18n/i18n';

export type ImportResult = Schemas['ImportResponse'];
export type ImportProblem = Schemas['ImportErrorResponse'];
export type ImportCounts = Schemas['ImportCountsResponse'];

/** The sheets in the template's order; counts and problems are listed in it. */
export const SHEET_ORDER = ['Cases', 'Victims', 'Defendants', 'Prosecutions'] as const;

export function statusText(status: ImportResult['status']): string {
  return t(`imports.status.${status}`);
}

export function phaseText(phase: ImportResult['phase']): string {
  return t(`imports.phase.${phase}`);
}

/** A sheet's name as the reader knows it; a problem of the whole file has none. */
export function sheetText(sheet: string): string {
  if (!sheet) return t('imports.problems.wholeFile');
  const key = `imports.sheet.${sheet.toLowerCase()}`;
  return hasMessage(key) ? t(key) : sheet;
}

/** The kind of a problem, in words (for grouping and filtering). */
export function problemTypeText(code: string): string {
  const key = `imports.problemType.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** What is wrong: the service's words, or the catalogue's where those are not plain enough. */
export function problemText(problem: ImportProblem): string {
  const key = `imports.problemText.${problem.code}`;
  return hasMessage(key) ? t(key) : problem.message;
}

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return t('imports.size.bytes', { size: bytes });
  if (bytes < 1024 * 1024) return t('imports.size.kb', { size: formatNumber(Math.round(bytes / 102.4) / 10) });
  return t('imports.size.mb', { size: formatNumber(Math.round(bytes / (1024 * 102.4)) / 10) });
}
