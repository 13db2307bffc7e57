import { useQuery } from '@tanstack/react-query';

interface About {
  demo: boolean;
}

/** What the service says of itself (whether it holds demonstration data); public. */
export function useAbout() {
  return useQuery({
    queryKey: ['about'],
    queryFn: async (): Promise<About> => {
      const res = await fetch('/api/v1/about', { credentials: 'same-origin' });
      return res.ok ? ((await res.json()) as About) : { demo: false };
    },
    staleTime: Infinity,
  });
}
