import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CLOCK_FILTERS,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  LEGAL_AID_STATUSES,
  type DisputeCaseView,
} from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useDictOptions, useLabel, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { usePermissions } from '../auth/hooks';
import { DisputeDrawer } from './DisputeDrawer';
import { NextClock, StatusTag, yuan } from './display';
import { filterParams, readDisputeFilters, useCentres, useDisputeList, type DisputeFilters } from './hooks';
import { CreateGroupModal, groupable, GroupPanel } from './GroupPanel';
import { IntakeDrawer } from './IntakeDrawer';
import './disputes-admin.css';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

/** Filters set by a link (home card, figures) with no control of their own: shown as closable tags. */
const LINK_FILTERS = ['legalAid', 'mediated', 'groupId', 'source', 'outcome', 'orgId', 'regionCode'] as const;

/**
 * 调裁诉援 case list (staff over the centre's region, the centre's mediators): filters by type, stage,
 * clock (overdue / red / amber), centre and text; keyset pages; Excel export of the filtered rows; the
 * case opens in a drawer (`?id=`) with its records and the actions its abilities allow.
 */
export default function DisputesPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readDisputeFilters(params), [params]);
  const openId = params.get('id') ?? undefined;
  const [intake, setIntake] = useState(false);
  const [selected, setSelected] = useState<DisputeCaseView[]>([]);
  const [grouping, setGrouping] = useState(false);
  const centres = useCentres();
  const list = useDisputeList(filters);
  const total = list.data?.pages[0]?.total;

  const set = (patch: DisputeFilters & { id?: string }) => {
    const next = filterParams({ ...filters, id: openId, ...patch });
    setParams(next, { replace: true });
  };
  const openCase = (id: string | undefined) => set({ id });
  const period =
    filters.receivedFrom || filters.receivedTo
      ? t('dsp.filter.period', { from: filters.receivedFrom ?? '…', to: filters.receivedTo ?? '…' })
      : null;
  const closedPeriod =
    filters.closedFrom || filters.closedTo
      ? t('dsp.filter.closedPeriod', { from: filters.closedFrom ?? '…', to: filters.closedTo ?? '…' })
      : null;

  const columns: ColumnsType<DisputeCaseView> = [
    {
      title: t('dsp.caseNo'),
      dataIndex: 'caseNo',
      width: 200,
      fixed: 'left',
      render: (v: string, r) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          <a onClick={() => openCase(r.id)} data-testid="case-link">
            {v}
          </a>
          {r.groupId && (
            <Tag color="blue" bordered={false} title={r.groupTitle ?? ''}>
              {t('dsp.groupBadge')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('dsp.receivedOn'), dataIndex: 'receivedOn', width: 105 },
    { title: t('dsp.applicant'), dataIndex: 'workerName', width: 90 },
    { title: t('dsp.respondent'), dataIndex: 'respondentName', width: 210, ellipsis: true },
    {
      title: t('dsp.type'),
      dataIndex: 'type',
      width: 120,
      render: (v: DisputeCaseView['type']) => label(DISPUTE_TYPES, v),
    },
    { title: t('dsp.claim'), dataIndex: 'claimFen', width: 110, align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('dsp.status'),
      dataIndex: 'status',
      width: 130,
      render: (v: DisputeCaseView['status']) => <StatusTag status={v} />,
    },
    {
      title: t('dsp.nextClock'),
      key: 'clock',
      width: 200,
      render: (_, r) => <NextClock c={r} />,
    },
    {
      title: t('dsp.legalAid'),
      dataIndex: 'legalAid',
      width: 90,
      render: (v: DisputeCaseView['legalAid']) => (v ? label(LEGAL_AID_STATUSES, v) : '—'),
    },
    { title: t('dsp.mediator'), dataIndex: 'mediatorName', width: 90, render: (v: string | null) => v ?? '—' },
    // The centre only where the caller reaches more than one.
    ...((centres.data?.length ?? 0) > 1
      ? [{ title: t('dsp.centre'), dataIndex: 'centreName', width: 180, ellipsis: true }]
      : []),
  ];

  const exportQuery = filterParams(filters).toString();
  const linkTags = LINK_FILTERS.filter((k) => filters[k]);

  return (
    <div>
      <PageHeader
        title={t('dsp.title')}
        sub={t('dsp.sub')}
        extra={
          <Space wrap>
            <Link to="/disputes/consultations">{t('nav.disputeConsultations')}</Link>
            {can('dispute.write') && (
              <Button
                disabled={selected.length < 2}
                onClick={() => setGrouping(true)}
                title={t('dsp.g.createHint')}
                data-testid="group-create"
              >
                {selected.length ? t('dsp.g.createN', { n: selected.length }) : t('dsp.g.create')}
              </Button>
            )}
            {can('dispute.write') && (
              <Button type="primary" onClick={() => setIntake(true)} data-testid="dispute-intake">
                {t('dsp.intake')}
              </Button>
            )}
            <Button
              href={`/api/dispute-cases/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`}
              data-testid="dispute-export"
            >
              {t('dsp.export')}
            </Button>
          </Space>
        }
      />
      {(period || closedPeriod) && (
        <FilterAlert
          message={[period, closedPeriod].filter(Boolean).join('；')}
          clearLabel={t('dsp.clearFilters')}
          onClear={() =>
            set({ receivedFrom: undefined, receivedTo: undefined, closedFrom: undefined, closedTo: undefined })
          }
        />
      )}
      {filters.groupId && <GroupPanel id={filters.groupId} onClear={() => set({ groupId: undefined })} />}
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Input.Search
            key={filters.q ?? ''}
            aria-label={t('dsp.search')}
            placeholder={t('dsp.search')}
            allowClear
            defaultValue={filters.q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Select
            aria-label={t('dsp.type')}
            placeholder={t('dsp.type')}
            allowClear
            value={filters.type}
            onChange={(type) => set({ type })}
            options={options(DISPUTE_TYPES)}
            style={{ width: 150 }}
          />
          <Select
            aria-label={t('dsp.status')}
            placeholder={t('dsp.status')}
            allowClear
            value={filters.status}
            onChange={(status) => set({ status })}
            options={options(DISPUTE_STATUSES)}
            style={{ width: 160 }}
            data-testid="filter-status"
          />
          <Select
            aria-label={t('dsp.clock')}
            placeholder={t('dsp.clock')}
            allowClear
            value={filters.clock}
            onChange={(clock) => set({ clock })}
            options={CLOCK_FILTERS.map((c) => ({ value: c, label: t(`dsp.clock.${c}` as MessageKey) }))}
            style={{ width: 180 }}
            data-testid="filter-clock"
          />
          {(centres.data?.length ?? 0) > 1 && (
            <Select
              aria-label={t('dsp.centre')}
              placeholder={t('dsp.centre')}
              allowClear
              value={filters.centreId}
              onChange={(centreId) => set({ centreId })}
              options={(centres.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              style={{ width: 200 }}
            />
          )}
          <Space>
            <Switch
              aria-label={t('dsp.openOnly')}
              checked={filters.open === '1'}
              onChange={(on) => set({ open: on ? '1' : undefined })}
            />
            {t('dsp.openOnly')}
          </Space>
          {linkTags.map((k) => (
            <Tag key={k} closable onClose={() => set({ [k]: undefined })} data-testid={`dispute-filter-${k}`}>
              {k === 'legalAid' || k === 'mediated' || k === 'groupId'
                ? t(`dsp.filter.${k}`)
                : k === 'orgId' || k === 'regionCode'
                  ? t('dsp.filter.area')
                  : String(filters[k])}
            </Tag>
          ))}
          {total !== undefined && (
            <Typography.Text type="secondary" data-testid="dispute-total" style={{ marginInlineStart: 'auto' }}>
              {t('dsp.total', { n: total })}
            </Typography.Text>
          )}
        </div>
        <InfiniteTable<DisputeCaseView>
          query={list}
          columns={columns}
          scroll={{ x: 1250 }}
          rowClassName={(r) => (r.clocks.some((k) => k.state === 'overdue') ? 'ty-dsp-row-overdue' : '')}
          rowSelection={
            can('dispute.write')
              ? {
                  selectedRowKeys: selected.map((c) => c.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (r) => ({ disabled: !groupable(r), title: t('dsp.g.select') }),
                  columnWidth: 36,
                }
              : undefined
          }
        />
      </div>
      <DisputeDrawer
        id={openId}
        onClose={() => openCase(undefined)}
        onGroup={(groupId) => setParams(filterParams({ groupId }), { replace: true })}
      />
      <CreateGroupModal
        cases={selected}
        open={grouping}
        onClose={() => setGrouping(false)}
        onCreated={(groupId) => {
          setGrouping(false);
          setSelected([]);
          setParams(filterParams({ groupId }), { replace: true });
        }}
      />
      <IntakeDrawer
        open={intake}
        onClose={() => setIntake(false)}
        onSaved={(c) => openCase(c.id)}
        onShowExisting={(name) => {
          setIntake(false);
          setParams(filterParams({ q: name, open: '1' }), { replace: true });
        }}
      />
    </div>
  );
}
