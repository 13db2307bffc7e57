import { queryOptions } from '@tanstack/react-query';
import { api, call, Schemas } from '../../api/client';
import { attachmentName, saveBlob } from '../../ui/save-file';

export type InternationalChecks = Schemas['InternationalChecksResponse'];

/** The consistency checks of a year's international figures, and which months are provisional. */
export function checksQuery(year: number) {
  return queryOptions({
    queryKey: ['international', 'checks', year],
    queryFn: () => call(api.GET('/api/v1/exports/glotip/checks', { params: { query: { year } } })),
  });
}

/** Saves a file the service made under its own name; answers its response headers for what they say. */
async function save(request: Promise<{ data?: unknown; error?: unknown; response: Response }>, fallback: string) {
  const blob = (await call(request)) as Blob;
  const { response } = await request;
  saveBlob(blob, attachmentName(response) ?? fallback);
  return response.headers;
}

export function downloadGlotip(year: number, format: 'csv' | 'xlsx', suppress: boolean): Promise<Headers> {
  return save(
    api.GET('/api/v1/exports/glotip', { params: { query: { year, format, suppress } }, parseAs: 'blob' }),
    `glotip-PAK-${year}.${format}`,
  );
}

/** What an HTCDS export says of its de-identification: rows published, coarsened and withheld under k-anonymity. */
export interface HtcdsCounts {
  rows: number;
  coarsened: number;
  withheld: number;
  k: number;
}

/** The victims identified in a calendar year, in IOM's HTCDS v2.0 (one year a file: see the README). */
export async function downloadHtcds(year: number, format: 'csv' | 'xlsx'): Promise<HtcdsCounts> {
  const headers = await save(
    api.GET('/api/v1/exports/htcds', {
      params: { query: { from: `${year}-01-01`, to: `${year}-12-31`, format } },
      parseAs: 'blob',
    }),
    `htcds-PAK-${year}.${format}`,
  );
  const count = (name: string) => Number(headers.get(`X-HTCDS-${name}`) ?? 0);
  return { rows: count('Rows'), coarsened: count('Coarsened'), withheld: count('Withheld'), k: count('K') };
}

export function downloadUntoc(year: number): Promise<Headers> {
  return save(
    api.GET('/api/v1/exports/untoc', { params: { query: { year } }, parseAs: 'blob' }),
    `untoc-PAK-${year}.xlsx`,
  );
}
