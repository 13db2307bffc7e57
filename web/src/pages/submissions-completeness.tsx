import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { t } from '../i18n/i18n';
import { FormError, TextField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { StatusMark } from './submissions/checks-list';
import { Completeness, completenessQuery, Submission, submissionsQuery } from './submissions/queries';
import { addMonths, monthsBetween, monthText, rateText, statusText } from './submissions/words';
import { lastMonth } from './workbooks/workbook-words';
import './submissions/submissions.css';

const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
/** The widest period the grid shows at once. */
const MAX_MONTHS = 36;

/** The period from the address (`?from=2026-01&to=2026-06`), else the six months up to last month. */
function periodFrom(params: URLSearchParams): { from: string; to: string; valid: boolean } {
  const to = params.get('to') ?? lastMonth();
  const from = params.get('from') ?? addMonths(to, -5);
  const span = MONTH.test(from) && MONTH.test(to) ? monthsBetween(from, to).length : 0;
  return { from, to, valid: span > 0 && span <= MAX_MONTHS };
}

/** Analysts and administrators: which unit has submitted which month, and the reporting rates. */
export default function SubmissionsCompletenessPage() {
  usePageTitle(t('submissions.completeness.title'));
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const grid = useQuery({ ...completenessQuery(period.from, period.to), enabled: period.valid });
  const list = useQuery({ ...submissionsQuery(period.from, period.to), enabled: period.valid });

  const show = (event: FormEvent) => {
    event.preventDefault();
    setParams({ from, to }, { replace: true });
  };

  return (
    <section>
      <h1>{t('submissions.completeness.title')}</h1>
      <p>{t('submissions.completeness.intro')}</p>
      <form className="filters" aria-label={t('submissions.completeness.period')} onSubmit={show}>
        <TextField
          type="month"
          label={t('submissions.completeness.from')}
          hint={t('submissions.completeness.monthHint')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          type="month"
          label={t('submissions.completeness.to')}
          hint={t('submissions.completeness.monthHint')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <div className="actions">
          <button type="submit">{t('submissions.completeness.show')}</button>
        </div>
      </form>
      {!period.valid ? (
        <FormError message={t('submissions.completeness.badPeriod')} />
      ) : (
        <QueryState query={grid}>
          {() => (
            <QueryState query={list}>
              {() => <Grid data={grid.data!} submissions={list.data!} from={period.from} to={period.to} />}
            </QueryState>
          )}
        </QueryState>
      )}
    </section>
  );
}

function Grid({
  data,
  submissions,
  from,
  to,
}: {
  data: Completeness;
  submissions: Submission[];
  from: string;
  to: string;
}) {
  if (data.units.length === 0) return <p>{t('submissions.completeness.none')}</p>;
  const ids = new Map(submissions.map((s) => [`${s.reportingUnit}/${s.month}`, s.id]));
  const { national } = data;
  return (
    <>
      <p role="status">
        {t('submissions.completeness.nationalRates', {
          rate: rateText(national.reportingRate),
          reported: national.reported,
          expected: national.expected,
          onTime: rateText(national.onTimeRate),
          onTimeCount: national.onTime,
        })}
      </p>
      <p className="hint">{t('submissions.completeness.legend')}</p>
      <div
        className="table-wrap"
        tabIndex={0}
        role="region"
        aria-label={t('submissions.completeness.caption', { from: monthText(from), to: monthText(to) })}
      >
        <table className="completeness-grid">
          <caption className="visually-hidden">
            {t('submissions.completeness.caption', { from: monthText(from), to: monthText(to) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('submissions.completeness.colUnit')}</th>
              {data.months.map((m) => (
                <th scope="col" key={m}>
                  {monthText(m)}
                </th>
              ))}
              <th scope="col" className="number">
                {t('submissions.completeness.colRate')}
              </th>
              <th scope="col" className="number">
                {t('submissions.completeness.colOnTime')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.units.map((unit) => (
              <tr key={unit.reportingUnit}>
                <th scope="row">{unit.name}</th>
                {unit.months.map((cell) => {
                  const id = ids.get(`${unit.reportingUnit}/${cell.month}`);
                  const text = statusText(cell.status, true);
                  return (
                    <td key={cell.month}>
                      {id ? (
                        <Link to={`/submissions/${id}`} className="cell-link">
                          <StatusMark status={cell.status} late={cell.late} nilReturn={cell.nilReturn} text={text} />
                        </Link>
                      ) : (
                        <StatusMark status={cell.status} late={cell.late} nilReturn={cell.nilReturn} text={text} />
                      )}
                    </td>
                  );
                })}
                <td className="number">{rateText(unit.reportingRate)}</td>
                <td className="number">{rateText(unit.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('submissions.completeness.national')}</th>
              <td colSpan={data.months.length} />
              <td className="number">{rateText(national.reportingRate)}</td>
              <td className="number">{rateText(national.onTimeRate)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
