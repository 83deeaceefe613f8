import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const homeKey = ['home'] as const;

/** How many records each short list on the home shows (the counts are always complete). */
export const HOME_ITEMS = 6;

/** The user's home: to-dos and figures of each of their roles, read fresh on each visit. */
export function useHome() {
  return useQuery({
    queryKey: homeKey,
    queryFn: ({ signal }) => api.get('/home', { query: { items: HOME_ITEMS }, signal }),
    staleTime: 0,
    refetchOnWindowFocus: 'always',
  });
}
