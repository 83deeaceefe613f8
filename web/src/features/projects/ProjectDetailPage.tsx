import { useCallback, useEffect } from 'react';
import { Alert, Space, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ProjectStatus, ProjectView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useT, type MessageKey } from '../../i18n';
import ProjectIndicatorsTab from '../execution/ProjectIndicatorsTab';
import ProjectProgressTab from '../execution/ProjectProgressTab';
import ProjectReportsTab from '../execution/ProjectReportsTab';
import ProjectReviewsTab from '../reviews/ProjectReviewsTab';
import { DeclarationContentView } from './DeclarationContentView';
import { ProjectStatusTag, RatingTag } from './display';
import { useCampaign, useProject } from './hooks';
import { ProjectActions } from './ProjectActions';
import { ProjectTimeline } from './ProjectTimeline';
import { ProjectVersionsTab } from './ProjectVersionsTab';
import './projects.css';

/** States in which the project has an approved plan (progress, indicators and reports exist). */
const EXECUTING: readonly ProjectStatus[] = ['approved', 'completed', 'terminated'];

type TabKey = 'overview' | 'versions' | 'reviews' | 'progress' | 'indicators' | 'reports' | 'timeline';

const TAB_LABELS: Record<TabKey, MessageKey> = {
  overview: 'projects.tab.overview',
  versions: 'projects.tab.versions',
  reviews: 'projects.tab.reviews',
  progress: 'projects.tab.progress',
  indicators: 'projects.tab.indicators',
  reports: 'projects.tab.reports',
  timeline: 'projects.tab.timeline',
};

export default function ProjectDetailPage() {
  const { id } = useParams();
  const q = useProject(id);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [id]);
  if (q.isPending) return <Spin className="ty-page-spin" />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} backTo="/projects" />;
  return <ProjectPage project={q.data} onChanged={() => void q.refetch()} />;
}

function ProjectPage({ project: p, onChanged }: { project: ProjectView; onChanged: () => void }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const campaign = useCampaign(p.campaignId);

  const themeName = useCallback(
    (code: string) =>
      campaign.data?.themes.find((th) => th.code === code)?.name ?? (code === p.theme ? p.themeName : code),
    [campaign.data, p.theme, p.themeName],
  );

  const executing = EXECUTING.includes(p.status);
  const keys: TabKey[] = [
    'overview',
    'versions',
    'reviews',
    ...(executing ? (['progress', 'indicators', 'reports'] as const) : []),
    'timeline',
  ];
  const asked = params.get('tab') as TabKey | null;
  const active: TabKey = asked && keys.includes(asked) ? asked : 'overview';

  const body = (k: TabKey) => {
    switch (k) {
      case 'overview':
        return <Overview project={p} themeName={themeName} />;
      case 'versions':
        return <ProjectVersionsTab project={p} themeName={themeName} />;
      case 'reviews':
        return <ProjectReviewsTab project={p} />;
      case 'progress':
        return <ProjectProgressTab project={p} />;
      case 'indicators':
        return <ProjectIndicatorsTab project={p} />;
      case 'reports':
        return <ProjectReportsTab project={p} />;
      case 'timeline':
        return <ProjectTimeline projectId={p.id} />;
    }
  };

  return (
    <div data-testid="project-detail">
      <PageHeader
        title={
          <div className="ty-project-head">
            <Link to="/projects" aria-label={t('projects.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {p.code ? (
              <span className="ty-project-code" data-testid="project-code">
                {p.code}
              </span>
            ) : (
              <Typography.Text type="secondary" data-testid="project-code" style={{ fontSize: 14, fontWeight: 400 }}>
                {t('projects.noCode')}
              </Typography.Text>
            )}
            <span data-testid="project-title">{p.title || t('projects.untitled')}</span>
            <ProjectStatusTag status={p.status} testId="project-status" />
            {p.latestRating && <RatingTag rating={p.latestRating} />}
          </div>
        }
        sub={
          <span className="ty-project-meta">
            <span>{t('projects.labelled', { label: t('projects.col.campaign'), value: p.campaignName })}</span>
            <span>{t('projects.labelled', { label: t('projects.col.org'), value: p.orgName })}</span>
            <span>{t('projects.labelled', { label: t('projects.field.secretary'), value: p.secretaryName })}</span>
            <span>{t('projects.labelled', { label: t('projects.col.region'), value: p.regionName })}</span>
            {p.versionNo > 0 && <span>{t('projects.currentVersion', { n: p.versionNo })}</span>}
          </span>
        }
        extra={<ProjectActions project={p} onChanged={onChanged} />}
      />
      <div className="ty-panel">
        <Tabs
          className="ty-project-tabs"
          activeKey={active}
          onChange={(k) => {
            const sp = new URLSearchParams(params);
            if (k === 'overview') sp.delete('tab');
            else sp.set('tab', k);
            setParams(sp, { replace: true });
          }}
          items={keys.map((k) => ({ key: k, label: t(TAB_LABELS[k]), children: body(k) }))}
        />
      </div>
    </div>
  );
}

function Overview({ project: p, themeName }: { project: ProjectView; themeName: (code: string) => string }) {
  const t = useT();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {p.lastDecisionNote && (p.status === 'returned' || p.status === 'rejected') && (
        <Alert
          type={p.status === 'rejected' ? 'error' : 'warning'}
          showIcon
          data-testid="decision-note"
          message={t(p.status === 'rejected' ? 'projects.rejectedNoteTitle' : 'projects.returnedNoteTitle')}
          description={<div className="ty-decision-note">{p.lastDecisionNote}</div>}
        />
      )}
      {p.terminationReason && (
        <Alert
          type="error"
          showIcon
          message={t('projects.timeline.reason.terminate')}
          description={<div className="ty-decision-note">{p.terminationReason}</div>}
        />
      )}
      {p.completionSummary && (
        <Alert
          type="success"
          showIcon
          message={t('projects.completeSummary')}
          description={<div className="ty-decision-note">{p.completionSummary}</div>}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          p.submittedAt && t('projects.submittedAt', { at: formatDateTime(p.submittedAt) }),
          p.approvedAt && t('projects.approvedAt', { at: formatDateTime(p.approvedAt) }),
          t('projects.updatedAt', { at: formatDateTime(p.updatedAt) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      <DeclarationContentView content={p.content} themeName={themeName} challengeTitle={p.challengeTitle} />
    </Space>
  );
}
