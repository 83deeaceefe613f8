import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import { useCursorList } from '../../components/list-kit/query';

export type AuditFilters = Partial<Pick<AuditListQuery, 'userId' | 'entityType' | 'action' | 'from' | 'to'>>;

export function useAuditList(filters: AuditFilters) {
  return useCursorList<Page<AuditView>>({
    queryKey: ['audit-logs', filters],
    path: '/audit-logs',
    query: { ...filters },
    limit: 30,
  });
}
