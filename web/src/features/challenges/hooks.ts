import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChallengeCreateBody, ChallengeStatus, ChallengeUpdateBody, TargetGroup } from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export interface ChallengeFilters {
  status?: ChallengeStatus;
  campaignId?: string;
  theme?: string;
  targetGroup?: TargetGroup;
  regionCode?: string;
  q?: string;
}

export const CHALLENGE_FILTER_KEYS = ['status', 'campaignId', 'theme', 'targetGroup', 'regionCode', 'q'] as const;

export const challengeKeys = {
  all: ['challenges'] as const,
  list: (f: ChallengeFilters) => ['challenges', 'list', f] as const,
};

const PAGE_SIZE = 24;

/** Keyset pages of the board; every page carries the per-status counts of the other filters. */
export function useChallengeBoard(filters: ChallengeFilters) {
  return useRouteList({
    queryKey: challengeKeys.list(filters),
    path: '/challenges',
    query: { ...filters },
    limit: PAGE_SIZE,
  });
}

/** The board changed: challenges, campaign counts and (after a claim) project lists are stale. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    qc.invalidateQueries({
      predicate: (q) => ['challenges', 'campaigns', 'projects'].includes(String(q.queryKey[0])),
    });
}

export function useCreateChallenge() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: ChallengeCreateBody) => api.post('/challenges', { body: b }),
    onSuccess: invalidate,
  });
}

export function useUpdateChallenge() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ChallengeUpdateBody }) =>
      api.patch('/challenges/:id', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useClaimChallenge() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, orgId, version }: { id: string; orgId: string; version: number }) =>
      api.post('/challenges/:id/claim', { params: { id }, body: { orgId, version } }),
    onSuccess: invalidate,
    onError: invalidate,
  });
}
