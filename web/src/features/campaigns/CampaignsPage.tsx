import { useMemo, useRef } from 'react';
import { App, InputNumber, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CAMPAIGN_STATUSES, type CampaignStatus, type CampaignView } from '@touyan/schemas';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { CampaignFormDrawer } from './CampaignFormDrawer';
import { CampaignStatusTag, WindowTag } from './display';
import { useCampaignList, type CampaignFilters } from './hooks';
import './campaigns.css';

function readFilters(sp: URLSearchParams): CampaignFilters {
  const f: CampaignFilters = {};
  const year = Number(sp.get('year'));
  if (Number.isInteger(year) && year >= 2020 && year <= 2100) f.year = year;
  const status = sp.get('status');
  if (status && status in CAMPAIGN_STATUSES) f.status = status as CampaignStatus;
  return f;
}

function useColumns(): ColumnsType<CampaignView> {
  const t = useT();
  const isMobile = useIsMobile();
  const cols: ColumnsType<CampaignView> = [
    {
      title: t('campaigns.name'),
      dataIndex: 'name',
      width: isMobile ? 180 : 280,
      render: (name: string, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/campaigns/${c.id}`}>{name}</Link>
          {isMobile && (
            <Typography.Text type="secondary" className="ty-tag-sub">
              {c.declareFrom} ~ {c.declareTo}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('campaigns.status'),
      dataIndex: 'status',
      width: 130,
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <CampaignStatusTag status={c.status} />
          <WindowTag campaign={c} />
        </Space>
      ),
    },
  ];
  if (isMobile) return cols;
  return [
    ...cols.slice(0, 1),
    { title: t('campaigns.year'), dataIndex: 'year', width: 80 },
    { title: t('campaigns.org'), dataIndex: 'orgName', width: 200 },
    ...cols.slice(1),
    {
      title: t('campaigns.window'),
      key: 'window',
      width: 220,
      render: (_: unknown, c) => `${c.declareFrom} ~ ${c.declareTo}`,
    },
    {
      title: `${t('campaigns.declared')} / ${t('campaigns.approved')} / ${t('campaigns.challenges')}`,
      key: 'counts',
      width: 180,
      render: (_: unknown, c) => `${c.counts.declared} / ${c.counts.approved} / ${c.counts.challenges}`,
    },
  ];
}

export default function CampaignsPage() {
  const t = useT();
  const can = usePermissions();
  const options = useDictOptions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const creating = params.get('new') === '1';
  const list = useCampaignList(filters);
  const columns = useColumns();
  const createdId = useRef<string | null>(null);

  const setParam = (key: string, value: string | undefined) => {
    const sp = new URLSearchParams(params);
    if (value) sp.set(key, value);
    else sp.delete(key);
    setParams(sp, { replace: true });
  };

  return (
    <div>
      <PageHeader
        title={t('campaigns.title')}
        sub={t('campaigns.sub')}
        extra={
          can('campaign.write') && (
            <CreateButton onClick={() => setParam('new', '1')}>{t('campaigns.create')}</CreateButton>
          )
        }
      />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <InputNumber
            aria-label={t('campaigns.filter.year')}
            placeholder={t('campaigns.filter.year')}
            min={2020}
            max={2100}
            precision={0}
            value={filters.year ?? null}
            onChange={(v) => setParam('year', v ? String(v) : undefined)}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('campaigns.filter.status')}
            placeholder={t('campaigns.filter.status')}
            allowClear
            value={filters.status}
            onChange={(v?: string) => setParam('status', v)}
            options={options(CAMPAIGN_STATUSES)}
            style={{ width: 140 }}
          />
        </div>
        <InfiniteTable<CampaignView>
          query={list}
          columns={columns}
          empty={t('campaigns.empty')}
          footer={{ noMore: true }}
        />
      </div>
      <CampaignFormDrawer
        open={creating}
        campaign={null}
        onClose={() => {
          const id = createdId.current;
          createdId.current = null;
          if (id) navigate(`/campaigns/${id}`);
          else setParam('new', undefined);
        }}
        onSaved={(saved) => {
          message.success(t('campaigns.created', { name: saved.name }));
          createdId.current = saved.id;
        }}
      />
    </div>
  );
}
