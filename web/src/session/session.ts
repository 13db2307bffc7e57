import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, call, Schemas } from '../api/client';

export type Me = Schemas['MeResponse'];
export type Role = Me['role'];

export const ME_KEY = ['session', 'me'] as const;

/** Who is signed in: null when nobody is (no session, or one that has ended). */
export const meQuery = queryOptions({
  queryKey: ME_KEY,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await call(api.GET('/api/v1/auth/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}

/** Where to go after signing in: only a path of this application, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}
