import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export const IMPORTS_KEY = ['imports'] as const;
export const HISTORY_PAGE_SIZE = 25;

/** One upload; asked again every second while it is being processed. */
export function importQuery(id: string) {
  return queryOptions({
    queryKey: [...IMPORTS_KEY, 'batch', id],
    queryFn: () => call(api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.status === 'processing' ? 1000 : false),
  });
}

/** A page of the upload history, newest first. */
export function historyQuery(page: number) {
  return queryOptions({
    queryKey: [...IMPORTS_KEY, 'list', page],
    queryFn: () => call(api.GET('/api/v1/imports', { params: { query: { page, pageSize: HISTORY_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}
