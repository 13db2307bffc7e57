import { Link } from 'react-router';
import { t } from '../../i18n/i18n';
import type { Warning } from './queries';
import { checkTitle } from './words';

/** The service lists at most this many cases per check. */
const CASES_LISTED = 50;

/** The plausibility warnings of a submission, each with its message and links to the cases it names. */
export function ChecksList({ checks, headingLevel = 2 }: { checks: Warning[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="panel" aria-labelledby="checks-title">
      <Heading id="checks-title">{t('submissions.checks.title')}</Heading>
      {checks.length === 0 ? (
        <p>{t('submissions.checks.none')}</p>
      ) : (
        <>
          <p>{t('submissions.checks.intro')}</p>
          <ul className="check-list">
            {checks.map((check) => (
              <li key={check.code} className="warning">
                <strong>{checkTitle(check.code)}</strong>
                <p>{check.message}</p>
                {check.caseIds.length > 0 && (
                  <>
                    <ul
                      className="case-links"
                      aria-label={`${checkTitle(check.code)}: ${t('submissions.checks.cases')}`}
                    >
                      {check.caseIds.map((id, i) => (
                        <li key={id}>
                          <Link to={`/cases/${id}`}>{t('submissions.checks.case', { n: i + 1 })}</Link>
                        </li>
                      ))}
                    </ul>
                    {check.count > check.caseIds.length && check.caseIds.length >= CASES_LISTED && (
                      <p className="hint">{t('submissions.checks.moreCases', { count: check.caseIds.length })}</p>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A state with its late and nil-return marks, in words (the colour only repeats them). */
export function StatusMark({
  status,
  late,
  nilReturn,
  text,
}: {
  status: string;
  late: boolean;
  nilReturn: boolean;
  text: string;
}) {
  const marks = [late ? t('submissions.late') : '', nilReturn ? t('submissions.nil') : ''].filter(Boolean);
  return (
    <>
      <span className={`status status-${status}`}>{text}</span>
      {marks.length > 0 && <span className="marks">{marks.join(' · ')}</span>}
    </>
  );
}
