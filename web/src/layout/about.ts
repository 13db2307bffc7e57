import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

/** What the service says of itself (whether it holds demonstration data); public. */
export function useAbout() {
  return useQuery({
    queryKey: ['about'],
    queryFn: () => call(api.GET('/api/v1/about')),
    staleTime: Infinity,
  });
}
