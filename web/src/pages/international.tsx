import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { problemText } from '../api/problems';
import { t } from '../i18n/i18n';
import { FormError, Notice, SelectField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import {
  checksQuery,
  downloadGlotip,
  downloadHtcds,
  downloadUntoc,
  HtcdsCounts,
  InternationalChecks,
} from './international/queries';
import { addMonths } from './submissions/words';
import { monthText, thisMonth } from './workbooks/workbook-words';
import './international/international.css';

/** The first year the page offers (the database's earliest records). */
const FIRST_YEAR = 2010;

/** This year back to the first year offered, newest first. */
function years(): number[] {
  const current = Number(thisMonth().slice(0, 4));
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}

/** Runs of consecutive months not approved by the same units: `[first, last, units]`. */
function monthRuns(months: InternationalChecks['provisionalMonths']): Array<[string, string, string[]]> {
  const runs: Array<[string, string, string[]]> = [];
  for (const { month, units } of months) {
    const last = runs[runs.length - 1];
    if (last && last[2].join() === units.join() && addMonths(last[1], 1) === month) last[1] = month;
    else runs.push([month, month, units]);
  }
  return runs;
}

/**
 * International reporting: a year's figures for UNODC's GLOTIP questionnaire and the UNTOC
 * review, with the checks they pass before they leave; hard checks block the files.
 */
export default function InternationalPage() {
  usePageTitle(t('international.title'));
  const [year, setYear] = useState(Number(thisMonth().slice(0, 4)) - 1);
  const checks = useQuery(checksQuery(year));
  return (
    <section>
      <h1>{t('international.title')}</h1>
      <p>{t('international.intro')}</p>
      <SelectField
        className="year-select"
        label={t('international.year')}
        value={year}
        onChange={(e) => setYear(Number(e.target.value))}
      >
        {years().map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </SelectField>
      <QueryState query={checks}>{() => <YearFigures year={year} checks={checks.data!} />}</QueryState>
      <VictimRecords year={year} />
    </section>
  );
}

function YearFigures({ year, checks }: { year: number; checks: InternationalChecks }) {
  const [suppress, setSuppress] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const hard = checks.checks.filter((c) => c.severity === 'hard').length;
  // the provisional months have a box of their own above the findings
  const findings = checks.checks.filter((c) => c.code !== 'PROVISIONAL_MONTHS');

  const run = async (name: string, download: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    setDone(null);
    try {
      await download();
      setDone(t('international.downloaded', { file: name }));
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <h2 id="checks-title">{t('international.checks', { year: String(year) })}</h2>
      <p className={checks.exportable ? 'state-ok' : 'state-blocked'} role="status">
        {checks.exportable ? t('international.exportable') : t('international.blocked', { count: hard })}
      </p>
      {checks.provisional && (
        <div className="warning">
          <p>{t('international.provisional')}</p>
          {checks.monthsNotEnded > 0 && <p>{t('international.notEnded', { count: checks.monthsNotEnded })}</p>}
          {checks.provisionalMonths.length > 0 && (
            <ul className="provisional-months">
              {monthRuns(checks.provisionalMonths).map(([first, last, units]) => (
                <li key={first}>
                  {t('international.provisionalMonths', {
                    months: first === last ? monthText(first) : `${monthText(first)} – ${monthText(last)}`,
                    units: units.join(', '),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {findings.length === 0 ? (
        <p>{t('international.noFindings')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="checks-title">
          <table>
            <caption className="visually-hidden">{t('international.checksCaption', { year: String(year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('international.colSeverity')}</th>
                <th scope="col">{t('international.colIndicator')}</th>
                <th scope="col">{t('international.colWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((c, i) => (
                <tr key={`${c.code}-${i}`}>
                  <td>
                    <span className={`severity severity-${c.severity}`}>
                      {t(`international.severity.${c.severity}`)}
                    </span>
                  </td>
                  <td>{c.figure ?? c.indicator ?? t('international.wholeYear')}</td>
                  <td>{c.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('international.files')}</h2>
      <div className="checkbox-field">
        <input id="suppress" type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
        <label htmlFor="suppress">{t('international.suppress')}</label>
      </div>
      <p className="hint">{t('international.suppressHint')}</p>
      <div className="actions">
        <button
          type="button"
          disabled={busy !== null || !checks.exportable}
          onClick={() => void run('GLOTIP (CSV)', () => downloadGlotip(year, 'csv', suppress))}
        >
          {t('international.glotipCsv')}
        </button>
        <button
          type="button"
          disabled={busy !== null || !checks.exportable}
          onClick={() => void run('GLOTIP (Excel)', () => downloadGlotip(year, 'xlsx', suppress))}
        >
          {t('international.glotipXlsx')}
        </button>
        <button
          type="button"
          disabled={busy !== null || !checks.exportable}
          onClick={() => void run('UNTOC (Excel)', () => downloadUntoc(year))}
        >
          {t('international.untoc')}
        </button>
      </div>
      {busy && (
        <p role="status" className="loading">
          {t('international.preparing', { file: busy })}
        </p>
      )}
      <Notice message={done} />
      <FormError message={error} />
    </>
  );
}

/** The year's victims in IOM's HTCDS, de-identified; says what the k-anonymity check coarsened and withheld. */
function VictimRecords({ year }: { year: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<HtcdsCounts | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    setCounts(null);
    try {
      setCounts(await downloadHtcds(year, format));
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h2>{t('international.htcds')}</h2>
      <p>{t('international.htcdsIntro', { year: String(year) })}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void run('xlsx')}>
          {t('international.htcdsXlsx')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('csv')}>
          {t('international.htcdsCsv')}
        </button>
      </div>
      {busy && (
        <p role="status" className="loading">
          {t('international.preparing', { file: 'HTCDS' })}
        </p>
      )}
      {counts && <Notice message={t('international.htcdsDone', { ...counts })} />}
      <FormError message={error} />
    </>
  );
}
