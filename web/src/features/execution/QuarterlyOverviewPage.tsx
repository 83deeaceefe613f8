import { useMemo } from 'react';
import { Badge, Card, Col, Empty, List, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import {
  PROJECT_RATINGS,
  quarterLabel,
  quarterOf,
  REPORT_STATUSES,
  type ProjectRating,
  type QuarterOverview,
  type ReportStatus,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { ListEmpty } from '../../components/list-kit/ListEmpty';
import { PageHeader } from '../../components/PageHeader';
import { BEIJING, formatDateTime } from '../../components/time';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import { useCampaignChoices, useQuarterOverview } from './hooks';
import { RatingTag } from './tags';
import { TEXT } from '../../theme';
import './execution.css';

type Row = QuarterOverview['rows'][number];
type StatusFilter = ReportStatus | 'missing' | 'overdue';

const STATUS_COLOR: Record<ReportStatus | 'missing', string> = {
  pending: 'default',
  filed: 'processing',
  rated: 'success',
  missing: 'default',
};

function StatusCell({ r }: { r: Row }) {
  const t = useT();
  const label = useLabel();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[r.status]} style={{ marginInlineEnd: 0 }}>
        {r.status === 'missing' ? t('execution.notDue') : label(REPORT_STATUSES, r.status)}
      </Tag>
      {r.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('execution.overdue')}
        </Tag>
      )}
      {r.filedLate && (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          {t('execution.filedLate')}
        </Tag>
      )}
    </Space>
  );
}

function useColumns(): ColumnsType<Row> {
  const t = useT();
  return [
    {
      title: t('execution.code'),
      dataIndex: 'code',
      width: 120,
      render: (v: string | null) => <span className="ty-mono">{v ?? '—'}</span>,
    },
    {
      title: t('execution.project'),
      dataIndex: 'title',
      width: 260,
      render: (_: string, r) => <Link to={`/projects/${r.projectId}?tab=reports`}>{r.title}</Link>,
    },
    { title: t('execution.org'), dataIndex: 'orgName', width: 170, responsive: ['lg'] },
    { title: t('execution.region'), dataIndex: 'regionName', width: 100, responsive: ['xxl'] },
    {
      title: t('execution.dueDate'),
      dataIndex: 'dueDate',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('execution.status'), key: 'status', width: 150, render: (_, r) => <StatusCell r={r} /> },
    {
      title: t('execution.filedAt'),
      dataIndex: 'filedAt',
      width: 140,
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: t('execution.rating'),
      dataIndex: 'rating',
      width: 100,
      render: (v: ProjectRating | null) => <RatingTag rating={v} />,
    },
    {
      title: t('execution.openSupervision'),
      dataIndex: 'openSupervision',
      width: 70,
      align: 'center',
      render: (n: number) => (n ? <Badge count={n} color="orange" /> : '—'),
    },
  ];
}

