import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { problemText } from '../../api/problems';
import { formatNumber, t } from '../../i18n/i18n';
import { Notice } from '../../ui/field';
import type { CaseListQuery } from './queries';
import { attachmentName, saveBlob } from '../../ui/save-file';

type Format = 'csv' | 'xlsx';

type Download =
  | { state: 'idle' }
  | { state: 'running'; format: Format; bytes: number; rows: number }
  | { state: 'saved'; name: string; bytes: number }
  | { state: 'cancelled' }
  | { state: 'failed'; reason: string };

const LINE_FEED = 10;

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? t('cases.export.kilobytes', { n: formatNumber(Math.max(1, Math.round(bytes / 1024))) })
    : t('cases.export.megabytes', { n: (bytes / (1024 * 1024)).toFixed(1) });
}

/**
 * The case-level export of the cases listed (admins and analysts): streamed from the service
 * and read as it arrives, with what has been received shown, then saved under the service's
 * file name. The download can be cancelled while it runs.
 */
export function CaseExport({ query }: { query: CaseListQuery }) {
  const [download, setDownload] = useState<Download>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (format: Format) => {
    // the same cases as the list, every one of them: the list's paging and order do not apply
    const {
      page: _page,
      pageSize: _pageSize,
      sort: _sort,
      order: _order,
      after: _after,
      before: _before,
      ...filters
    } = query;
    const controller = new AbortController();
    abort.current = controller;
    setDownload({ state: 'running', format, bytes: 0, rows: 0 });
    try {
      const { data, error, response } = await api.GET('/api/v1/exports/cases', {
        params: { query: { ...filters, format } },
        parseAs: 'stream',
        signal: controller.signal,
      });
      if (!response.ok || !data) throw new ApiError(response.status, error ?? null);
      const reader = data.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        if (format === 'csv') for (const byte of value) if (byte === LINE_FEED) lines++;
        // the first line of the CSV is its header
        setDownload({ state: 'running', format, bytes, rows: Math.max(0, lines - 1) });
      }
      const name = attachmentName(response) ?? `tip-cases.${format}`;
      saveBlob(new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? undefined }), name);
      setDownload({ state: 'saved', name, bytes });
    } catch (caught) {
      if (controller.signal.aborted) setDownload({ state: 'cancelled' });
      else
        setDownload({
          state: 'failed',
          reason: problemText(caught instanceof ApiError ? caught : new ApiError(0, null)),
        });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const running = download.state === 'running';
  return (
    <section className="panel case-export" aria-labelledby="case-export-title">
      <h2 id="case-export-title">{t('cases.export.title')}</h2>
      <p>{t('cases.export.intro')}</p>
      <div className="actions">
        <button type="button" disabled={running} onClick={() => void start('csv')}>
          {t('cases.export.csv')}
        </button>
        <button type="button" disabled={running} onClick={() => void start('xlsx')}>
          {t('cases.export.xlsx')}
        </button>
      </div>
      {running && (
        <div className="export-progress" role="status">
          <progress aria-label={t('cases.export.progress')} />
          <span>
            {download.bytes === 0
              ? t('cases.export.starting')
              : download.format === 'csv'
                ? t('cases.export.receivedRows', { size: sizeText(download.bytes), rows: download.rows })
                : t('cases.export.received', { size: sizeText(download.bytes) })}
          </span>
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('cases.export.cancel')}
          </button>
        </div>
      )}
      {download.state === 'saved' && (
        <Notice message={t('cases.export.saved', { name: download.name, size: sizeText(download.bytes) })} />
      )}
      {download.state === 'cancelled' && <Notice message={t('cases.export.cancelled')} />}
      {download.state === 'failed' && (
        <div className="form-error" role="alert">
          {t('cases.export.failed', { reason: download.reason })}
        </div>
      )}
    </section>
  );
}
