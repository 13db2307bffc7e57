import { ApiError } from '../../api/client';
import { fieldProblemText, problemText } from '../../api/problems';
import { MessageKey, t } from '../../i18n/i18n';

/** The words for a field's problem codes (`COMMON.MATCHES`), `'*'` for any other code of that field. */
export type FieldWords = Record<string, Partial<Record<string, MessageKey>>>;

/** A top-level problem code that concerns one field (`USER.ALREADY_EXISTS` → email), or the whole form. */
export type CodeWords = Partial<Record<string, { field?: string; key: MessageKey }>>;

export interface Refusal {
  /** Each field's problem in words, to show at the field. */
  fields: Record<string, string>;
  /** A problem with no field of its own, to show above the form. */
  form: string | null;
}

/**
 * What the service refused, in this area's words: each field problem at its field, a problem
 * code that concerns one field at that field, anything else above the form.
 */
export function refusal(error: unknown, fieldWords: FieldWords = {}, codeWords: CodeWords = {}): Refusal {
  const fields: Record<string, string> = {};
  if (!error) return { fields, form: null };
  if (!(error instanceof ApiError)) return { fields, form: problemText(error) };
  for (const p of error.problem?.errors ?? []) {
    if (!p.field || p.field in fields) continue;
    const words = fieldWords[p.field];
    const key = words?.[p.code] ?? words?.['*'];
    fields[p.field] = key ? t(key) : fieldProblemText(p);
  }
  const own = error.code ? codeWords[error.code] : undefined;
  if (own?.field) {
    fields[own.field] ??= t(own.key);
    return { fields, form: null };
  }
  if (own) return { fields, form: t(own.key) };
  return { fields, form: Object.keys(fields).length ? null : problemText(error) };
}
