import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import type { Permission } from '@touyan/schemas';
import { AppLayout } from './components/AppLayout';
import { NotFoundPage } from './components/NotFound';
import { FullPageSpin, RequireAuth, RequirePermission } from './features/auth/RequireAuth';
import { useLocale } from './i18n';
import { theme } from './theme';

const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const HomePage = lazy(() => import('./features/home/HomePage'));
const RegionsPage = lazy(() => import('./features/regions/RegionsPage'));
const PartyOrgsPage = lazy(() => import('./features/party-orgs/PartyOrgsPage'));
const HostOrgsPage = lazy(() => import('./features/host-orgs/HostOrgsPage'));
const HostOrgDetailPage = lazy(() => import('./features/host-orgs/HostOrgDetailPage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
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
const JudgeHomePage = lazy(() => import('./features/contests/JudgeHomePage'));
const JudgeContestPage = lazy(() => import('./features/contests/JudgeContestPage'));
const BigScreenPage = lazy(() => import('./features/contests/BigScreenPage'));
const AssessmentsPage = lazy(() => import('./features/assessments/AssessmentsPage'));
const AssessmentSchemePage = lazy(() => import('./features/assessments/AssessmentSchemePage'));

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
  { path: 'assessments/:id', permission: 'assessment.read', element: <AssessmentSchemePage /> },
];

/** Light pages outside the admin layout: the judge's phone pages and the projector. */
const BARE_ROUTES: { path: string; permission: Permission; element: ReactNode }[] = [
  { path: '/judge', permission: 'contest.score', element: <JudgeHomePage /> },
  { path: '/judge/contests/:id', permission: 'contest.score', element: <JudgeContestPage /> },
  { path: '/screen/contests/:id', permission: 'contest.read', element: <BigScreenPage /> },
];

function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  return <RequirePermission permission={permission}>{children}</RequirePermission>;
}

export function Root() {
  const [locale] = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<FullPageSpin />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/reviews/:id/minutes"
                element={
                  <RequireAuth>
                    <Guard permission="review.read">
                      <MinutesPrintPage />
                    </Guard>
                  </RequireAuth>
                }
              />
              {BARE_ROUTES.map((r) => (
                <Route
                  key={r.path}
                  path={r.path}
                  element={
                    <RequireAuth>
                      <Guard permission={r.permission}>{r.element}</Guard>
                    </RequireAuth>
                  }
                />
              ))}
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
                {PROJECT_ROUTES.map((r) => (
                  <Route key={r.path} path={r.path} element={<Guard permission={r.permission}>{r.element}</Guard>} />
                ))}
                <Route path="notifications" element={<NotificationsPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
