import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ContestBoard,
  ContestCreateBody,
  ContestStatus,
  ContestUpdateBody,
  ContestView,
  OverrideBody,
  ProjectListItem,
  RubricTemplateBody,
  RubricTemplateUpdateBody,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export const contestKeys = {
  all: ['contests'] as const,
  list: (status?: ContestStatus) => ['contests', 'list', status ?? 'all'] as const,
  one: (id: string) => ['contests', 'one', id] as const,
  draws: (id: string) => ['contests', 'draws', id] as const,
  sheet: (id: string, projectId: string) => ['contests', 'sheet', id, projectId] as const,
  results: (id: string) => ['contests', 'results', id] as const,
  sheets: (id: string) => ['contests', 'sheets', id] as const,
  board: (id: string) => ['contests', 'board', id] as const,
};

export function useContestList(status?: ContestStatus) {
  return useRouteList({
    queryKey: contestKeys.list(status),
    path: '/contests',
    query: { status },
    limit: 50,
  });
}

export function useContest(id: string | undefined) {
  return useQuery({
    queryKey: contestKeys.one(id ?? ''),
    queryFn: () => api.get('/contests/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useDraws(id: string, enabled = true) {
  return useQuery({
    queryKey: contestKeys.draws(id),
    queryFn: () => api.get('/contests/:id/draws', { params: { id } }).then((r) => r.items),
    enabled,
  });
}

export function useSheet(id: string, projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: contestKeys.sheet(id, projectId),
    queryFn: () => api.get('/contests/:id/projects/:projectId/sheet', { params: { id, projectId } }),
    enabled,
  });
}

export function useResults(id: string, enabled = true) {
  return useQuery({
    queryKey: contestKeys.results(id),
    queryFn: () => api.get('/contests/:id/results', { params: { id } }),
    enabled,
  });
}

export function useJudgeSheets(id: string, enabled: boolean) {
  return useQuery({
    queryKey: contestKeys.sheets(id),
    queryFn: () => api.get('/contests/:id/sheets', { params: { id } }).then((r) => r.items),
    enabled,
  });
}

/** Published campaigns (the server checks that the user may run a contest in it). */
export function useContestCampaigns(enabled: boolean) {
  return useQuery({
    queryKey: ['contests', 'campaign-options'],
    queryFn: () => api.get('/campaigns', { query: { status: 'published', limit: 100 } }).then((p) => p.items),
    enabled,
  });
}

/** Approved (and completed) projects of a campaign. */
export function useCampaignProjects(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['contests', 'campaign-projects', campaignId ?? ''],
    queryFn: async () => {
      const [approved, completed] = await Promise.all(
        (['approved', 'completed'] as const).map((status) =>
          api
            .get('/projects', { query: { campaignId, status, limit: 200 } })
            .then((p) => p.items)
            .catch(() => [] as ProjectListItem[]),
        ),
      );
      return [...approved!, ...completed!];
    },
    enabled: !!campaignId,
  });
}

export function useJudgeCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['contests', 'judge-candidates'],
    queryFn: () =>
      api.get('/users', { query: { role: 'judge', limit: 200 } }).then((p) => p.items.filter((u) => !u.disabled)),
    enabled,
    staleTime: 60_000,
  });
}

export const templateKeys = { all: ['contests', 'templates'] as const };

export function useRubricTemplates(enabled: boolean) {
  return useQuery({
    queryKey: templateKeys.all,
    queryFn: () => api.get('/rubric-templates').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

/** Rubric templates (评分细则模板) of the user's 社工部: create, change (with version), delete. */
export function useCreateTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: RubricTemplateBody) => api.post('/rubric-templates', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export function useUpdateTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RubricTemplateUpdateBody }) =>
      api.patch('/rubric-templates/:id', { params: { id }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del('/rubric-templates/:id', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** After a change: the contest from the reply, and the lists and results that may show it. */
function useSettle() {
  const qc = useQueryClient();
  return (c: ContestView) => {
    qc.setQueryData(contestKeys.one(c.id), c);
    void qc.invalidateQueries({ queryKey: contestKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
  };
}

export function useCreateContest() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: ContestCreateBody) => api.post('/contests', { body: b }),
    onSuccess: settle,
  });
}

export function useUpdateContest(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: ContestUpdateBody) => api.patch('/contests/:id', { params: { id }, body: b }),
    onSuccess: settle,
  });
}

export type HostAction = 'ready' | 'start' | 'next' | 'publish';

/** A plain state change of the contest (ready, start, next, publish) with its version. */
export function useContestAction(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ action, version }: { action: HostAction; version: number }) =>
      api.post(`/contests/:id/${action}`, { params: { id }, body: { version } }),
    onSuccess: settle,
  });
}

