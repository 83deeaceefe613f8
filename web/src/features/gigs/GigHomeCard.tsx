import { Card, Col, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { GigHomeFigures } from '@touyan/schemas';
import { useT } from '../../i18n';
import { accent } from '../home/parts';

type Counts = GigHomeFigures['total'];
type Key = keyof Counts;
const KEYS: Key[] = ['fairsHeld', 'pushes', 'intentions', 'hires'];

/** The list a figure counts, with the area's and the period's filters. */
export function gigFigureLink(key: Key, f: { orgId?: string; from?: string; to?: string }): string {
  const sp = new URLSearchParams();
  if (f.orgId) sp.set('orgId', f.orgId);
  if (key === 'fairsHeld') {
    sp.set('status', 'held');
    if (f.from) sp.set('heldFrom', f.from);
    if (f.to) sp.set('heldTo', f.to);
  } else {
    if (key === 'hires') sp.set('status', 'hired');
    if (f.from) sp.set('from', f.from);
    if (f.to) sp.set('to', f.to);
  }
  const path = key === 'fairsHeld' ? '/gigs/fairs' : key === 'pushes' ? '/gigs/pushes' : '/gigs/intentions';
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * 零工快招 on the staff home: fairs held, jobs pushed, intentions and hires to date, per area and per
 * month; every number opens the list rows it counts (the server counts them with those lists' queries).
 */
export function GigHomeCard({ figures }: { figures: GigHomeFigures }) {
  const t = useT();
  const cols = <R extends Counts & { orgId?: string; from?: string; to?: string }>(first: ColumnsType<R>[number]) =>
    [
      first,
      ...KEYS.map((k) => ({
        title: t(`home.gigs.${k}`),
        dataIndex: k,
        align: 'right' as const,
        render: (v: number, r: R) => (
          <Link to={gigFigureLink(k, r)} data-testid={`gig-figure-${k}`}>
            {v.toLocaleString()}
          </Link>
        ),
      })),
    ] as ColumnsType<R>;
  return (
    <Card
      size="small"
      variant="borderless"
      title={accent(t('home.gigs'))}
      data-testid="staff-gigs"
      style={{ marginTop: 16 }}
    >
      <div className="ty-home-status-grid">
        {KEYS.map((k) => (
          <Link key={k} to={gigFigureLink(k, {})} className="ty-home-status" data-testid={`gig-total-${k}`}>
            <span>{t(`home.gigs.${k}`)}</span>
            <span className="ty-home-status-n">{figures.total[k].toLocaleString()}</span>
          </Link>
        ))}
      </div>
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <Typography.Text strong>{t('home.gigs.byArea')}</Typography.Text>
          <Table
            rowKey="orgId"
            size="small"
            pagination={false}
            dataSource={figures.areas}
            columns={cols<GigHomeFigures['areas'][number]>({ title: t('home.gigs.area'), dataIndex: 'name' })}
          />
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Text strong>{t('home.gigs.byMonth')}</Typography.Text>
          <Table
            rowKey="month"
            size="small"
            pagination={false}
            dataSource={figures.months}
            columns={cols<GigHomeFigures['months'][number]>({ title: t('home.gigs.month'), dataIndex: 'month' })}
          />
        </Col>
      </Row>
    </Card>
  );
}
