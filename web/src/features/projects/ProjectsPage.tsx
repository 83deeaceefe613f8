import { useMemo } from 'react';
import { Alert, Badge, Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  PROJECT_RATINGS,
  PROJECT_STATUSES,
  REPORT_TIMELINESS,
  SUPERVISION_STATES,
  TARGET_GROUPS,
  type ProjectListItem,
} from '@touyan/schemas';
import { buildQuery } from '../../api/client';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { ProjectStatusTag, RatingTag } from './display';
import { ProjectFiltersBar } from './ProjectFilters';
import { filterQuery, PROJECT_FILTER_KEYS, useProjectList, type ProjectFilters } from './hooks';
import './projects.css';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** Narrower than this (a phone, a small window) the table scrolls sideways rather than squeezing. */
const TABLE_MIN_WIDTH = 1040;

/** Filters from the address bar; unknown values are dropped so a hand-edited link still loads. */
function readFilters(sp: URLSearchParams): ProjectFilters {
  const f: Record<string, string> = {};
  for (const k of PROJECT_FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (v) f[k] = v;
  }
  if (f.status && !(f.status in PROJECT_STATUSES)) delete f.status;
  if (f.targetGroup && !(f.targetGroup in TARGET_GROUPS)) delete f.targetGroup;
  if (f.rating && !(f.rating in PROJECT_RATINGS)) delete f.rating;
  if (f.regionCode && !/^\d{6}$/.test(f.regionCode)) delete f.regionCode;
  if (f.overdue && f.overdue !== '1') delete f.overdue;
  if (f.q) f.q = f.q.slice(0, 60);
  for (const k of ['reportFrom', 'reportTo', 'supervisionFrom', 'supervisionTo'])
    if (f[k] && !/^\d{4}-\d{2}-\d{2}$/.test(f[k])) delete f[k];
  if (f.report && !(f.report in REPORT_TIMELINESS)) delete f.report;
  if (f.reportRating && !(f.reportRating in PROJECT_RATINGS)) delete f.reportRating;
  if (f.supervision && !(f.supervision in SUPERVISION_STATES)) delete f.supervision;
  return f as ProjectFilters;
}

const NO_DASHBOARD_FILTER: ProjectFilters = {
  reportFrom: undefined,
  reportTo: undefined,
  report: undefined,
  reportRating: undefined,
  supervision: undefined,
  supervisionFrom: undefined,
  supervisionTo: undefined,
};

/** The dashboards' filters (季度报告, 督办) the bar above does not show: said in words, cleared at once. */
function DashboardFilter({ filters: f, onClear }: { filters: ProjectFilters; onClear: () => void }) {
  const t = useT();
  const label = useLabel();
  const parts: string[] = [];
  if (f.report || f.reportRating || f.reportFrom || f.reportTo)
    parts.push(
      t('projects.filter.reports', {
        from: f.reportFrom ?? '…',
        to: f.reportTo ?? '…',
        state: [
          f.report ? label(REPORT_TIMELINESS, f.report) : '',
          f.reportRating ? label(PROJECT_RATINGS, f.reportRating) : '',
        ]
          .filter(Boolean)
          .join('、'),
      }),
    );
  if (f.supervision || f.supervisionFrom || f.supervisionTo)
    parts.push(
      t('projects.filter.supervision', {
        from: f.supervisionFrom ?? '…',
        to: f.supervisionTo ?? '…',
        state: f.supervision ? label(SUPERVISION_STATES, f.supervision) : '',
      }),
    );
  if (parts.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="project-dashboard-filter"
      message={parts.join('；')}
      action={
        <Button size="small" onClick={onClear}>
          {t('projects.filter.clearDashboard')}
        </Button>
      }
    />
  );
}

/** One line that ends in … when too long, with the whole text in a tooltip then. */
function Line({ text, sub, mono }: { text: string; sub?: boolean; mono?: boolean }) {
  return (
    <Typography.Text
      className={`ty-cell-line${mono ? ' ty-mono' : ''}`}
      type={sub ? 'secondary' : undefined}
      ellipsis={{ tooltip: text }}
    >
      {text}
    </Typography.Text>
  );
}

