import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { problemText } from '../api/problems';
import { t } from '../i18n/i18n';
import { useMe } from '../session/session';
import { FormError, SelectField } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { QueryState } from '../ui/query-state';
import { GenerateForm } from './workbooks/generate-form';
import { WorkbookContents } from './workbooks/workbook-contents';
import {
  Audience,
  downloadWorkbook,
  Workbook,
  WorkbookFilter,
  workbooksQuery,
  WORKBOOKS_KEY,
} from './workbooks/workbook-queries';
import { WorkbookTable } from './workbooks/workbook-table';
import { AUDIENCES, audienceText, monthName, MONTHS, yearChoices } from './workbooks/workbook-words';
import './workbooks/workbooks.css';

/** The list's choices from the address (`?year=2024&month=06&audience=ministry`); anything else is ignored. */
function filterFrom(params: URLSearchParams, staff: boolean): WorkbookFilter {
  const year = Number(params.get('year'));
  const month = params.get('month') ?? '';
  const audience = params.get('audience') as Audience | null;
  return {
    year: yearChoices().includes(year) ? year : undefined,
    month: (MONTHS as readonly string[]).includes(month) ? month : undefined,
    audience: staff && audience && AUDIENCES.includes(audience) ? audience : undefined,
  };
}

/**
 * The monthly workbooks: NPB staff generate them and see every version with who downloaded
 * it; a ministry viewer (whose only page this is) sees and downloads the ministry ones.
 */
export default function WorkbooksPage() {
  usePageTitle(t('workbooks.title'));
  const me = useMe();
  const staff = me.data?.role === 'admin' || me.data?.role === 'analyst';
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params, staff);
  const list = useQuery(workbooksQuery(filter));
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const choose = (name: keyof WorkbookFilter, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const download = async (workbook: Workbook) => {
    setDownloading(workbook.id);
    setDownloadError(null);
    try {
      await downloadWorkbook(workbook);
    } catch (error) {
      const reason = error instanceof ApiError && error.status === 404 ? t('workbooks.list.gone') : problemText(error);
      setDownloadError(t('workbooks.list.downloadFailed', { reason }));
    } finally {
      setDownloading(null);
      // the download is in the history now: the service recorded it before sending the file
      void queryClient.invalidateQueries({ queryKey: WORKBOOKS_KEY });
    }
  };

  const filtered = filter.year !== undefined || filter.month !== undefined || filter.audience !== undefined;
  return (
    <section className="workbooks-area">
      <h1>{t('workbooks.title')}</h1>
      <p className="workbooks-intro">{t(staff ? 'workbooks.intro' : 'workbooks.introViewer')}</p>
      {staff && <GenerateForm />}

      <section aria-labelledby="workbook-list-title">
        <h2 id="workbook-list-title">{t('workbooks.list.title')}</h2>
        <form
          className="filters"
          role="search"
          aria-label={t('workbooks.list.filters')}
          onSubmit={(e) => e.preventDefault()}
        >
          <SelectField
            label={t('workbooks.list.year')}
            value={filter.year === undefined ? '' : String(filter.year)}
            onChange={(e) => choose('year', e.target.value)}
          >
            <option value="">{t('workbooks.list.anyYear')}</option>
            {yearChoices().map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('workbooks.list.month')}
            value={filter.month ?? ''}
            onChange={(e) => choose('month', e.target.value)}
          >
            <option value="">{t('workbooks.list.anyMonth')}</option>
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {monthName(m)}
              </option>
            ))}
          </SelectField>
          {staff && (
            <SelectField
              label={t('workbooks.list.audience')}
              value={filter.audience ?? ''}
              onChange={(e) => choose('audience', e.target.value)}
            >
              <option value="">{t('workbooks.list.anyAudience')}</option>
              {AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {audienceText(a)}
                </option>
              ))}
            </SelectField>
          )}
        </form>
        <FormError message={downloadError} />
        <QueryState query={list}>
          {() => {
            const { items, capped } = list.data!;
            if (items.length === 0)
              return (
                <p className="workbook-empty" role="status">
                  {filtered
                    ? t('workbooks.list.noMatch')
                    : t(staff ? 'workbooks.list.empty' : 'workbooks.list.emptyViewer')}
                </p>
              );
            return (
              <>
                <p className="workbook-count" role="status">
                  {items.length === 1
                    ? t('workbooks.list.countOne')
                    : t('workbooks.list.count', { count: items.length })}
                  {capped && ` ${t('workbooks.list.cap')}`}
                </p>
                <WorkbookTable
                  items={items}
                  staff={staff}
                  downloading={downloading}
                  onDownload={(w) => void download(w)}
                />
              </>
            );
          }}
        </QueryState>
      </section>

      <WorkbookContents staff={staff} />
    </section>
  );
}
