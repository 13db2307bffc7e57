import { queryOptions } from '@tanstack/react-query';
import { api, call, Schemas } from '../../api/client';

export type Notice = Schemas['NoticeResponse'];

export const NOTICES_KEY = ['notices'] as const;

/** The signed-in user's notices, unread first; asked again every few minutes while a page is open. */
export function noticesQuery() {
  return queryOptions({
    queryKey: NOTICES_KEY,
    queryFn: () => call(api.GET('/api/v1/notices')),
    refetchInterval: 5 * 60_000,
  });
}

export function markRead(id: string): Promise<Notice> {
  return call(api.POST('/api/v1/notices/{id}/read', { params: { path: { id } } }));
}
