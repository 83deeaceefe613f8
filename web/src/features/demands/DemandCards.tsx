import { Alert, Card, Input, Space, Spin, Tag, Typography } from 'antd';
import {
  DEMAND_CATEGORIES,
  DEMAND_EVENTS,
  DEMAND_STATUS_CODES,
  DEMAND_STATUSES,
  type DemandView,
} from '@touyan/schemas';
import { ListEmpty } from '../../components/list-kit/ListEmpty';
import { ListFooter } from '../../components/list-kit/ListFooter';
import { isListLoading, listRows } from '../../components/list-kit/query';
import { StatusSegmented } from '../../components/list-kit/StatusFilter';
import { formatDate } from '../../components/time';
import { useLabel, useT } from '../../i18n';
import { useDemandList, type DemandFilters } from './hooks';
import { STATUS_COLORS } from './status';

/** The latest step a demand has taken, from its timestamps (the list carries no timeline). */
export function lastStep(d: DemandView): { kind: keyof typeof DEMAND_EVENTS; at: string } {
  const steps: [keyof typeof DEMAND_EVENTS, string | null][] = [
    ['close', d.closedAt],
    ['rate', d.ratedAt],
    ['resolve', d.resolvedAt],
    ['reply', d.firstReplyAt],
    ['accept', d.acceptedAt],
    ['escalate', d.escalatedAt],
  ];
  let last: { kind: keyof typeof DEMAND_EVENTS; at: string } = { kind: 'create', at: d.createdAt };
  for (const [kind, at] of steps) if (at && at > last.at) last = { kind, at };
  return last;
}

/** One demand as a card: title, status, category, firm, due date (or overdue), last step. */
function DemandCard({ d, onOpen }: { d: DemandView; onOpen: (id: string) => void }) {
  const t = useT();
  const label = useLabel();
  const step = lastStep(d);
  const due = d.status === 'received' ? d.signDueOn : d.resolveDueOn;
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      aria-label={d.title}
      data-testid={`demand-card-${d.id}`}
      className="ty-demand-card"
      onClick={() => onOpen(d.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(d.id);
        }
      }}
      style={{ marginBottom: 12, cursor: 'pointer' }}
    >
      <Typography.Text strong style={{ display: 'block', fontSize: 16, marginBottom: 6, wordBreak: 'break-word' }}>
        {d.title}
      </Typography.Text>
      <Space size={[4, 4]} wrap style={{ marginBottom: 6 }}>
        <Tag color={STATUS_COLORS[d.status]}>{label(DEMAND_STATUSES, d.status)}</Tag>
        {d.overdueStep && <Tag color="red">{t('demands.overdue')}</Tag>}
        <Tag>{label(DEMAND_CATEGORIES, d.category)}</Tag>
      </Space>
      <div style={{ wordBreak: 'break-word' }}>{d.hostOrgName}</div>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
        {due && d.status !== 'closed' && d.status !== 'resolved'
          ? `${t(d.status === 'received' ? 'demands.signDue' : 'demands.resolveDue')} ${formatDate(due)} · `
          : ''}
        {t('demands.lastStep', { step: label(DEMAND_EVENTS, step.kind), date: formatDate(step.at) })}
      </Typography.Text>
    </Card>
  );
}

/**
 * The demands list at phone width: a status segmented control and a search over cards, with 加载更多
 * through the keyset cursor; a card opens the demand's drawer. Filters live in the address like the
 * table's (the other filters a link set are kept).
 */
export function DemandCardList({
  filters,
  onFilters,
  onOpen,
}: {
  filters: DemandFilters;
  onFilters: (patch: DemandFilters) => void;
  onOpen: (id: string) => void;
}) {
  const t = useT();
  const list = useDemandList(filters);
  const rows = listRows(list);
  return (
    <div data-testid="demand-cards">
      <div role="search" style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}>
        <Input.Search
          aria-label={t('demands.search')}
          placeholder={t('demands.search')}
          allowClear
          size="large"
          defaultValue={filters.q}
          onSearch={(v) => onFilters({ q: v.trim() || undefined })}
        />
        {/* Seven segments are wider than a phone: they scroll inside their own strip. */}
        <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="demand-status-filter">
          <StatusSegmented
            value={filters.status}
            onChange={(status) => onFilters({ status })}
            dict={DEMAND_STATUSES}
            codes={DEMAND_STATUS_CODES}
          />
        </div>
      </div>
      {list.error ? (
        <Alert type="error" showIcon message={t('common.loadFailed')} />
      ) : isListLoading(list) && !rows.length ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : rows.length ? (
        rows.map((d) => <DemandCard key={d.id} d={d} onOpen={onOpen} />)
      ) : (
        <ListEmpty />
      )}
      <ListFooter query={list} count={false} style={{ display: 'flex', justifyContent: 'center' }} />
    </div>
  );
}
