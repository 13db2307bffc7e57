import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { Pagination } from '../ui/pagination';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { HISTORY_PAGE_SIZE, historyQuery } from './imports/import-queries';
import { ImportResult, statusText } from './imports/import-words';
import './imports/imports.css';

function unitText(code: string | null): string {
  return code ?? t('imports.history.national');
}

/** The uploads the reader may see (a focal person's province's), newest first; each opens its result. */
export default function ImportsPage() {
  usePageTitle(t('imports.history.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const history = useQuery(historyQuery(page));
  const national = me.data?.role !== 'focal_person';
  const uploader = me.data?.role === 'admin' || me.data?.role === 'focal_person';

  return (
    <section className="imports-area">
      <h1>{t('imports.history.title')}</h1>
      <p>{t('imports.history.intro')}</p>
      <QueryState query={history}>
        {() =>
          history.data!.total === 0 ? (
            <p>
              {t('imports.history.empty')} {uploader && <Link to="/upload">{t('imports.history.upload')}</Link>}
            </p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{t('imports.history.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('imports.history.when')}</th>
                      <th scope="col">{t('imports.history.file')}</th>
                      <th scope="col">{t('imports.history.who')}</th>
                      {national && <th scope="col">{t('imports.history.unit')}</th>}
                      <th scope="col">{t('imports.history.kind')}</th>
                      <th scope="col">{t('imports.history.result')}</th>
                      <th scope="col" className="number">
                        {t('imports.history.newCases')}
                      </th>
                      <th scope="col" className="number">
                        {t('imports.history.updatedCases')}
                      </th>
                      <th scope="col" className="number">
                        {t('imports.history.problems')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.data!.items.map((item) => (
                      <HistoryRow key={item.id} item={item} national={national} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                page={history.data!.page}
                pageSize={HISTORY_PAGE_SIZE}
                total={history.data!.total}
                onPage={(next) => setParams({ page: String(next) })}
              />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function HistoryRow({ item, national }: { item: ImportResult; national: boolean }) {
  const count = (n: number | undefined) => (n === undefined ? t('imports.problems.notApplicable') : formatNumber(n));
  return (
    <tr>
      <td>{formatDate(item.uploadedAt)}</td>
      <td>
        <Link to={`/imports/${item.id}`}>{item.fileName}</Link>
      </td>
      <td>{item.uploadedBy}</td>
      {national && <td>{unitText(item.reportingUnit)}</td>}
      <td>{t(item.dryRun ? 'imports.history.kindCheck' : 'imports.history.kindSave')}</td>
      <td>{statusText(item.status)}</td>
      <td className="number">{count(item.counts?.cases.created)}</td>
      <td className="number">{count(item.counts?.cases.updated)}</td>
      <td className="number">{formatNumber(item.errorCount)}</td>
    </tr>
  );
}
