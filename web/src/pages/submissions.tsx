import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { problemText } from '../api/problems';
import { t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { FormError, Notice, SelectField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { TextAreaField } from './cases/fields';
import { ChecksList, StatusMark } from './submissions/checks-list';
import { completenessQuery, Submission, submissionsQuery, SUBMISSIONS_KEY, submitMonth } from './submissions/queries';
import { addMonths, monthText, rateText, statusText } from './submissions/words';
import { lastMonth } from './workbooks/workbook-words';
import './submissions/submissions.css';

/** The service's refusals of a submission, in the catalogue's words. */
function refusalText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'SUBMISSION.NIL_RETURN_WITH_CASES') {
    const cases = (error.problem as { cases?: unknown } | null)?.cases;
    if (typeof cases === 'number') return t('submissions.form.nilWithCases', { count: cases });
  }
  return problemText(error);
}

/**
 * A focal person's monthly reporting: the last 12 ended months of their unit with each one's
 * state, and the form that submits a month and shows the checks the service answered.
 */
export default function MySubmissionsPage() {
  usePageTitle(t('submissions.mine.title'));
  const me = useMe();
  const to = lastMonth();
  const from = addMonths(to, -11);
  const completeness = useQuery(completenessQuery(from, to));
  const list = useQuery(submissionsQuery(from, to));
  const unit = me.data?.reportingUnit;

  return (
    <section>
      <h1>{t('submissions.mine.title')}</h1>
      <p>{t('submissions.mine.intro')}</p>
      {!unit ? (
        <p>{t('submissions.mine.noUnit')}</p>
      ) : (
        <QueryState query={completeness}>
          {() => (
            <QueryState query={list}>
              {() => {
                const row = completeness.data!.units.find((u) => u.reportingUnit === unit.code);
                if (!row) return <p>{t('submissions.mine.noUnit')}</p>;
                const byMonth = new Map((list.data ?? []).map((s) => [s.month, s]));
                const months = [...row.months].reverse();
                return (
                  <>
                    <SubmitForm
                      months={months.filter((m) => m.status !== 'approved').map((m) => m.month)}
                      byMonth={byMonth}
                    />
                    <h2 id="months-title">{t('submissions.mine.months')}</h2>
                    <p>
                      {t('submissions.mine.rates', {
                        rate: rateText(row.reportingRate),
                        onTime: rateText(row.onTimeRate),
                      })}
                    </p>
                    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="months-title">
                      <table>
                        <caption className="visually-hidden">
                          {t('submissions.mine.caption', { unit: unit.name })}
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('submissions.mine.colMonth')}</th>
                            <th scope="col">{t('submissions.mine.colStatus')}</th>
                            <th scope="col">{t('submissions.mine.colComment')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {months.map((cell) => {
                            const s = byMonth.get(cell.month);
                            return (
                              <tr key={cell.month}>
                                <th scope="row">{monthText(cell.month)}</th>
                                <td>
                                  <StatusMark
                                    status={cell.status}
                                    late={cell.late}
                                    nilReturn={cell.nilReturn}
                                    text={statusText(cell.status)}
                                  />
                                </td>
                                <td>{s?.comment ?? ''}</td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </div>
                  </>
                );
              }}
            </QueryState>
          )}
        </QueryState>
      )}
    </section>
  );
}

function SubmitForm({ months, byMonth }: { months: string[]; byMonth: Map<string, Submission> }) {
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(months[0] ?? '');
  const [nilReturn, setNilReturn] = useState(false);
  const [note, setNote] = useState('');
  const submit = useMutation({
    mutationFn: submitMonth,
    onSuccess: () => {
      setNote('');
      setNilReturn(false);
      return queryClient.invalidateQueries({ queryKey: SUBMISSIONS_KEY });
    },
  });
  const chosen = months.includes(month) ? month : (months[0] ?? '');
  const previous = byMonth.get(chosen);

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!submit.isPending && chosen) submit.mutate({ month: chosen, nilReturn, note: note.trim() || undefined });
  };

  return (
    <section className="panel submission-form" aria-labelledby="submit-title">
      <h2 id="submit-title">{t('submissions.form.title')}</h2>
      {months.length === 0 ? (
        <p>{t('submissions.form.nothing')}</p>
      ) : (
        <form onSubmit={send} aria-busy={submit.isPending}>
          <SelectField
            label={t('submissions.form.month')}
            hint={t('submissions.form.monthHint')}
            value={chosen}
            onChange={(e) => setMonth(e.target.value)}
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {monthText(m)}
                {byMonth.get(m) ? ` (${statusText(byMonth.get(m)!.status, true)})` : ''}
              </option>
            ))}
          </SelectField>
          {previous?.status === 'returned' && previous.comment && (
            <p className="warning">{t('submissions.form.returnedComment', { comment: previous.comment })}</p>
          )}
          <div className="checkbox-field">
            <input
              id="nil-return"
              type="checkbox"
              checked={nilReturn}
              onChange={(e) => setNilReturn(e.target.checked)}
            />
            <label htmlFor="nil-return">{t('submissions.form.nilReturn')}</label>
          </div>
          <TextAreaField
            label={t('submissions.form.note')}
            hint={t('submissions.form.noteHint')}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="actions">
            <button type="submit" className="primary" aria-disabled={submit.isPending || undefined}>
              {t('submissions.form.submit')}
            </button>
          </div>
        </form>
      )}
      {submit.isPending && <Notice message={t('submissions.form.working')} />}
      {submit.error && <FormError message={refusalText(submit.error)} />}
      {submit.data && !submit.isPending && (
        <>
          <Notice
            message={t(submit.data.late ? 'submissions.form.doneLate' : 'submissions.form.done', {
              month: monthText(submit.data.month),
            })}
          />
          <ChecksList checks={submit.data.checks} headingLevel={3} />
        </>
      )}
    </section>
  );
}
