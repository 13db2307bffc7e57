import { MouseEvent } from 'react';
import { formatDate, t } from '../../i18n/i18n';
import type { Workbook } from './workbook-queries';
import { audienceText, monthText } from './workbook-words';

/** Whether each workbook is the newest version of its month and audience among those listed. */
function latestVersions(items: readonly Workbook[]): Set<string> {
  const newest = new Map<string, Workbook>();
  for (const w of items) {
    const key = `${w.month}/${w.audience}`;
    if ((newest.get(key)?.version ?? 0) < w.version) newest.set(key, w);
  }
  return new Set([...newest.values()].map((w) => w.id));
}

/**
 * The kept workbooks, one row each, newest month first; each with its file (beside its name, so
 * that a phone shows it without scrolling), when and by whom it was generated, and its downloads. NPB staff see who downloaded; viewers when.
 */
export function WorkbookTable({
  items,
  staff,
  downloading,
  onDownload,
}: {
  items: readonly Workbook[];
  staff: boolean;
  downloading: string | null;
  onDownload: (workbook: Workbook) => void;
}) {
  const latest = latestVersions(items);
  return (
    <div className="table-wrap">
      <table className="workbook-table">
        <caption className="visually-hidden">{t('workbooks.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workbooks.list.colWorkbook')}</th>
            <th scope="col">{t('workbooks.list.colFile')}</th>
            <th scope="col">{t('workbooks.list.colGenerated')}</th>
            <th scope="col">{t('workbooks.list.colDownloads')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <tr key={w.id}>
              <th scope="row">
                <span className="workbook-month">{monthText(w.month)}</span>
                <span className="workbook-version">{versionText(w, latest.has(w.id), staff)}</span>
              </th>
              <td>
                <DownloadLink workbook={w} busy={downloading === w.id} onDownload={onDownload} />
              </td>
              <td>
                {formatDate(w.generatedAt)}
                {staff && <span className="workbook-by">{generatedByText(w)}</span>}
              </td>
              <td>
                <DownloadHistory workbook={w} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Ministry, version 2 (latest)"; a viewer's are all ministry workbooks: "Version 2 (latest)". */
function versionText(w: Workbook, latest: boolean, staff: boolean): string {
  if (!staff) return t(latest ? 'workbooks.list.versionLatest' : 'workbooks.list.version', { version: w.version });
  return t(latest ? 'workbooks.list.audienceVersionLatest' : 'workbooks.list.audienceVersion', {
    audience: audienceText(w.audience),
    version: w.version,
  });
}

function generatedByText(w: Workbook): string {
  if (w.generatedBy) return t('workbooks.list.by', { email: w.generatedBy });
  return w.trigger === 'scheduled' ? t('workbooks.list.scheduled') : t('app.none');
}

function workbookName(w: Workbook): string {
  return t('workbooks.list.downloadName', {
    month: monthText(w.month),
    audience: audienceText(w.audience),
    version: w.version,
  });
}

/** How often it was downloaded; opens to every download, newest first. */
function DownloadHistory({ workbook }: { workbook: Workbook }) {
  const count = workbook.downloadCount;
  if (count === 0) return <span className="workbook-quiet">{t('workbooks.list.notDownloaded')}</span>;
  return (
    <details className="workbook-history">
      <summary>
        {count === 1 ? t('workbooks.list.downloadedOnce') : t('workbooks.list.downloadedTimes', { count })}
      </summary>
      <ul aria-label={t('workbooks.list.historyLabel', { workbook: workbookName(workbook) })}>
        {[...workbook.downloads].reverse().map((d, i) => (
          <li key={`${d.at}-${i}`}>
            {d.by ? t('workbooks.list.downloadBy', { email: d.by, when: formatDate(d.at) }) : formatDate(d.at)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The workbook's address, so that "save link as" works too; a plain click fetches it with the
 * page, which shows a refusal in words and the download in the history.
 */
function DownloadLink({
  workbook,
  busy,
  onDownload,
}: {
  workbook: Workbook;
  busy: boolean;
  onDownload: (workbook: Workbook) => void;
}) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!busy) onDownload(workbook);
  };
  return (
    <div className="workbook-file">
      <a
        href={`/api/v1/exports/${workbook.id}`}
        download={workbook.fileName}
        onClick={click}
        aria-disabled={busy || undefined}
      >
        {t('workbooks.list.download')}
        <span className="visually-hidden"> {workbookName(workbook)}</span>
      </a>
      <span className="workbook-quiet">
        {busy
          ? t('workbooks.list.downloading')
          : t('workbooks.list.size', { size: Math.max(1, Math.round(workbook.size / 1024)) })}
      </span>
    </div>
  );
}
