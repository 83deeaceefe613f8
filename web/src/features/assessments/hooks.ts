import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentGrade,
  AssessmentSchemeBody,
  AssessmentSchemeUpdateBody,
  AssessmentStatus,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export interface SheetFilters {
  q?: string;
  grade?: AssessmentGrade;
  /** '1': every item entered; '0': some not yet. */
  complete?: '1' | '0';
  /** Only this organisation and those below it (from a dashboard's county link). */
  orgId?: string;
}

export const assessmentKeys = {
  all: ['assessments'] as const,
  schemes: (year?: number) => ['assessments', 'schemes', year ?? 'all'] as const,
  scheme: (id: string) => ['assessments', 'scheme', id] as const,
  sheets: (id: string, f: SheetFilters) => ['assessments', 'sheets', id, f] as const,
  contests: ['assessments', 'published-contests'] as const,
};

export function useSchemeList(year?: number) {
  return useRouteList({
    queryKey: assessmentKeys.schemes(year),
    path: '/assessment-schemes',
    query: { year },
    limit: 50,
  });
}

export function useScheme(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.scheme(id ?? ''),
    queryFn: () => api.get('/assessment-schemes/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useSheetList(id: string, filters: SheetFilters) {
  return useRouteList({
    queryKey: assessmentKeys.sheets(id, filters),
    path: '/assessment-schemes/:id/sheets',
    params: { id },
    query: { ...filters },
    limit: 100,
  });
}

/** Contests whose results are published (the ones that can fill a scheme). */
export function usePublishedContests(enabled: boolean) {
  return useQuery({
    queryKey: assessmentKeys.contests,
    queryFn: () => api.get('/contests', { query: { status: 'published', limit: 200 } }).then((p) => p.items),
    enabled,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: assessmentKeys.all });
}

export function useSaveScheme() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: AssessmentSchemeBody | AssessmentSchemeUpdateBody }) =>
      // An update carries the version it was read at; a new scheme its organisation and year.
      'version' in body
        ? api.patch('/assessment-schemes/:id', { params: { id: id! }, body })
        : api.post('/assessment-schemes', { body }),
    onSuccess: invalidate,
  });
}

export function useSchemeStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, status, version }: { id: string; status: AssessmentStatus; version: number }) =>
      api.post('/assessment-schemes/:id/status', { params: { id }, body: { status, version } }),
    onSuccess: invalidate,
  });
}

export function useFillFromContest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, contestId }: { id: string; contestId: string }) =>
      api.post('/assessment-schemes/:id/fill-from-contest', { params: { id }, body: { contestId } }),
    onSuccess: invalidate,
  });
}

export function useAddSheet() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, partyOrgId }: { id: string; partyOrgId: string }) =>
      api.post('/assessment-schemes/:id/sheets', { params: { id }, body: { partyOrgId } }),
    onSuccess: invalidate,
  });
}

export function useEnterValues() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, values, version }: { id: string; values: Record<string, number | null>; version: number }) =>
      api.patch('/assessment-sheets/:id', { params: { id }, body: { values, version } }),
    onSuccess: invalidate,
  });
}

/** 考核结果 filters (the dashboards' grade figures link here): a year, a grade, an area. */
export interface ResultFilters {
  year: number;
  grade?: AssessmentGrade;
  orgId?: string;
}

/** The sheets of one year's published schemes across schemes, best total first (with the total). */
export function useResultList(filters: ResultFilters) {
  return useRouteList({
    queryKey: ['assessments', 'results', filters],
    path: '/assessment-sheets',
    query: { ...filters },
    limit: 50,
    withTotal: true,
  });
}
