import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { DISPUTE_TYPES, HOME_DISPUTE_STAGES, type DisputeHomeFigures } from '@touyan/schemas';
import { useLabel, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { accent } from '../home/parts';
import { StatusTag, yuan } from './display';
import './disputes-admin.css';

type Month = DisputeHomeFigures['months'][number];
type Area = DisputeHomeFigures['areas'][number];
type AreaKey =
  'received' | 'open' | 'closed' | 'overdue' | 'mediationsAgreed' | 'recoveredFen' | 'withLegalAid' | 'consultations';
type MonthKey = 'received' | 'mediationsAgreed' | 'withLegalAid' | 'closed' | 'recoveredFen' | 'consultations';

/** A caption over one of the card's breakdowns. */
function Caption({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
      {children}
    </Typography.Text>
  );
}

/** A breakdown of the card's figures as a small table under its caption (by area, by month). */
function Breakdown<T extends object>({
  caption,
  rowKey,
  rows,
  columns,
  testId,
}: {
  caption: ReactNode;
  rowKey: keyof T & string;
  rows: T[];
  columns: ColumnsType<T>;
  testId: string;
}) {
  return (
    <>
      <Caption>{caption}</Caption>
      <Table<T>
        rowKey={rowKey}
        size="small"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid={testId}
      />
    </>
  );
}

/** The list a month's figure counts: the cases received, closed or the consultations asked in that month. */
export function disputeMonthLink(key: MonthKey, m: Pick<Month, 'from' | 'to'>): string {
  if (key === 'consultations') return `/disputes/consultations?askedFrom=${m.from}&askedTo=${m.to}`;
  if (key === 'closed' || key === 'recoveredFen') return `/disputes?closedFrom=${m.from}&closedTo=${m.to}`;
  const extra = key === 'mediationsAgreed' ? '&mediated=1' : key === 'withLegalAid' ? '&legalAid=1' : '';
  return `/disputes?receivedFrom=${m.from}&receivedTo=${m.to}${extra}`;
}

/** The list an area's figure counts: the cases (or consultations) placed in the area's organisation's region and below. */
export function disputeAreaLink(key: AreaKey, orgId: string): string {
  if (key === 'consultations') return `/disputes/consultations?orgId=${orgId}`;
  const extra: Record<Exclude<AreaKey, 'consultations'>, string> = {
    received: '',
    open: '&open=1',
    closed: '&status=closed',
    recoveredFen: '&status=closed',
    overdue: '&clock=overdue',
    mediationsAgreed: '&mediated=1',
    withLegalAid: '&legalAid=1',
  };
  return `/disputes?orgId=${orgId}${extra[key]}`;
}

/** The figures of a month's row and of an area's row, in their column order (an area's are a superset). */
const ROW_KEYS: { key: MonthKey; label: MessageKey }[] = [
  { key: 'received', label: 'home.disputes.m.received' },
  { key: 'mediationsAgreed', label: 'home.disputes.m.agreed' },
  { key: 'withLegalAid', label: 'home.disputes.m.legalAid' },
  { key: 'closed', label: 'home.disputes.m.closed' },
  { key: 'recoveredFen', label: 'home.disputes.m.recovered' },
  { key: 'consultations', label: 'home.disputes.m.consultations' },
];

/**
 * 调裁诉援 on the staff home: each figure is the total of the list it opens (/disputes?…), counted by
 * the server at the centres the caller reaches; to date, and per month (the latest months with records).
 */
export function DisputesHomeCard({ figures: f }: { figures: DisputeHomeFigures }) {
  const t = useT();
  const label = useLabel();
  const rate = f.mediationSuccessRate === null ? '—' : `${Math.round(f.mediationSuccessRate * 1000) / 10}%`;
  const tiles: { key: string; value: string | number; to: string; unit?: MessageKey; hint?: string; tone?: string }[] =
    [
      { key: 'received', value: f.received, to: '/disputes', unit: 'home.disputes.unitCases' },
      { key: 'open', value: f.open, to: '/disputes?open=1', unit: 'home.disputes.unitCases' },
      { key: 'closed', value: f.closed, to: '/disputes?status=closed', unit: 'home.disputes.unitCases' },
      {
        key: 'overdue',
        value: f.overdue,
        to: '/disputes?clock=overdue',
        unit: 'home.disputes.unitCases',
        tone: f.overdue ? 'is-late' : undefined,
      },
      {
        key: 'mediationRate',
        value: rate,
        to: '/disputes?mediated=1',
        hint: t('home.disputes.mediationRateHint', { agreed: f.mediationsAgreed, concluded: f.mediationsConcluded }),
      },
      { key: 'recovered', value: yuan(f.recoveredFen), to: '/disputes?status=closed' },
      {
        key: 'avgDays',
        value: f.avgDaysToClose ?? '—',
        to: '/disputes?status=closed',
        unit: f.avgDaysToClose === null ? undefined : 'home.disputes.unitDays',
      },
      { key: 'legalAid', value: f.withLegalAid, to: '/disputes?legalAid=1', unit: 'home.disputes.unitCases' },
      {
        key: 'consultations',
        value: f.consultations,
        to: '/disputes/consultations',
        unit: 'home.disputes.unitTimes',
      },
    ];
  const monthColumns: ColumnsType<Month> = [
    { title: t('home.disputes.month'), dataIndex: 'month' },
    ...ROW_KEYS.map(({ key, label }) => ({
      title: t(label),
      dataIndex: key,
      align: 'right' as const,
      render: (v: number, m: Month) => (
        <Link to={disputeMonthLink(key, m)} data-testid={`disputes-month-${key}`}>
          {key === 'recoveredFen' ? Math.round(v / 100).toLocaleString() : v.toLocaleString()}
        </Link>
      ),
    })),
  ];
  const areaRate = (a: Area) =>
    a.mediationSuccessRate === null ? null : `${Math.round(a.mediationSuccessRate * 1000) / 10}%`;
  const areaColumns: ColumnsType<Area> = [
    { title: t('home.disputes.area'), dataIndex: 'name' },
    ...ROW_KEYS.map(({ key, label }) => ({
      title: t(label),
      dataIndex: key,
      align: 'right' as const,
      render: (v: number, a: Area) => (
        <>
          <Link to={disputeAreaLink(key, a.orgId)} data-testid={`disputes-area-${key}`}>
            {key === 'recoveredFen' ? Math.round(v / 100).toLocaleString() : v.toLocaleString()}
          </Link>
          {key === 'mediationsAgreed' && areaRate(a) && (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', fontSize: 12 }}
              data-testid="disputes-area-rate"
              title={t('home.disputes.mediationRateHint', {
                agreed: a.mediationsAgreed,
                concluded: a.mediationsConcluded,
              })}
            >
              {areaRate(a)}
            </Typography.Text>
          )}
        </>
      ),
    })),
  ];
  return (
    <Card
      size="small"
      variant="borderless"
      title={accent(t('home.disputes'))}
      data-testid="staff-disputes"
      style={{ marginTop: 16 }}
    >
      <div className="ty-home-status-grid">
        {tiles.map((x) => (
          <Link key={x.key} to={x.to} className="ty-home-status" data-testid={`disputes-${x.key}`} title={x.hint}>
            <span>{t(`home.disputes.${x.key}` as MessageKey)}</span>
            <span className={`ty-home-status-n ${x.tone ?? ''}`}>
              {x.value}
              {x.unit && (
                <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 2 }}>
                  {t(x.unit)}
                </Typography.Text>
              )}
            </span>
          </Link>
        ))}
      </div>
      <Caption>{t('home.disputes.byStage')}</Caption>
      <div className="ty-dsp-stage-row">
        {HOME_DISPUTE_STAGES.map((s) => (
          <Link key={s} to={`/disputes?status=${s}`} data-testid={`disputes-stage-${s}`}>
            <StatusTag status={s} />
            <b>{f.byStage[s]}</b>
          </Link>
        ))}
      </div>
      <Caption>{t('home.disputes.byType')}</Caption>
      <div className="ty-dsp-stage-row">
        {f.byType.map((x) => (
          <Link key={x.type} to={`/disputes?type=${x.type}`} data-testid={`disputes-type-${x.type}`}>
            {label(DISPUTE_TYPES, x.type)}
            <b>{x.n}</b>
          </Link>
        ))}
      </div>
      {f.areas.length > 1 && (
        <Breakdown<Area>
          caption={t('home.disputes.byArea')}
          rowKey="orgId"
          rows={f.areas}
          columns={areaColumns}
          testId="disputes-areas"
        />
      )}
      {f.months.length > 0 && (
        <Breakdown<Month>
          caption={t('home.disputes.byMonth')}
          rowKey="month"
          rows={f.months}
          columns={monthColumns}
          testId="disputes-months"
        />
      )}
    </Card>
  );
}