/**
 * The list's columns fit a 1440 px screen without scrolling sideways: the code sits under the title,
 * the theme under the campaign and the region under the organisation; long text ends in … with a
 * tooltip. Only the short columns have fixed widths; the project column takes the rest.
 */
function useColumns(): ColumnsType<ProjectListItem> {
  const t = useT();
  return [
    {
      title: t('projects.col.project'),
      key: 'project',
      render: (_: unknown, r) => {
        const title = r.title || t('projects.untitled');
        return (
          <div className="ty-cell-stack">
            <Link to={`/projects/${r.id}`} className="ty-cell-link">
              <Typography.Text className="ty-cell-line" ellipsis={{ tooltip: title }} style={{ color: 'inherit' }}>
                {title}
              </Typography.Text>
            </Link>
            {r.code ? <Line text={r.code} sub mono /> : <Line text={t('projects.noCode')} sub />}
          </div>
        );
      },
    },
    {
      title: t('projects.col.status'),
      dataIndex: 'status',
      width: 124,
      render: (s: ProjectListItem['status']) => <ProjectStatusTag status={s} />,
    },
    {
      title: t('projects.col.campaignTheme'),
      key: 'campaign',
      width: 196,
      render: (_: unknown, r) => (
        <div className="ty-cell-stack">
          <Line text={r.campaignName} />
          {r.theme ? <Line text={r.themeName} sub /> : dash}
        </div>
      ),
    },
    {
      title: t('projects.col.orgRegion'),
      key: 'org',
      width: 188,
      render: (_: unknown, r) => (
        <div className="ty-cell-stack">
          <Line text={r.orgName} />
          <Line text={r.regionName} sub />
        </div>
      ),
    },
    {
      title: t('projects.col.secretary'),
      dataIndex: 'secretaryName',
      width: 88,
      render: (name: string) => (name ? <Line text={name} /> : dash),
    },
    {
      title: t('projects.col.version'),
      dataIndex: 'versionNo',
      width: 64,
      align: 'center',
      render: (n: number) => (n > 0 ? t('projects.versionNo', { n }) : dash),
    },
    {
      title: t('projects.col.rating'),
      dataIndex: 'latestRating',
      width: 92,
      render: (r: ProjectListItem['latestRating']) => (r ? <RatingTag rating={r} /> : dash),
    },
    {
      title: t('projects.col.overdue'),
      dataIndex: 'overdueReports',
      width: 84,
      align: 'center',
      render: (n: number) =>
        n > 0 ? (
          <Badge count={n} title={t('projects.overdueCount', { n })} data-testid="overdue-count" />
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
  ];
}

export default function ProjectsPage() {
  const t = useT();
  const can = usePermissions();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const list = useProjectList(filters);
  const columns = useColumns();

  const exportHref = `/api/projects/export.xlsx${buildQuery(filterQuery(filters))}`;

  const setFilters = (f: ProjectFilters) => {
    const sp = new URLSearchParams();
    for (const k of PROJECT_FILTER_KEYS) if (f[k]) sp.set(k, String(f[k]));
    setParams(sp, { replace: true });
  };

  return (
    <div data-testid="projects-page">
      <PageHeader
        title={t('projects.title')}
        sub={t('projects.sub')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={exportHref} download data-testid="project-export">
              {t('projects.export')}
            </Button>
            {can('project.declare') && (
              <CreateButton
                onClick={() =>
                  navigate(`/projects/new${filters.campaignId ? `?campaignId=${filters.campaignId}` : ''}`)
                }
              >
                {t('projects.create')}
              </CreateButton>
            )}
          </>
        }
      />
      <DashboardFilter filters={filters} onClear={() => setFilters({ ...filters, ...NO_DASHBOARD_FILTER })} />
      <div className="ty-panel">
        <ProjectFiltersBar value={filters} onChange={setFilters} />
        <InfiniteTable<ProjectListItem>
          className="ty-project-table"
          query={list}
          columns={columns}
          tableLayout="fixed"
          scroll={{ x: TABLE_MIN_WIDTH }}
          rowClassName={(r) => (r.overdueReports > 0 ? 'ty-row-overdue' : '')}
          empty={Object.keys(filters).length ? t('projects.emptyFiltered') : t('projects.empty')}
          footer={{ total: true, countTestId: 'project-total', noMore: true }}
        />
      </div>
    </div>
  );
}
