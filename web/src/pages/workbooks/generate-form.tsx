import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { problemText } from '../../api/problems';
import { t } from '../../i18n/i18n';
import { FormError, Notice, SelectField } from '../../ui/field';
import { Audience, generateWorkbook, Workbook, WORKBOOKS_KEY } from './workbook-queries';
import { AUDIENCES, lastMonth, monthName, MONTHS, monthText, yearChoices } from './workbook-words';

/** The service's refusals of a generation, in this page's words. */
function refusalText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'EXPORT.GENERATION_LIMIT') return t('workbooks.generate.limit');
    if (error.code === 'EXPORT.FUTURE_MONTH') return t('workbooks.generate.future');
    if (error.code === 'EXPORT.AUDIENCE_FORBIDDEN') return t('workbooks.generate.forbidden');
  }
  return problemText(error);
}

/** Analysts and administrators: generate and keep a new version of a month's workbook. */
export function GenerateForm() {
  const queryClient = useQueryClient();
  const initial = lastMonth();
  const [year, setYear] = useState(initial.slice(0, 4));
  const [month, setMonth] = useState(initial.slice(5, 7));
  const [audience, setAudience] = useState<Audience>('ministry');
  const generate = useMutation({
    mutationFn: generateWorkbook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WORKBOOKS_KEY }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!generate.isPending) generate.mutate({ month: `${year}-${month}`, audience });
  };

  return (
    <section className="panel workbook-generate" aria-labelledby="workbook-generate-title">
      <h2 id="workbook-generate-title">{t('workbooks.generate.title')}</h2>
      <p>{t('workbooks.generate.intro')}</p>
      <form onSubmit={submit} aria-busy={generate.isPending}>
        <div className="filters">
          <SelectField label={t('workbooks.generate.year')} value={year} onChange={(e) => setYear(e.target.value)}>
            {yearChoices().map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('workbooks.generate.month')} value={month} onChange={(e) => setMonth(e.target.value)}>
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {monthName(m)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('workbooks.generate.audience')}
            hint={t('workbooks.generate.audienceHint')}
            value={audience}
            onChange={(e) => setAudience(e.target.value as Audience)}
          >
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {t(`workbooks.audienceOption.${a}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="actions">
          {/* aria-disabled rather than disabled: the button keeps the keyboard's focus while the workbook is made */}
          <button type="submit" className="primary" aria-disabled={generate.isPending || undefined}>
            {t('workbooks.generate.submit')}
          </button>
        </div>
      </form>
      <Outcome pending={generate.isPending} made={generate.data} error={generate.error} />
    </section>
  );
}

function Outcome({ pending, made, error }: { pending: boolean; made?: Workbook; error: unknown }) {
  if (pending) return <Notice message={t('workbooks.generate.working')} />;
  if (error) return <FormError message={refusalText(error)} />;
  if (!made) return null;
  return (
    <Notice
      message={t(`workbooks.generate.done.${made.audience}`, { version: made.version, month: monthText(made.month) })}
    />
  );
}
