import type { AuditListQuery } from '@touyan/schemas';
import { useRouteList } from '../../components/list-kit/query';

export type AuditFilters = Partial<Pick<AuditListQuery, 'userId' | 'entityType' | 'action' | 'from' | 'to'>>;

export function useAuditList(filters: AuditFilters) {
  return useRouteList({
    queryKey: ['audit-logs', filters],
    path: '/audit-logs',
    query: { ...filters },
    limit: 30,
  });
}
