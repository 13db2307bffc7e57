import { useQuery } from '@tanstack/react-query';
import { formatDate, t } from '../../i18n/i18n';
import { QueryState } from '../../ui/query-state';
import { codeLabel } from './labels';
import { CaseRecord, historyQuery } from './queries';

/** The case's dated status changes as a timeline, oldest first. */
export function HistorySection({ caseRecord }: { caseRecord: CaseRecord }) {
  const history = useQuery(historyQuery(caseRecord.id));
  return (
    <section aria-labelledby="case-history-heading">
      <h2 id="case-history-heading">{t('cases.history.title')}</h2>
      <QueryState query={history}>
        {() =>
          history.data!.length === 0 ? (
            <p>{t('cases.history.none')}</p>
          ) : (
            <ol className="timeline" aria-labelledby="case-history-heading">
              {history.data!.map((e, i) => (
                <li key={`${e.recordedAt}-${i}`}>
                  <time dateTime={e.statusDate}>{formatDate(e.statusDate)}</time>
                  <span className="timeline-status">{codeLabel('status', e.toStatus)}</span>
                  <span className="hint">
                    {e.fromStatus
                      ? t('cases.history.from', { status: codeLabel('status', e.fromStatus) })
                      : t('cases.history.first')}
                    {' · '}
                    {t(e.source === 'import' ? 'cases.history.byImport' : 'cases.history.byForm', {
                      when: formatDate(e.recordedAt),
                    })}
                  </span>
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
