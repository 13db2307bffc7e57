import { hasMessage, t } from '../i18n/i18n';
import { ApiError, FieldProblem } from './client';

/** The words for one field problem: the catalogue's where it has them, else the service's. */
export function fieldProblemText(p: FieldProblem): string {
  const key = `problem.${p.code}`;
  return hasMessage(key) ? t(key) : p.message;
}

/** The words for a failed request, for a banner above a form. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('app.unexpectedError', { requestId: '—' });
  if (error.status === 0) return t('app.networkError');
  const key = error.code ? `problem.${error.code}` : '';
  if (hasMessage(key)) return t(key);
  if (error.status === 403) return t('app.forbidden');
  if (error.problem?.detail) return error.problem.detail;
  return t('app.unexpectedError', { requestId: error.problem?.requestId ?? '—' });
}

/**
 * Field problems keyed by the form field they concern: `errors[].field` as the service names
 * it (`victims[2].age`, `statusDate`), each with its words.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const p of error.problem?.errors ?? []) {
    if (p.field && !(p.field in out)) out[p.field] = fieldProblemText(p);
  }
  return out;
}
