import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChallengeAttachDemandsBody,
  ChallengeCreateBody,
  ChallengeFromDemandsBody,
  ChallengeStatus,
  ChallengeUpdateBody,
  TargetGroup,
} from '@touyan/schemas';
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
      predicate: (q) => ['challenges', 'campaigns', 'projects', 'demands'].includes(String(q.queryKey[0])),
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

/** 发布到揭榜: a new challenge from enterprise demands (its evidence). */
export function useChallengeFromDemands() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: ChallengeFromDemandsBody) => api.post('/challenges/from-demands', { body: b }),
    onSuccess: invalidate,
  });
}

/** Demands attached to an open challenge as further evidence. */
export function useAttachDemands() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ChallengeAttachDemandsBody }) =>
      api.post('/challenges/:id/demands', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

/** The open challenges the caller may edit (to attach demands to). */
export function useWritableOpenChallenges(enabled: boolean) {
  return useQuery({
    queryKey: ['challenges', 'writable-open'],
    queryFn: () =>
      api
        .get('/challenges', { query: { status: 'open', limit: 200 } })
        .then((p) => p.items.filter((c) => c.abilities.includes('update'))),
    enabled,
  });
}
