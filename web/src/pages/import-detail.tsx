import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { importQuery } from './imports/import-queries';
import { CountsTable, ImportProgress, ReportLink, ResultSummary } from './imports/import-result';
import { fileSizeText, ImportResult, statusText } from './imports/import-words';
import { ProblemTable } from './imports/problem-table';
import './imports/imports.css';

/** One upload of the history: who sent what and when, and its result as it was shown then. */
export default function ImportPage() {
  const { id = '' } = useParams();
  const upload = useQuery(importQuery(id));
  return (
    <section className="imports-area">
      <QueryState query={upload}>{() => <ImportDetail result={upload.data!} />}</QueryState>
    </section>
  );
}

function ImportDetail({ result }: { result: ImportResult }) {
  const title = t('imports.detail.title', { name: result.fileName });
  usePageTitle(title);
  const me = useMe();
  return (
    <>
      <p>
        <Link to="/imports">{t('imports.detail.back')}</Link>
      </p>
      <h1>{title}</h1>
      <dl className="details panel">
        <dt>{t('imports.detail.file')}</dt>
        <dd>{result.fileName}</dd>
        <dt>{t('imports.detail.size')}</dt>
        <dd>{fileSizeText(result.fileSize)}</dd>
        <dt>{t('imports.detail.who')}</dt>
        <dd>{result.uploadedBy}</dd>
        <dt>{t('imports.detail.when')}</dt>
        <dd>{formatDate(result.uploadedAt)}</dd>
        <dt>{t('imports.detail.finished')}</dt>
        <dd>{formatDate(result.finishedAt)}</dd>
        <dt>{t('imports.detail.kind')}</dt>
        <dd>{t(result.dryRun ? 'imports.history.kindCheck' : 'imports.history.kindSave')}</dd>
        <dt>{t('imports.detail.result')}</dt>
        <dd>{statusText(result.status)}</dd>
        <dt>{t('imports.detail.rows')}</dt>
        <dd>{formatNumber(result.rowsProcessed)}</dd>
      </dl>
      {result.status === 'processing' ? (
        <ImportProgress
          result={result}
          title={t(result.dryRun ? 'imports.upload.checking' : 'imports.upload.saving')}
        />
      ) : (
        <ResultSummary result={result} inHistory />
      )}
      {result.counts && <CountsTable counts={result.counts} dryRun={result.dryRun} />}
      <ReportLink result={result} role={me.data?.role} />
      {result.errors.length > 0 && (
        <>
          <h2>{t('imports.problems.title')}</h2>
          <ProblemTable problems={result.errors} />
        </>
      )}
    </>
  );
}
