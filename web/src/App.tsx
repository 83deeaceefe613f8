import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import type { Permission } from '@touyan/schemas/plain';
import { ToastProvider } from './components/light/feedback';
import { LightGuard } from './components/light/Guard';
import { FullPageSpinner } from './components/light/ui';
import './components/light/light.css';

/**
 * The shell: it decides by the address, before any page code loads, between
 *  - the light pages — login, the judge's phone pages, the big screen — plain React with the small
 *    components of components/light (no antd, no zod), each loaded on its own, and
 *  - the administration app (AdminApp: antd, the layout, every other page), loaded as one lazy chunk.
 * CONVENTIONS "Phone pages … are their own light entry points"; budgets in scripts/page-budget.mjs.
 * Light pages must not import antd, @ant-design/icons, zod or values from the @touyan/schemas barrel
 * (ESLint enforces it; values come from @touyan/schemas/plain).
 */
const AdminApp = lazy(() => import('./AdminApp'));
const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const JudgeHomePage = lazy(() => import('./features/contests/JudgeHomePage'));
const JudgeContestPage = lazy(() => import('./features/contests/JudgeContestPage'));
const BigScreenPage = lazy(() => import('./features/contests/BigScreenPage'));
const FieldPage = lazy(() => import('./features/visits/FieldPage'));
const StationsPage = lazy(() => import('./features/stations/StationsPage'));
const StationPage = lazy(() => import('./features/stations/StationPage'));
const WorkerPage = lazy(() => import('./features/workers/WorkerPage'));
const GigsPage = lazy(() => import('./features/gigs/GigsPage'));
const GigFairPage = lazy(() => import('./features/gigs/GigFairPage'));
const OnlineVisitPage = lazy(() => import('./features/visits/OnlineVisitPage'));
// 小哥码 (issue 12): they check the session themselves (OfflineGuard), so they open offline.
const RiderPage = lazy(() => import('./features/passes/RiderPage'));
const GuardPage = lazy(() => import('./features/passes/GuardPage'));
// 调裁诉援 (issue 14): the mediator's phone page.
const MediatorPage = lazy(() => import('./features/disputes/MediatorPage'));
const AgreementPage = lazy(() => import('./features/disputes/AgreementPage'));
const SummaryPage = lazy(() => import('./features/disputes/SummaryPage'));
const MyDisputesPage = lazy(() => import('./features/disputes/MyDisputesPage'));

/** Light pages for a signed-in user: path, permission, page. */
const LIGHT_ROUTES: { path: string; permission: Permission; element: ReactNode }[] = [
  { path: '/judge', permission: 'contest.score', element: <JudgeHomePage /> },
  { path: '/judge/contests/:id', permission: 'contest.score', element: <JudgeContestPage /> },
  { path: '/screen/contests/:id', permission: 'contest.read', element: <BigScreenPage /> },
  { path: '/field', permission: 'visit.write', element: <FieldPage /> },
  { path: '/stations', permission: 'station.read', element: <StationsPage /> },
  { path: '/station', permission: 'station.upkeep', element: <StationPage /> },
  { path: '/worker', permission: 'self', element: <WorkerPage /> },
  { path: '/gigs', permission: 'gig.apply', element: <GigsPage /> },
  { path: '/gigs/fair/:id', permission: 'gig.apply', element: <GigFairPage /> },
  { path: '/mediator', permission: 'dispute.write', element: <MediatorPage /> },
  { path: '/disputes/:id/agreement', permission: 'dispute.read', element: <AgreementPage /> },
  { path: '/disputes/:id/summary', permission: 'dispute.read', element: <SummaryPage /> },
  { path: '/worker/disputes', permission: 'self', element: <MyDisputesPage /> },
];

export function Root() {
  return (
    <BrowserRouter>
      <ToastProvider>
        <Suspense fallback={<FullPageSpinner />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            {/* 线上访企: the firm's form, opened from the link without logging in. */}
            <Route path="/v/:token" element={<OnlineVisitPage />} />
            <Route path="/rider" element={<RiderPage />} />
            <Route path="/guard" element={<GuardPage />} />
            {LIGHT_ROUTES.map((r) => (
              <Route
                key={r.path}
                path={r.path}
                element={<LightGuard permission={r.permission}>{r.element}</LightGuard>}
              />
            ))}
            <Route path="*" element={<AdminApp />} />
          </Routes>
        </Suspense>
      </ToastProvider>
    </BrowserRouter>
  );
}
