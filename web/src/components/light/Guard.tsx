import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@touyan/schemas/plain';
import { useMe } from '../../features/auth/hooks';
import { ErrorState, Forbidden } from './ErrorState';
import { FullPageSpinner } from './ui';

/**
 * A light page for a logged-in user holding `permission`: others go to /login?next=…, or see the 403
 * page (the light shell's RequireAuth + RequirePermission).
 */
export function LightGuard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpinner />;
  if (error)
    return (
      <div className="ty-light" style={{ padding: 16 }}>
        <ErrorState error={error} onRetry={() => void refetch()} />
      </div>
    );
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!me.permissions.includes(permission))
    return (
      <div className="ty-light">
        <Forbidden />
      </div>
    );
  return <>{children}</>;
}
