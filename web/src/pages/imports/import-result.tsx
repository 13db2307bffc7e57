import { useId } from 'react';
import { formatNumber, t } from '../../i18n/i18n';
import type { Role } from '../../session/session';
import { ImportCounts, ImportResult, phaseText } from './import-words';

const COUNTED = ['cases', 'victims', 'defendants', 'prosecutions'] as const;

/** What an upload created, updated and left unchanged, one row per sheet. */
export function CountsTable({ counts, dryRun }: { counts: ImportCounts; dryRun: boolean }) {
  const caption = t(dryRun ? 'imports.counts.captionDryRun' : 'imports.counts.caption');
  return (
    // it may scroll sideways on a phone: focusable so that the keyboard can scroll it
    <div className="table-wrap counts-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.counts.sheet')}</th>
            <th scope="col" className="number">
              {t('imports.counts.created')}
            </th>
            <th scope="col" className="number">
              {t('imports.counts.updated')}
            </th>
            <th scope="col" className="number">
              {t('imports.counts.unchanged')}
            </th>
          </tr>
        </thead>
        <tbody>
          {COUNTED.map((sheet) => (
            <tr key={sheet}>
              <th scope="row">{t(`imports.sheet.${sheet}`)}</th>
              <td className="number">{formatNumber(counts[sheet].created)}</td>
              <td className="number">{formatNumber(counts[sheet].updated)}</td>
              <td className="number">{formatNumber(counts[sheet].unchanged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where an upload being processed is: its phase and the rows read so far. */
export function ImportProgress({ result, title }: { result: ImportResult; title: string }) {
  const id = useId();
  return (
    <div className="import-progress">
      <p id={id} aria-live="polite">
        <strong>{title}</strong> · {phaseText(result.phase)}
        {result.rowsProcessed > 0 && <> · {t('imports.progress.rows', { rows: result.rowsProcessed })}</>}
      </p>
      <progress aria-labelledby={id} />
    </div>
  );
}

/** The sentence that says what became of an upload. */
export function ResultSummary({ result, inHistory = false }: { result: ImportResult; inHistory?: boolean }) {
  switch (result.status) {
    case 'processing':
      return null;
    case 'validated':
      return (
        <div className="notice" role="status">
          {t(inHistory ? 'imports.result.validatedHistory' : 'imports.result.validated')}
        </div>
      );
    case 'committed':
      return (
        <div className="notice" role="status">
          {t('imports.result.committed')}
        </div>
      );
    case 'rejected':
      return (
        <div className="form-error" role="alert">
          <p>
            {result.errorCount === 1
              ? t('imports.result.rejectedOne')
              : t('imports.result.rejected', { count: result.errorCount })}
          </p>
          {result.errorCount > result.errors.length && (
            <p>{t('imports.result.truncated', { shown: result.errors.length, total: result.errorCount })}</p>
          )}
        </div>
      );
    default:
      return (
        <div className="form-error" role="alert">
          {t(`imports.result.${result.status}`)}
        </div>
      );
  }
}

const REPORT_READERS: readonly Role[] = ['admin', 'focal_person'];

/** The rejected workbook with its problems marked, while the service keeps the file. */
export function ReportLink({ result, role }: { result: ImportResult; role: Role | undefined }) {
  if (result.status !== 'rejected' || !role || !REPORT_READERS.includes(role)) return null;
  if (result.filePurgedAt) return <p>{t('imports.report.expired')}</p>;
  return (
    <p className="import-report">
      <a href={`/api/v1/imports/${result.id}/report.xlsx`} download>
        {t('imports.report.download')}
      </a>
      <span className="hint">{t('imports.report.hint')}</span>
    </p>
  );
}
