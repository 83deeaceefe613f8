import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { Forbidden } from '../../components/NotFound';
import { useMe } from './hooks';

export function FullPageSpin() {
  return (
    <div className="ty-full-spin">
      <Spin size="large" />
    </div>
  );
}

/** Renders its children only for a logged-in user; otherwise goes to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** A page for users holding a permission; others see the 403 page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me?.permissions.includes(permission)) return <Forbidden />;
  return <>{children}</>;
}
