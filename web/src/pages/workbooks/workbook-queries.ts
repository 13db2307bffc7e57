import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, call, Schemas } from '../../api/client';
import { attachmentName, saveBlob } from '../../ui/save-file';

export type Workbook = Schemas['MonthlyExportResponse'];
export type Audience = Schemas['MonthlyExportAudience'];

export const WORKBOOKS_KEY = ['workbooks'] as const;
/** The service lists at most this many; a narrower choice shows older ones. */
export const LIST_CAP = 500;

/** What the list shows: a year, a month of the year (`06`) and an audience, each optional. */
export interface WorkbookFilter {
  year?: number;
  month?: string;
  audience?: Audience;
}

/**
 * The kept workbooks, newest month first. The service narrows by year, by a month of a year
 * and by audience; a month of every year (all the Junes) is picked out here.
 */
export function workbooksQuery(filter: WorkbookFilter) {
  return queryOptions({
    queryKey: [...WORKBOOKS_KEY, 'list', filter],
    queryFn: async () => {
      const month = filter.month && filter.year !== undefined ? `${filter.year}-${filter.month}` : undefined;
      const items = await call(
        api.GET('/api/v1/exports', { params: { query: { year: filter.year, month, audience: filter.audience } } }),
      );
      return {
        items: filter.month && !month ? items.filter((w) => w.month.endsWith(`-${filter.month}`)) : items,
        capped: items.length >= LIST_CAP,
      };
    },
    placeholderData: keepPreviousData,
  });
}

/** Generates and keeps a new version of a month's workbook. */
export function generateWorkbook(body: { month: string; audience: Audience }): Promise<Workbook> {
  return call(api.POST('/api/v1/exports/monthly', { body }));
}

/**
 * Downloads a kept workbook with the session cookie and saves it under the service's file name.
 * Fetched rather than followed as a link, so that a refusal is shown in words and the page
 * can show the download in the history once the service has recorded it.
 */
export async function downloadWorkbook(workbook: Workbook): Promise<void> {
  const request = api.GET('/api/v1/exports/{id}', { params: { path: { id: workbook.id } }, parseAs: 'blob' });
  const blob = await call(request);
  const { response } = await request;
  saveBlob(blob, attachmentName(response) ?? workbook.fileName);
}
