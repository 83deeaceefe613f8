import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@touyan/schemas/plain';
import { isApiError } from '../../api/client';
import { ErrorState, Forbidden } from '../../components/light/ErrorState';
import { FullPageSpinner } from '../../components/light/ui';
import { useMe } from '../auth/hooks';
import { kvGet, kvSet } from './offline';

let lastOk: boolean | undefined;
void kvGet<boolean>('signedIn').then((v) => (lastOk ??= v));

/**
 * LightGuard for the pass pages, which must open offline: when the session cannot be checked because
 * the network is down (not an answer from the server), the page renders from what it stored, provided
 * this phone was signed in with the permission last time it was online.
 */
export function OfflineGuard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpinner />;
  if (error) {
    if (!isApiError(error) && lastOk) return <>{children}</>;
    return (
      <div className="ty-light" style={{ padding: 16 }}>
        <ErrorState error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!me) {
    void kvSet('signedIn', false);
    lastOk = false;
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!me.permissions.includes(permission))
    return (
      <div className="ty-light">
        <Forbidden />
      </div>
    );
  if (!lastOk) {
    lastOk = true;
    void kvSet('signedIn', true);
  }
  return <>{children}</>;
}
