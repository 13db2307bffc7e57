import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

/** The application's one cache of answers: the pages read it, and a route's loader may fill it first. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a refused request is not retried (it would be refused again); a lost connection is, twice
      retry: (failures, error) => error instanceof ApiError && error.status === 0 && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});