function Totals({ o }: { o: QuarterOverview }) {
  const t = useT();
  const label = useLabel();
  const cards: { key: string; label: string; value: number; color?: string }[] = [
    { key: 'projects', label: t('execution.totalProjects'), value: o.totals.projects },
    { key: 'filed', label: t('execution.totalFiled'), value: o.totals.filed, color: '#1f5fa8' },
    { key: 'pending', label: t('execution.totalPending'), value: o.totals.pending },
    { key: 'overdue', label: t('execution.totalOverdue'), value: o.totals.overdue, color: '#c8161d' },
    { key: 'rated', label: t('execution.totalRated'), value: o.totals.rated },
    { key: 'onTrack', label: label(PROJECT_RATINGS, 'on_track'), value: o.totals.onTrack, color: TEXT.success },
    { key: 'lagging', label: label(PROJECT_RATINGS, 'lagging'), value: o.totals.lagging, color: TEXT.warning },
    { key: 'atRisk', label: label(PROJECT_RATINGS, 'at_risk'), value: o.totals.atRisk, color: '#cf1322' },
  ];
  return (
    <Row gutter={[12, 12]} className="ty-ex-totals">
      {cards.map((c) => (
        <Col key={c.key} xs={8} md={6} xl={3}>
          <Card size="small" variant="borderless" data-testid={`total-${c.key}`}>
            <Statistic
              title={c.label}
              value={c.value}
              valueStyle={c.color && c.value > 0 ? { color: c.color } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 季度分析: one campaign's quarter — who filed, who is overdue, how each project was rated. */
export default function QuarterlyOverviewPage() {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const isMobile = useIsMobile();
  const columns = useColumns();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaignChoices();

  const now = quarterOf(dayjs().tz(BEIJING).format('YYYY-MM-DD'));
  const campaign =
    campaigns.data?.find((c) => c.id === params.get('campaignId')) ??
    campaigns.data?.find((c) => c.status === 'published') ??
    campaigns.data?.[0];
  const year = Number(params.get('year')) || campaign?.year || now.year;
  const defaultQuarter = year === now.year ? now.quarter : year < now.year ? 4 : 1;
  const quarter = Number(params.get('quarter')) || defaultQuarter;
  const status = (params.get('status') ?? undefined) as StatusFilter | undefined;
  const rating = (params.get('rating') ?? undefined) as ProjectRating | undefined;

  const overview = useQuarterOverview({ campaignId: campaign?.id, year, quarter });

  const set = (patch: Record<string, string | number | undefined>) => {
    const sp = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') sp.delete(k);
      else sp.set(k, String(v));
    }
    setParams(sp, { replace: true });
  };

  const rows = useMemo(() => {
    const all = overview.data?.rows ?? [];
    return all.filter(
      (r) => (!status || (status === 'overdue' ? r.overdue : r.status === status)) && (!rating || r.rating === rating),
    );
  }, [overview.data, status, rating]);

  const years = useMemo(() => {
    const ys = new Set<number>([now.year, year, ...(campaigns.data ?? []).map((c) => c.year)]);
    return [...ys].sort((a, b) => b - a);
  }, [campaigns.data, now.year, year]);

  const statusOptions = [
    { value: 'overdue', label: t('execution.overdue') },
    ...options(REPORT_STATUSES),
    { value: 'missing', label: t('execution.notDue') },
  ];

  const rowClass = (r: Row) => (r.overdue ? 'ty-ex-row-overdue' : '');

  return (
    <div data-testid="quarterly-overview">
      <PageHeader
        title={t('execution.overviewTitle')}
        sub={
          overview.data
            ? t('execution.overviewSub', {
                quarter: quarterLabel({ year, quarter: quarter as 1 | 2 | 3 | 4 }, locale),
                date: overview.data.dueDate,
              })
            : t('execution.overviewHint')
        }
      />
      <div className="ty-panel">
        <div className="ty-filters">
          <Select
            style={{ minWidth: 220 }}
            placeholder={t('execution.campaign')}
            loading={campaigns.isPending}
            value={campaign?.id}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id: string) => {
              const c = campaigns.data?.find((x) => x.id === id);
              set({ campaignId: id, year: c?.year, quarter: undefined });
            }}
            aria-label={t('execution.campaign')}
          />
          <Select
            style={{ width: 110 }}
            value={year}
            options={years.map((y) => ({ value: y, label: locale === 'en' ? String(y) : `${y}年` }))}
            onChange={(y: number) => set({ year: y })}
            aria-label={t('execution.year')}
          />
          <Segmented
            value={quarter}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: `Q${n}` }))}
            onChange={(v) => set({ quarter: Number(v) })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('execution.status')}
            value={status}
            options={statusOptions}
            onChange={(v?: string) => set({ status: v })}
            aria-label={t('execution.status')}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('execution.rating')}
            value={rating}
            options={options(PROJECT_RATINGS)}
            onChange={(v?: string) => set({ rating: v })}
            aria-label={t('execution.rating')}
          />
        </div>
        {campaigns.data && campaigns.data.length === 0 ? (
          <Empty description={t('execution.noCampaigns')} />
        ) : overview.error ? (
          <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
        ) : (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {overview.data && <Totals o={overview.data} />}
            {isMobile ? (
              <List
                loading={overview.isPending && !!campaign}
                dataSource={rows}
                locale={{ emptyText: <ListEmpty /> }}
                renderItem={(r) => (
                  <List.Item key={r.projectId} className={rowClass(r)}>
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      <Link to={`/projects/${r.projectId}?tab=reports`}>
                        <Typography.Text strong>{r.title}</Typography.Text>
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[r.code, r.orgName].filter(Boolean).join(' · ')}
                      </Typography.Text>
                      <Space size={6} wrap>
                        <StatusCell r={r} />
                        <RatingTag rating={r.rating} />
                        {r.openSupervision > 0 && (
                          <Tag color="orange">{t('execution.openSupervisionN', { n: r.openSupervision })}</Tag>
                        )}
                      </Space>
                      {r.dueDate && (
                        <Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                          {t('execution.dueShort', { date: r.dueDate })}
                        </Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Table<Row>
                rowKey="projectId"
                size="middle"
                columns={columns}
                dataSource={rows}
                loading={overview.isPending && !!campaign}
                rowClassName={rowClass}
                pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: 1080 }}
                locale={{ emptyText: <ListEmpty /> }}
              />
            )}
            {overview.data && (
              <Typography.Text type="secondary">
                {t('common.shown', { n: rows.length })}
                {rows.length !== overview.data.rows.length
                  ? ` / ${t('common.total', { n: overview.data.rows.length })}`
                  : ''}
              </Typography.Text>
            )}
          </Space>
        )}
      </div>
    </div>
  );
}