/** ready → draft (退回草稿) with a reason: the set-up can be changed again. */
export function useRevertToDraft(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: { version: number; reason: string }) =>
      api.post('/contests/:id/draft', { params: { id }, body: b }),
    onSuccess: settle,
  });
}

export function useDraw(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: { version: number; reason: string | null }) =>
      api.post('/contests/:id/draw', { params: { id }, body: b }),
    onSuccess: settle,
  });
}

export function useCloseProject(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ projectId, version }: { projectId: string; version: number }) =>
      api.post('/contests/:id/projects/:projectId/close', { params: { id, projectId }, body: { version } }),
    onSuccess: settle,
  });
}

export function useReopenProject(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ projectId, version, reason }: { projectId: string; version: number; reason: string }) =>
      api.post('/contests/:id/projects/:projectId/reopen', {
        params: { id, projectId },
        body: { version, reason },
      }),
    onSuccess: settle,
  });
}

export function useAddConflict(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: { judgeId: string; projectId: string; reason: string }) =>
      api.post('/contests/:id/conflicts', { params: { id }, body: b }),
    onSuccess: settle,
  });
}

export function useRemoveConflict(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ conflictId, reason }: { conflictId: string; reason: string }) =>
      api.del('/contests/:id/conflicts/:conflictId', { params: { id, conflictId }, body: { reason } }),
    onSuccess: settle,
  });
}

export function useSubmitSheet(id: string, projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (scores: Record<string, number>) =>
      api.put('/contests/:id/projects/:projectId/sheet', { params: { id, projectId }, body: { scores } }),
    onSuccess: (s) => {
      qc.setQueryData(contestKeys.sheet(id, projectId), s);
      void qc.invalidateQueries({ queryKey: contestKeys.one(id) });
    },
  });
}

export function useOverride(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: OverrideBody }) =>
      api.put('/contests/:id/projects/:projectId/override', { params: { id, projectId }, body }),
    onSuccess: (r) => qc.setQueryData(contestKeys.results(id), r),
  });
}

export type StreamState = 'connecting' | 'live' | 'offline';

/**
 * The live board: Server-Sent Events from `/api/contests/:id/stream` (cookies go same-origin), with
 * `GET …/board` as the fallback while the stream is down, and reconnection with back-off when the
 * browser gives up. `clockOffset` is server time minus local time, for the countdown.
 */
export function useBoardStream(id: string | undefined, onBoard?: (b: ContestBoard) => void) {
  const [board, setBoard] = useState<ContestBoard | null>(null);
  const [state, setState] = useState<StreamState>('connecting');
  const [clockOffset, setClockOffset] = useState(0);
  const onBoardRef = useRef(onBoard);
  onBoardRef.current = onBoard;

  useEffect(() => {
    if (!id) return;
    let stopped = false;
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let attempts = 0;

    const accept = (b: ContestBoard) => {
      if (stopped) return;
      setClockOffset(Date.parse(b.serverTime) - Date.now());
      setBoard(b);
      onBoardRef.current?.(b);
    };
    const fetchBoard = () =>
      api
        .get('/contests/:id/board', { params: { id } })
        .then(accept)
        .catch(() => undefined);
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = undefined;
    };
    const startPolling = () => {
      if (poll) return;
      void fetchBoard();
      poll = setInterval(() => void fetchBoard(), 5_000);
    };

    const connect = () => {
      if (stopped) return;
      es = new EventSource(`/api/contests/${id}/stream`, { withCredentials: true });
      es.addEventListener('board', (e) => {
        attempts = 0;
        setState('live');
        stopPolling();
        try {
          accept(JSON.parse((e as MessageEvent<string>).data) as ContestBoard);
        } catch {
          /* a malformed event: wait for the next one */
        }
      });
      es.onerror = () => {
        if (stopped) return;
        setState('offline');
        startPolling();
        // The browser retries by itself unless it closed the stream (an HTTP error): then we do.
        if (es && es.readyState === EventSource.CLOSED) {
          es.close();
          attempts += 1;
          retry = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** Math.min(attempts, 5)));
        }
      };
    };
    connect();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void fetchBoard();
    };
    document.addEventListener('visibilitychange', onVisible);

    return () => {
      stopped = true;
      es?.close();
      if (retry) clearTimeout(retry);
      stopPolling();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [id]);

  return { board, state, clockOffset };
}

/** Seconds left until `endsAt` by the server's clock (negative when over time), ticking. */
export function useCountdown(endsAt: string | null | undefined, clockOffset: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [endsAt]);
  if (!endsAt) return null;
  return Math.ceil((Date.parse(endsAt) - (now + clockOffset)) / 1000);
}
