import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The worker's own cases (`/dispute-cases/mine`): the phone page and its link on /worker share them. */
export const myDisputesKey = ['disputes', 'mine'] as const;
export const useMyDisputes = () => useQuery({ queryKey: myDisputesKey, queryFn: () => api.get('/dispute-cases/mine') });
