import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { AimOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import {
  CHALLENGE_STATUSES,
  DEMAND_STATUSES,
  TARGET_GROUPS,
  type DemandStatus,
  type ChallengeStatus,
  type ChallengeView,
  type TargetGroup,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { ListEmpty } from '../../components/list-kit/ListEmpty';
import { ListFooter } from '../../components/list-kit/ListFooter';
import { listRows } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { formatDate } from '../../components/time';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { useCampaignChoices } from '../campaigns/hooks';
import { ChallengeFormDrawer } from './ChallengeFormDrawer';
import { ClaimModal } from './ClaimModal';
import { CHALLENGE_FILTER_KEYS, useChallengeBoard, type ChallengeFilters } from './hooks';
import './challenges.css';

const STATUS_CODES = Object.keys(CHALLENGE_STATUSES) as ChallengeStatus[];

/** Filters from the address bar (status defaults to open); unknown values are dropped. */
function readFilters(sp: URLSearchParams): ChallengeFilters & { status: ChallengeStatus } {
  const f: Record<string, string> = {};
  for (const k of CHALLENGE_FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (v) f[k] = v;
  }
  if (!f.status || !(f.status in CHALLENGE_STATUSES)) f.status = 'open';
  if (f.targetGroup && !(f.targetGroup in TARGET_GROUPS)) delete f.targetGroup;
  if (f.regionCode && !/^\d{6}$/.test(f.regionCode)) delete f.regionCode;
  if (f.theme && !/^[a-z][a-z0-9_]{1,31}$/.test(f.theme)) delete f.theme;
  if (f.q) f.q = f.q.slice(0, 60);
  return f as unknown as ChallengeFilters & { status: ChallengeStatus };
}

const STATUS_COLORS: Record<ChallengeStatus, string> = { open: 'red', claimed: 'gold', solved: 'green' };

function ChallengeCard({
  c,
  onEdit,
  onClaim,
}: {
  c: ChallengeView;
  onEdit: (c: ChallengeView) => void;
  onClaim: (c: ChallengeView) => void;
}) {
  const t = useT();
  const label = useLabel();
  return (
    <Card
      className={`ty-challenge-card${c.status === 'open' ? ' ty-challenge-card-open' : ''}`}
      variant="borderless"
      data-testid={`challenge-${c.id}`}
    >
      <div className="ty-challenge-head">
        <span className="ty-challenge-title">{c.title}</span>
        <Tag color={STATUS_COLORS[c.status]} style={{ marginInlineEnd: 0 }}>
          {label(CHALLENGE_STATUSES, c.status)}
        </Tag>
      </div>
      <Space size={[4, 4]} wrap>
        <Tag color="volcano">{c.themeName}</Tag>
        <Tag color="blue">{label(TARGET_GROUPS, c.targetGroup)}</Tag>
        <Tag>{c.regionName}</Tag>
      </Space>
      <Typography.Paragraph
        ellipsis={{ rows: 3, expandable: true, symbol: t('common.details') }}
        style={{ margin: 0, whiteSpace: 'pre-wrap' }}
      >
        {c.description}
      </Typography.Paragraph>
      {(c.evidence || c.evidenceCount !== null) && (
        <div className="ty-challenge-evidence">
          {t('challenges.evidence')}：{c.evidence}
          {c.evidenceCount !== null && !c.evidence?.includes(String(c.evidenceCount)) && <b>{c.evidenceCount}</b>}
        </div>
      )}
      <div className="ty-challenge-meta">
        <div>
          {t('challenges.campaign')}：{c.campaignName}
        </div>
        <div>
          {t('challenges.claimDeadline')}：{c.claimDeadline}
          {c.status === 'open' && c.deadlinePassed && (
            <Tag style={{ marginInlineStart: 6 }}>{t('challenges.deadlinePassed')}</Tag>
          )}
        </div>
        {c.claimedByOrgName && (
          <div>
            {t('challenges.claimedBy')}：{c.claimedByOrgName}
            {c.claimedAt && `（${formatDate(c.claimedAt)}）`}
          </div>
        )}
        {c.evidenceDemands.total > 0 && (
          <div data-testid="challenge-evidence-demands">
            {t('challenges.evidenceDemandsCount', { n: c.evidenceDemands.total })}
            {c.evidenceDemands.items.length > 0 && (
              <ul className="ty-challenge-demands">
                {c.evidenceDemands.items.map((d) => (
                  <li key={d.id}>
                    <Link to={`/demands?id=${d.id}`}>{d.title}</Link>
                    <Typography.Text type="secondary">
                      {' '}
                      · {d.hostOrgName} · {label(DEMAND_STATUSES, d.status as DemandStatus)}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            )}
            {c.evidenceDemands.items.length < c.evidenceDemands.total && (
              <Typography.Text type="secondary">
                {c.evidenceDemands.items.length > 0 ? '；' : '（'}
                {t('challenges.evidenceDemandsHidden', {
                  n: c.evidenceDemands.total - c.evidenceDemands.items.length,
                })}
                {c.evidenceDemands.items.length > 0 ? '' : '）'}
              </Typography.Text>
            )}
          </div>
        )}
        {c.projectId && (
          <div>
            {t('challenges.project')}：
            <Link to={`/projects/${c.projectId}`}>{c.projectCode ?? t('challenges.projectDraft')}</Link>
          </div>
        )}
      </div>
      {(c.abilities.includes('update') || c.abilities.includes('claim')) && (
        <div className="ty-challenge-actions">
          {c.abilities.includes('update') && (
            <Button icon={<EditOutlined />} onClick={() => onEdit(c)}>
              {t('common.edit')}
            </Button>
          )}
          {c.abilities.includes('claim') && (
            <Button type="primary" icon={<AimOutlined />} onClick={() => onClaim(c)}>
              {t('challenges.claim')}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

export default function ChallengeBoardPage() {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const options = useDictOptions();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const board = useChallengeBoard(filters);
  const campaigns = useCampaignChoices();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const [editing, setEditing] = useState<ChallengeView | null>(null);
  const [posting, setPosting] = useState(false);
  const [claiming, setClaiming] = useState<ChallengeView | null>(null);

  const items = listRows(board);
  const counts = board.data?.pages[0]?.counts;

  const set = (patch: Partial<Record<(typeof CHALLENGE_FILTER_KEYS)[number], string | undefined>>) => {
    const sp = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) sp.set(k, v);
      else sp.delete(k);
    }
    setParams(sp, { replace: true });
  };

  /** Themes of the chosen campaign, or of every visible campaign (one entry per code). */
  const themeOptions = useMemo(() => {
    const list = campaigns.data ?? [];
    const source = filters.campaignId ? list.filter((c) => c.id === filters.campaignId) : list;
    const seen = new Map<string, string>();
    for (const c of source) for (const th of c.themes) if (!seen.has(th.code)) seen.set(th.code, th.name);
    return [...seen].map(([value, name]) => ({ value, label: name }));
  }, [campaigns.data, filters.campaignId]);

  const hasAny = CHALLENGE_FILTER_KEYS.some((k) => k !== 'status' && filters[k]);

  return (
    <div>
      <PageHeader
        title={t('challenges.title')}
        sub={t('challenges.sub')}
        extra={
          can('challenge.write') && <CreateButton onClick={() => setPosting(true)}>{t('challenges.post')}</CreateButton>
        }
      />
      <div className="ty-panel">
        <div className="ty-challenge-tabs">
          <Segmented<ChallengeStatus>
            value={filters.status}
            onChange={(v) => set({ status: v })}
            options={STATUS_CODES.map((s) => ({
              value: s,
              label: (
                <span data-testid={`challenge-tab-${s}`}>
                  {label(CHALLENGE_STATUSES, s)}
                  {counts ? ` ${counts[s]}` : ''}
                </span>
              ),
            }))}
          />
        </div>
        <div className="ty-filters" role="search">
          <Input.Search
            aria-label={t('challenges.search')}
            placeholder={t('challenges.search')}
            allowClear
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value && filters.q) set({ q: undefined });
            }}
            onSearch={(s) => set({ q: s.trim() || undefined })}
            enterButton
            style={{ width: 250, maxWidth: '100%' }}
          />
          <Select
            aria-label={t('challenges.filter.campaign')}
            placeholder={t('challenges.filter.campaign')}
            allowClear
            showSearch
            optionFilterProp="label"
            value={filters.campaignId}
            loading={campaigns.isPending}
            onChange={(v?: string) => set({ campaignId: v, theme: undefined })}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            style={{ width: 210 }}
            popupMatchSelectWidth={false}
          />
          <Select
            aria-label={t('challenges.filter.theme')}
            placeholder={t('challenges.filter.theme')}
            allowClear
            value={filters.theme}
            onChange={(v?: string) => set({ theme: v })}
            options={themeOptions}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
          />
          <Select<TargetGroup>
            aria-label={t('challenges.filter.targetGroup')}
            placeholder={t('challenges.filter.targetGroup')}
            allowClear
            value={filters.targetGroup}
            onChange={(v?: TargetGroup) => set({ targetGroup: v })}
            options={options(TARGET_GROUPS)}
            style={{ width: 150 }}
          />
          <RegionPicker
            placeholder={t('challenges.filter.region')}
            value={filters.regionCode}
            onChange={(v) => set({ regionCode: v ?? undefined })}
            style={{ width: 160 }}
          />
          {hasAny && (
            <Button
              type="link"
              onClick={() =>
                set({
                  q: undefined,
                  campaignId: undefined,
                  theme: undefined,
                  targetGroup: undefined,
                  regionCode: undefined,
                })
              }
            >
              {t('common.reset')}
            </Button>
          )}
        </div>
        {board.error && !board.data ? (
          <ErrorState error={board.error} onRetry={() => void board.refetch()} />
        ) : board.isPending ? (
          <Spin className="ty-page-spin" />
        ) : items.length === 0 ? (
          <ListEmpty description={t(`challenges.empty.${filters.status}`)} />
        ) : (
          <Spin spinning={board.isFetching && !board.isFetchingNextPage}>
            <div className="ty-challenge-grid" data-testid="challenge-grid">
              {items.map((c) => (
                <ChallengeCard key={c.id} c={c} onEdit={setEditing} onClaim={setClaiming} />
              ))}
            </div>
          </Spin>
        )}
        {items.length > 0 && <ListFooter query={board} noMore />}
      </div>
      <ChallengeFormDrawer
        open={posting || !!editing}
        challenge={editing}
        defaultCampaignId={filters.campaignId}
        onClose={() => {
          setPosting(false);
          setEditing(null);
        }}
        onSaved={(saved, wasNew) =>
          message.success(wasNew ? t('challenges.posted', { title: saved.title }) : t('common.saved'))
        }
      />
      <ClaimModal challenge={claiming} onClose={() => setClaiming(null)} />
    </div>
  );
}
