import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  DEMAND_CATEGORIES,
  DEMAND_CATEGORY_GROUPS,
  DEMAND_EVENTS,
  DEMAND_RATINGS,
  CHALLENGE_STATUSES,
  DEMAND_SOURCES,
  DEMAND_STATUSES,
  DEMAND_STEPS,
  type DemandStep,
  type DemandDetailView,
  type DemandRating,
  type DemandView,
} from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLabel, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { useMe, usePermissions } from '../auth/hooks';
import { ChallengeFormDrawer } from '../challenges/ChallengeFormDrawer';
import { DemandCardList } from './DemandCards';
import { DemandCreateDrawer } from './DemandCreateDrawer';
import { DemandStats } from './DemandStats';
import { STATUS_COLORS } from './status';
import {
  demandFilterParams,
  readDemandFilters,
  useDemand,
  useDemandAction,
  useDemandList,
  useDepartments,
  type DemandFilters,
  type DemandStepAction,
} from './hooks';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

/** Actions that need a note, a department or a rating before they are sent. */
const NEEDS_NOTE: readonly DemandStepAction[] = ['reply', 'resolve', 'transfer', 'return'];
const NEEDS_DEPARTMENT: readonly DemandStepAction[] = ['transfer', 'reroute'];

const yuan = (fen: number | null) => (fen === null ? '—' : `${(fen / 100).toLocaleString('zh-CN')} 元`);

