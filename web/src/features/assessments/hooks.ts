import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentFillResult,
  AssessmentGrade,
  AssessmentSchemeBody,
  AssessmentSchemeUpdateBody,
  AssessmentSchemeView,
  AssessmentSheetView,
  AssessmentStatus,
  ContestListItem,
  Page,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useCursorList } from '../../components/list-kit/query';

export interface SheetFilters {
  q?: string;
  grade?: AssessmentGrade;
  /** '1': every item entered; '0': some not yet. */
  complete?: '1' | '0';
}

export const assessmentKeys = {
  all: ['assessments'] as const,
  schemes: (year?: number) => ['assessments', 'schemes', year ?? 'all'] as const,
  scheme: (id: string) => ['assessments', 'scheme', id] as const,
  sheets: (id: string, f: SheetFilters) => ['assessments', 'sheets', id, f] as const,
  contests: ['assessments', 'published-contests'] as const,
};

export function useSchemeList(year?: number) {
  return useCursorList<Page<AssessmentSchemeView>>({
    queryKey: assessmentKeys.schemes(year),
    path: '/assessment-schemes',
    query: { year },
    limit: 50,
  });
}

export function useScheme(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.scheme(id ?? ''),
    queryFn: () => api.get<AssessmentSchemeView>(`/assessment-schemes/${id}`),
    enabled: !!id,
  });
}

export function useSheetList(id: string, filters: SheetFilters) {
  return useCursorList<Page<AssessmentSheetView>>({
    queryKey: assessmentKeys.sheets(id, filters),
    path: `/assessment-schemes/${id}/sheets`,
    query: { ...filters },
    limit: 100,
  });
}

/** Contests whose results are published (the ones that can fill a scheme). */
export function usePublishedContests(enabled: boolean) {
  return useQuery({
    queryKey: assessmentKeys.contests,
    queryFn: () =>
      api.get<Page<ContestListItem>>('/contests', { status: 'published', limit: 200 }).then((p) => p.items),
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
      id
        ? api.patch<AssessmentSchemeView>(`/assessment-schemes/${id}`, body)
        : api.post<AssessmentSchemeView>('/assessment-schemes', body),
    onSuccess: invalidate,
  });
}

export function useSchemeStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, status, version }: { id: string; status: AssessmentStatus; version: number }) =>
      api.post<AssessmentSchemeView>(`/assessment-schemes/${id}/status`, { status, version }),
    onSuccess: invalidate,
  });
}

export function useFillFromContest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, contestId }: { id: string; contestId: string }) =>
      api.post<AssessmentFillResult>(`/assessment-schemes/${id}/fill-from-contest`, { contestId }),
    onSuccess: invalidate,
  });
}

export function useAddSheet() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, partyOrgId }: { id: string; partyOrgId: string }) =>
      api.post<AssessmentSheetView>(`/assessment-schemes/${id}/sheets`, { partyOrgId }),
    onSuccess: invalidate,
  });
}

export function useEnterValues() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, values, version }: { id: string; values: Record<string, number | null>; version: number }) =>
      api.patch<AssessmentSheetView>(`/assessment-sheets/${id}`, { values, version }),
    onSuccess: invalidate,
  });
}
