import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { Route, Routes } from 'react-router-dom';
import type { Permission } from '@touyan/schemas';
import { ALL_STRINGS } from './i18n/strings';
import { AppLayout } from './components/AppLayout';
import { NotFoundPage } from './components/NotFound';
import { FullPageSpin, RequireAuth, RequirePermission } from './features/auth/RequireAuth';
import { addStrings, useLocale } from './i18n';
import { theme } from './theme';

const HomePage = lazy(() => import('./features/home/HomePage'));
const RegionsPage = lazy(() => import('./features/regions/RegionsPage'));
const PartyOrgsPage = lazy(() => import('./features/party-orgs/PartyOrgsPage'));
const HostOrgsPage = lazy(() => import('./features/host-orgs/HostOrgsPage'));
const HostOrgDetailPage = lazy(() => import('./features/host-orgs/HostOrgDetailPage'));
const CoveragePage = lazy(() => import('./features/host-orgs/CoveragePage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
const JobsPage = lazy(() => import('./features/jobs/JobsPage'));
const CampaignsPage = lazy(() => import('./features/campaigns/CampaignsPage'));
const CampaignDetailPage = lazy(() => import('./features/campaigns/CampaignDetailPage'));
const ChallengeBoardPage = lazy(() => import('./features/challenges/ChallengeBoardPage'));
const ProjectsPage = lazy(() => import('./features/projects/ProjectsPage'));
const DeclarationPage = lazy(() => import('./features/projects/DeclarationPage'));
const ProjectDetailPage = lazy(() => import('./features/projects/ProjectDetailPage'));
const ReviewMeetingsPage = lazy(() => import('./features/reviews/ReviewMeetingsPage'));
const ReviewMeetingPage = lazy(() => import('./features/reviews/ReviewMeetingPage'));
const MinutesPrintPage = lazy(() => import('./features/reviews/MinutesPrintPage'));
const QuarterlyOverviewPage = lazy(() => import('./features/execution/QuarterlyOverviewPage'));
const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage'));
const ContestsPage = lazy(() => import('./features/contests/ContestsPage'));
const ContestPage = lazy(() => import('./features/contests/ContestPage'));
const RubricTemplatesPage = lazy(() => import('./features/contests/RubricTemplatesPage'));
const HostConsolePage = lazy(() => import('./features/contests/HostConsolePage'));
const ContestResultsPage = lazy(() => import('./features/contests/ResultsPage'));
const AssessmentsPage = lazy(() => import('./features/assessments/AssessmentsPage'));
const AssessmentSchemePage = lazy(() => import('./features/assessments/AssessmentSchemePage'));
const AssessmentResultsPage = lazy(() => import('./features/assessments/AssessmentResultsPage'));
const DemandsPage = lazy(() => import('./features/demands/DemandsPage'));
const VisitsPage = lazy(() => import('./features/visits/VisitsPage'));
const StationLedgerPage = lazy(() => import('./features/stations/LedgerPage'));
const WorkersPage = lazy(() => import('./features/workers/WorkersPage'));
const GigJobsPage = lazy(() => import('./features/gigs/GigJobsPage'));
const GigFairsPage = lazy(() => import('./features/gigs/GigFairsPage'));
const GigPushesPage = lazy(() => import('./features/gigs/GigPushesPage'));
const GigIntentionsPage = lazy(() => import('./features/gigs/GigIntentionsPage'));
const PassesPage = lazy(() => import('./features/passes/PassesPage'));
const ScansPage = lazy(() => import('./features/passes/ScansPage'));
const DisputesPage = lazy(() => import('./features/disputes/DisputesPage'));
const ConsultationsPage = lazy(() => import('./features/disputes/ConsultationsPage'));
// 监管驾驶舱 and 数据大屏 (issue 15).
const DashboardPage = lazy(() => import('./features/dashboards/DashboardPage'));
const DashboardPrintPage = lazy(() => import('./features/dashboards/DashboardPrintPage'));
const ScreenPage = lazy(() => import('./features/dashboards/ScreenPage'));

// The admin app shows every feature: all string tables (the light shell adds only its own).
addStrings(...ALL_STRINGS);

/** Pages of the project mechanism: path, permission, page. */
const PROJECT_ROUTES: { path: string; permission: Permission; element: ReactNode }[] = [
  { path: 'campaigns', permission: 'campaign.read', element: <CampaignsPage /> },
  { path: 'campaigns/:id', permission: 'campaign.read', element: <CampaignDetailPage /> },
  { path: 'challenges', permission: 'challenge.read', element: <ChallengeBoardPage /> },
  { path: 'projects', permission: 'project.read', element: <ProjectsPage /> },
  { path: 'projects/new', permission: 'project.declare', element: <DeclarationPage /> },
  { path: 'projects/:id', permission: 'project.read', element: <ProjectDetailPage /> },
  { path: 'projects/:id/edit', permission: 'project.declare', element: <DeclarationPage /> },
  { path: 'reviews', permission: 'review.read', element: <ReviewMeetingsPage /> },
  { path: 'reviews/:id', permission: 'review.read', element: <ReviewMeetingPage /> },
  { path: 'quarterly', permission: 'project.manage', element: <QuarterlyOverviewPage /> },
  { path: 'contests', permission: 'contest.read', element: <ContestsPage /> },
  { path: 'contests/rubric-templates', permission: 'contest.manage', element: <RubricTemplatesPage /> },
  { path: 'contests/:id', permission: 'contest.read', element: <ContestPage /> },
  { path: 'contests/:id/host', permission: 'contest.manage', element: <HostConsolePage /> },
  { path: 'contests/:id/results', permission: 'contest.read', element: <ContestResultsPage /> },
  { path: 'assessments', permission: 'assessment.read', element: <AssessmentsPage /> },
  { path: 'assessments/results', permission: 'assessment.manage', element: <AssessmentResultsPage /> },
  { path: 'assessments/:id', permission: 'assessment.read', element: <AssessmentSchemePage /> },
  { path: 'demands', permission: 'demand.read', element: <DemandsPage /> },
  { path: 'visits', permission: 'visit.read', element: <VisitsPage /> },
  { path: 'stations/ledger', permission: 'station.manage', element: <StationLedgerPage /> },
  { path: 'workers', permission: 'worker.read', element: <WorkersPage /> },
  { path: 'gigs/jobs', permission: 'gig.post', element: <GigJobsPage /> },
  { path: 'dashboards', permission: 'dashboard.read', element: <DashboardPage /> },
  { path: 'gigs/fairs', permission: 'gig.read', element: <GigFairsPage /> },
  { path: 'gigs/pushes', permission: 'gig.manage', element: <GigPushesPage /> },
  { path: 'gigs/intentions', permission: 'gig.post', element: <GigIntentionsPage /> },
  { path: 'passes', permission: 'pass.read', element: <PassesPage /> },
  { path: 'passes/scans', permission: 'pass.read', element: <ScansPage /> },
  { path: 'disputes', permission: 'dispute.read', element: <DisputesPage /> },
  { path: 'disputes/consultations', permission: 'dispute.read', element: <ConsultationsPage /> },
];

function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  return <RequirePermission permission={permission}>{children}</RequirePermission>;
}

/**
 * The administration app: antd, the layout with its menu, and every page but the light ones (login,
 * the judge's phone pages, the big screen), which the shell in App.tsx routes without loading this.
 * Rendered under the shell's `path="*"` route, so its paths are relative to `/`.
 */
export default function AdminApp() {
  const [locale] = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Suspense fallback={<FullPageSpin />}>
          <Routes>
            <Route
              path="dashboards/print"
              element={
                <RequireAuth>
                  <Guard permission="dashboard.read">
                    <DashboardPrintPage />
                  </Guard>
                </RequireAuth>
              }
            />
            <Route
              path="screen"
              element={
                <RequireAuth>
                  <Guard permission="dashboard.read">
                    <ScreenPage />
                  </Guard>
                </RequireAuth>
              }
            />
            <Route
              path="reviews/:id/minutes"
              element={
                <RequireAuth>
                  <Guard permission="review.read">
                    <MinutesPrintPage />
                  </Guard>
                </RequireAuth>
              }
            />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route
                path="regions"
                element={
                  <Guard permission="region.read">
                    <RegionsPage />
                  </Guard>
                }
              />
              <Route
                path="party-orgs"
                element={
                  <Guard permission="partyOrg.read">
                    <PartyOrgsPage />
                  </Guard>
                }
              />
              <Route
                path="host-orgs"
                element={
                  <Guard permission="hostOrg.read">
                    <HostOrgsPage />
                  </Guard>
                }
              />
              <Route
                path="host-orgs/new"
                element={
                  <Guard permission="hostOrg.write">
                    <HostOrgsPage creating />
                  </Guard>
                }
              />
              <Route
                path="host-orgs/coverage"
                element={
                  <Guard permission="hostOrg.read">
                    <CoveragePage />
                  </Guard>
                }
              />
              <Route
                path="host-orgs/:id"
                element={
                  <Guard permission="hostOrg.read">
                    <HostOrgDetailPage />
                  </Guard>
                }
              />
              <Route
                path="users"
                element={
                  <Guard permission="user.read">
                    <UsersPage />
                  </Guard>
                }
              />
              <Route
                path="audit"
                element={
                  <Guard permission="audit.read">
                    <AuditPage />
                  </Guard>
                }
              />
              <Route
                path="admin/jobs"
                element={
                  <Guard permission="job.admin">
                    <JobsPage />
                  </Guard>
                }
              />
              {PROJECT_ROUTES.map((r) => (
                <Route key={r.path} path={r.path} element={<Guard permission={r.permission}>{r.element}</Guard>} />
              ))}
              <Route path="notifications" element={<NotificationsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
