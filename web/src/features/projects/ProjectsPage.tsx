import { useMemo } from 'react';
import { Badge, Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PROJECT_RATINGS, PROJECT_STATUSES, TARGET_GROUPS, type ProjectListItem } from '@touyan/schemas';
import { buildQuery } from '../../api/client';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { ProjectStatusTag, RatingTag } from './display';
import { ProjectFiltersBar } from './ProjectFilters';
import { filterQuery, PROJECT_FILTER_KEYS, useProjectList, type ProjectFilters } from './hooks';
import './projects.css';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

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
  return f as ProjectFilters;
}

function useColumns(): ColumnsType<ProjectListItem> {
  const t = useT();
  const isMobile = useIsMobile();
  return [
    {
      title: t('projects.col.code'),
      dataIndex: 'code',
      fixed: isMobile ? undefined : 'left',
      width: 130,
      render: (code: string | null) =>
        code ? (
          <span className="ty-mono">{code}</span>
        ) : (
          <Typography.Text type="secondary">{t('projects.noCode')}</Typography.Text>
        ),
    },
    {
      title: t('projects.col.title'),
      dataIndex: 'title',
      fixed: isMobile ? undefined : 'left',
      width: isMobile ? 180 : 260,
      render: (title: string, r) => <Link to={`/projects/${r.id}`}>{title || t('projects.untitled')}</Link>,
    },
    {
      title: t('projects.col.status'),
      dataIndex: 'status',
      width: 130,
      render: (s: ProjectListItem['status']) => <ProjectStatusTag status={s} />,
    },
    { title: t('projects.col.campaign'), dataIndex: 'campaignName', width: 200, ellipsis: true },
    {
      title: t('projects.col.theme'),
      dataIndex: 'themeName',
      width: 170,
      ellipsis: true,
      render: (v: string, r) => (r.theme ? v : dash),
    },
    { title: t('projects.col.org'), dataIndex: 'orgName', width: 190, ellipsis: true },
    { title: t('projects.col.region'), dataIndex: 'regionName', width: 100 },
    { title: t('projects.col.secretary'), dataIndex: 'secretaryName', width: 90 },
    {
      title: t('projects.col.version'),
      dataIndex: 'versionNo',
      width: 80,
      align: 'center',
      render: (n: number) => (n > 0 ? t('projects.versionNo', { n }) : dash),
    },
    {
      title: t('projects.col.rating'),
      dataIndex: 'latestRating',
      width: 110,
      render: (r: ProjectListItem['latestRating']) => (r ? <RatingTag rating={r} /> : dash),
    },
    {
      title: t('projects.col.overdue'),
      dataIndex: 'overdueReports',
      width: 100,
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
      <div className="ty-panel">
        <ProjectFiltersBar value={filters} onChange={setFilters} />
        <InfiniteTable<ProjectListItem>
          className="ty-project-table"
          query={list}
          columns={columns}
          rowClassName={(r) => (r.overdueReports > 0 ? 'ty-row-overdue' : '')}
          empty={Object.keys(filters).length ? t('projects.emptyFiltered') : t('projects.empty')}
          footer={{ total: true, countTestId: 'project-total', noMore: true }}
        />
      </div>
    </div>
  );
}