function ActionModal({
  demand,
  action,
  onClose,
  onReload,
}: {
  demand: DemandDetailView;
  action: DemandStepAction | null;
  onClose: () => void;
  /** On a version conflict: shows the demand as it now stands (the step is then taken again). */
  onReload: () => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ note?: string; departmentId?: string; rating?: DemandRating }>();
  const run = useDemandAction();
  const departments = useDepartments(!!action && NEEDS_DEPARTMENT.includes(action));
  if (!action) return null;
  const submit = async () => {
    const v = await form.validateFields();
    run.mutate(
      { id: demand.id, action, version: demand.version, ...v },
      {
        onSuccess: () => {
          message.success(t('demands.done'));
          form.resetFields();
          onClose();
        },
        onError: (e) => onError(e, { form, onReload }),
      },
    );
  };
  return (
    <Modal
      open
      title={t(`demands.action.${action}` as MessageKey)}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {NEEDS_DEPARTMENT.includes(action) && (
          <Form.Item name="departmentId" label={t('demands.department')} rules={[{ required: true }]}>
            <Select
              loading={departments.isLoading}
              options={(departments.data ?? [])
                .filter((d) => d.id !== demand.leadDepartment?.id)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        {action === 'rate' && (
          <Form.Item name="rating" label={t('demands.rating')} rules={[{ required: true }]}>
            <Select options={options(DEMAND_RATINGS)} />
          </Form.Item>
        )}
        {NEEDS_NOTE.includes(action) && (
          <Form.Item name="note" label={t('demands.note')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} maxLength={2000} placeholder={t('demands.notePlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function DemandDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const detail = useDemand(id);
  const run = useDemandAction();
  const can = usePermissions();
  const mobile = useIsMobile();
  const [action, setAction] = useState<DemandStepAction | null>(null);
  const d = detail.data;
  const fire = (a: DemandStepAction) => {
    if (!d) return;
    if (a === 'accept' || a === 'close')
      run.mutate(
        { id: d.id, action: a, version: d.version },
        {
          onSuccess: () => message.success(t('demands.done')),
          onError: (e) => onError(e, { onReload: () => void detail.refetch() }),
        },
      );
    else setAction(a);
  };
  return (
    <Drawer open={!!id} onClose={onClose} width={mobile ? '100%' : 640} title={d?.title} loading={detail.isLoading}>
      {d && (
        <>
          {/* On a phone the actions are full-width large buttons (touch targets), one per row. */}
          <Space
            wrap={!mobile}
            direction={mobile ? 'vertical' : 'horizontal'}
            style={{ marginBottom: 16, width: mobile ? '100%' : undefined }}
            data-testid="demand-actions"
          >
            {d.abilities
              .flatMap((a) => (a === 'post_to_board' ? [] : [a]))
              .map((a) => (
                <Button
                  key={a}
                  type={a === 'accept' || a === 'resolve' ? 'primary' : 'default'}
                  size={mobile ? 'large' : 'middle'}
                  block={mobile}
                  disabled={run.isPending}
                  onClick={() => fire(a)}
                >
                  {t(`demands.action.${a}` as MessageKey)}
                </Button>
              ))}
          </Space>
          <Descriptions
            column={1}
            size="small"
            bordered
            labelStyle={mobile ? { width: '38%', overflowWrap: 'break-word' } : undefined}
            contentStyle={mobile ? { overflowWrap: 'anywhere' } : undefined}
          >
            <Descriptions.Item label={t('demands.firm')}>{d.hostOrgName}</Descriptions.Item>
            <Descriptions.Item label={t('demands.status')}>
              <Tag color={STATUS_COLORS[d.status]}>{label(DEMAND_STATUSES, d.status)}</Tag>
              {d.overdueStep && <Tag color="red">{t('demands.overdue')}</Tag>}
              {d.reopenedCount > 0 && <Tag>{t('demands.reopened', { n: d.reopenedCount })}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('demands.category')}>{label(DEMAND_CATEGORIES, d.category)}</Descriptions.Item>
            {d.challenge && (
              <Descriptions.Item label={t('demands.challenge')}>
                <span data-testid="demand-challenge">
                  {can('challenge.read') ? (
                    <Link
                      to={`/challenges?status=${d.challenge.status}&q=${encodeURIComponent(d.challenge.title.slice(0, 60))}`}
                    >
                      {d.challenge.title}
                    </Link>
                  ) : (
                    d.challenge.title
                  )}{' '}
                  <Tag>{label(CHALLENGE_STATUSES, d.challenge.status)}</Tag>
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('demands.source')}>{label(DEMAND_SOURCES, d.source)}</Descriptions.Item>
            {d.visitId && (
              <Descriptions.Item label={t('demands.visit')}>
                {can('visit.read') ? (
                  <Link to={`/visits?visit=${d.visitId}`} data-testid="demand-visit">
                    {t('demands.openVisit')}
                  </Link>
                ) : (
                  t('demands.openVisit')
                )}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('demands.description')}>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                {d.description}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('demands.lead')}>{d.leadDepartment?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('demands.assist')}>
              {d.assistDepartments.map((x) => x.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('demands.receivedOn')}>{formatDate(d.receivedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('demands.signDue')}>{formatDate(d.signDueOn)}</Descriptions.Item>
            <Descriptions.Item label={t('demands.replyDue')}>{formatDate(d.replyDueOn)}</Descriptions.Item>
            <Descriptions.Item label={t('demands.resolveDue')}>{formatDate(d.resolveDueOn)}</Descriptions.Item>
            {d.amountAskedFen !== null && (
              <Descriptions.Item label={t('demands.amountAsked')}>{yuan(d.amountAskedFen)}</Descriptions.Item>
            )}
            {d.amountGrantedFen !== null && (
              <Descriptions.Item label={t('demands.amountGranted')}>{yuan(d.amountGrantedFen)}</Descriptions.Item>
            )}
            {d.result && <Descriptions.Item label={t('demands.result')}>{d.result}</Descriptions.Item>}
            {d.rating && (
              <Descriptions.Item label={t('demands.rating')}>{label(DEMAND_RATINGS, d.rating)}</Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('demands.timeline')}
          </Typography.Title>
          <Timeline
            items={d.timeline.map((e) => ({
              key: e.id,
              children: (
                <div>
                  <Typography.Text strong>{label(DEMAND_EVENTS, e.kind)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} {e.actorName ?? ''}
                  </Typography.Text>
                  {(e.fromDepartmentName || e.toDepartmentName) && (
                    <div>
                      {e.fromDepartmentName ?? '—'} → {e.toDepartmentName ?? '—'}
                    </div>
                  )}
                  {e.kind === 'escalate_leader' ? (
                    <div>{t('demands.escalatedToLeader', { name: e.note ?? '' })}</div>
                  ) : e.kind === 'escalate' && e.note && e.note in DEMAND_STEPS ? (
                    <div>{t('demands.overdueStep', { step: label(DEMAND_STEPS, e.note as DemandStep) })}</div>
                  ) : (
                    e.note && <div>{e.note}</div>
                  )}
                </div>
              ),
            }))}
          />
          <ActionModal
            demand={d}
            action={action}
            onClose={() => setAction(null)}
            onReload={() => {
              setAction(null);
              void detail.refetch();
            }}
          />
        </>
      )}
    </Drawer>
  );
}

export default function DemandsPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readDemandFilters(params), [params]);
  // A notification or the challenge board links to `/demands?id=…`: the drawer opens on it.
  const [openId, setOpenId] = useState<string | undefined>(() => params.get('id') ?? undefined);
  const { message } = App.useApp();
  const [selected, setSelected] = useState<DemandView[]>([]);
  const [posting, setPosting] = useState(false);
  /** Arrived from a bound indicator (its area and period): the list keeps those filters until cleared. */
  const fromIndicator = !!filters.orgId;
  const clearIndicator = () =>
    set({ measure: undefined, categoryGroup: undefined, orgId: undefined, from: undefined, to: undefined });
  const [showStats, setShowStats] = useState(false);
  const [raising, setRaising] = useState(false);
  const mobile = useIsMobile();
  const can = usePermissions();
  const roles = useMe().data?.roles ?? [];
  /** An enterprise contact only: no export and no 接诉即办 figures (they are the department's tools). */
  const contactOnly = roles.length > 0 && roles.every((r) => r.role === 'contact');
  /** The firms the caller is the contact of: they may raise a demand for them (提交诉求). */
  const ownFirms = roles.flatMap((r) =>
    r.role === 'contact' && r.hostOrgId ? [{ id: r.hostOrgId, name: r.hostOrgName ?? r.hostOrgId }] : [],
  );
  const canRaise = can('demand.create') && ownFirms.length > 0;
  const list = useDemandList(filters);
  const rows = (list.data?.pages ?? []).flatMap((p) => p.items);
  // Staff who may post to the board see the row selection (driven by the rows' abilities).
  const canPost = rows.some((r) => r.abilities.includes('post_to_board'));
  const set = (patch: DemandFilters) => setParams(demandFilterParams({ ...filters, ...patch }), { replace: true });

  const columns: ColumnsType<DemandView> = [
    { title: t('demands.receivedOn'), dataIndex: 'receivedOn', width: 110, render: (v: string) => formatDate(v) },
    { title: t('demands.firm'), dataIndex: 'hostOrgName', width: 200, ellipsis: true },
    {
      title: t('demands.titleField'),
      dataIndex: 'title',
      width: 240,
      ellipsis: true,
      render: (v: string, r) => <a onClick={() => setOpenId(r.id)}>{v}</a>,
    },
    {
      title: t('demands.category'),
      dataIndex: 'category',
      width: 140,
      render: (v: DemandView['category']) => label(DEMAND_CATEGORIES, v),
    },
    {
      title: t('demands.status'),
      dataIndex: 'status',
      width: 150,
      render: (v: DemandView['status'], r) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[v]}>{label(DEMAND_STATUSES, v)}</Tag>
          {r.overdueStep && <Tag color="red">{t('demands.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('demands.lead'),
      dataIndex: 'leadDepartment',
      width: 160,
      render: (v: DemandView['leadDepartment']) => v?.name ?? '—',
    },
    {
      title: t('demands.resolveDue'),
      dataIndex: 'resolveDueOn',
      width: 110,
      render: (v: string | null) => formatDate(v),
    },
  ];

  const exportQuery = demandFilterParams(filters).toString();

  return (
    <div>
      <PageHeader
        title={t('demands.title')}
        sub={t('demands.sub')}
        extra={
          <Space wrap>
            {canRaise && (
              <Button
                type="primary"
                size={mobile ? 'large' : 'middle'}
                onClick={() => setRaising(true)}
                data-testid="demand-create"
              >
                {t('demands.create')}
              </Button>
            )}
            {canPost && !mobile && (
              <Button type="primary" disabled={!selected.length} onClick={() => setPosting(true)}>
                {t('demands.postToBoard')}
                {selected.length ? ` (${selected.length})` : ''}
              </Button>
            )}
            {!contactOnly && !mobile && (
              <Button onClick={() => setShowStats((v) => !v)}>{t('demands.showStats')}</Button>
            )}
            {!contactOnly && !mobile && (
              <Button href={`/api/demands/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`}>
                {t('demands.export')}
              </Button>
            )}
          </Space>
        }
      />
      {showStats && !contactOnly && !mobile && <DemandStats />}
      {fromIndicator && (
        <FilterAlert
          testId="demands-indicator-filter"
          message={t('demands.indicatorFilter', { from: filters.from ?? '—', to: filters.to ?? '—' })}
          clearLabel={t('demands.clearIndicatorFilter')}
          onClear={clearIndicator}
        />
      )}
      {mobile ? (
        <DemandCardList filters={filters} onFilters={set} onOpen={setOpenId} />
      ) : (
        <div className="ty-panel">
          <div className="ty-filters" role="search">
            <Input.Search
              aria-label={t('demands.search')}
              placeholder={t('demands.search')}
              allowClear
              defaultValue={filters.q}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ width: 260 }}
            />
            <Select
              aria-label={t('demands.status')}
              placeholder={t('demands.status')}
              allowClear
              value={filters.status}
              onChange={(status) => set({ status })}
              options={options(DEMAND_STATUSES)}
              style={{ width: 170 }}
            />
            <Select
              aria-label={t('demands.category')}
              placeholder={t('demands.category')}
              allowClear
              value={filters.category}
              onChange={(category) => set({ category })}
              options={options(DEMAND_CATEGORIES)}
              style={{ width: 170 }}
            />
            {(['measure', 'categoryGroup', 'open', 'hostOrgId'] as const).map(
              (k) =>
                filters[k] && (
                  <Tag key={k} closable onClose={() => set({ [k]: undefined })} data-testid={`demand-filter-${k}`}>
                    {k === 'measure'
                      ? t(`demands.measure.${filters.measure!}` as MessageKey)
                      : k === 'categoryGroup'
                        ? label(DEMAND_CATEGORY_GROUPS, filters.categoryGroup!)
                        : t(`demands.filter.${k}`)}
                  </Tag>
                ),
            )}
            <Space>
              <Switch
                aria-label={t('demands.overdueOnly')}
                checked={filters.overdue === '1'}
                onChange={(on) => set({ overdue: on ? '1' : undefined })}
              />
              {t('demands.overdueOnly')}
            </Space>
          </div>
          <InfiniteTable<DemandView>
            query={list}
            columns={columns}
            scroll={{ x: 1100 }}
            rowSelection={
              canPost
                ? {
                    selectedRowKeys: selected.map((r) => r.id),
                    onChange: (_keys, picked) => setSelected(picked),
                    getCheckboxProps: (r) => ({
                      disabled: !r.abilities.includes('post_to_board'),
                      'aria-label': r.title,
                    }),
                  }
                : undefined
            }
          />
        </div>
      )}
      <DemandDrawer id={openId} onClose={() => setOpenId(undefined)} />
      {canRaise && (
        <DemandCreateDrawer
          open={raising}
          firms={ownFirms}
          onClose={() => setRaising(false)}
          onSaved={(d) => setOpenId(d.id)}
        />
      )}
      <ChallengeFormDrawer
        open={posting}
        challenge={null}
        demands={selected}
        onClose={() => setPosting(false)}
        onSaved={(c) => {
          message.success(t('demands.postedToBoard', { title: c.title }));
          setSelected([]);
        }}
      />
    </div>
  );
}
