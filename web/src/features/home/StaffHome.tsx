import { Card, Col, List, Progress, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import {
  CONTEST_STATUSES,
  PROJECT_STATUS_CODES,
  quarterLabel,
  SUPERVISION_STATUSES,
  UPCOMING_CONTEST_STATUSES,
  type EnterpriseFigures,
  type StaffHome as StaffHomeData,
} from '@touyan/schemas';
import { formatDate } from '../../components/time';
import { useLabel, useLocale, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { ContestStatusTag } from '../contests/display';
import { DisputesHomeCard } from '../disputes/DisputesHomeCard';
import { ProjectStatusTag } from '../projects/display';
import { MeetingStatusTag } from '../reviews/display';
import { accent, TodoTile } from './parts';
import { GigHomeCard } from '../gigs/GigHomeCard';

const quarterlyLink = (g: StaffHomeData['reports']['groups'][number]) =>
  `/quarterly?campaignId=${g.campaignId}&year=${g.year}&quarter=${g.quarter}&status=pending`;

/** 社工部工作人员: what waits for them in their area, and its figures. Every count comes from the server. */
export function StaffHome({ data }: { data: StaffHomeData }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const { awaitingReview, meetings, reports, supervision, contests, figures } = data;
  const busyStatuses = UPCOMING_CONTEST_STATUSES.filter((s) => contests.byStatus[s] > 0);
  const filed = figures.reportsOnTime + figures.reportsLate;

  return (
    <div className="ty-home-stack" data-testid="staff-home">
      <Card size="small" variant="borderless" title={accent(t('home.todo'))}>
        <div className="ty-home-tiles">
          <TodoTile
            testId="todo-awaiting-review"
            title={t('home.todo.awaitingReview')}
            value={awaitingReview.count}
            hint={t('home.todo.awaitingReview.hint')}
            to="/projects?status=submitted"
          />
          <TodoTile
            testId="todo-meetings"
            title={t('home.todo.meetings')}
            value={meetings.open}
            hint={t('home.todo.meetings.hint')}
            to="/reviews?status=open"
          />
          <TodoTile
            testId="todo-due-this-month"
            title={t('home.todo.dueThisMonth')}
            value={reports.dueThisMonth}
            hint={t('home.todo.dueThisMonth.hint')}
            {...(reports.groups.length === 1
              ? { to: quarterlyLink(reports.groups[0]!) }
              : reports.groups.length > 1
                ? { href: '#home-reports-due' }
                : {})}
          />
          <TodoTile
            testId="todo-overdue"
            title={t('home.todo.overdue')}
            value={reports.overdueProjects}
            hint={t('home.todo.overdue.hint', { n: reports.overdue })}
            to="/projects?overdue=1"
            alert
          />
          <TodoTile
            testId="todo-supervision"
            title={t('home.todo.supervision')}
            value={supervision.open}
            hint={t('home.todo.supervision.hint', { overdue: supervision.overdue, answered: supervision.answered })}
            href={supervision.items.length ? '#home-supervision' : undefined}
            alert={supervision.overdue > 0}
          />
          <TodoTile
            testId="todo-contests"
            title={t('home.todo.contests')}
            value={contests.upcoming}
            hint={t('home.todo.contests.hint')}
            to={busyStatuses.length === 1 ? `/contests?status=${busyStatuses[0]}` : '/contests'}
          />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <div className="ty-home-stack">
            <Card
              size="small"
              variant="borderless"
              title={accent(t('home.list.awaitingReview'))}
              extra={
                awaitingReview.count > awaitingReview.items.length && (
                  <Link to="/projects?status=submitted">{t('home.list.all', { n: awaitingReview.count })}</Link>
                )
              }
            >
              <List
                size="small"
                dataSource={awaitingReview.items}
                locale={{ emptyText: t('home.list.none') }}
                renderItem={(d) => (
                  <List.Item className="ty-home-item">
                    <div className="ty-home-item-main">
                      <Link to={`/projects/${d.id}`}>{d.title}</Link>
                      <Typography.Text type="secondary" className="ty-home-item-sub">
                        {d.orgName} · {formatDate(d.submittedAt)}
                      </Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
            </Card>

            {reports.groups.length > 0 && (
              <Card size="small" variant="borderless" title={accent(t('home.list.reportsDue'))} id="home-reports-due">
                <List
                  size="small"
                  dataSource={reports.groups}
                  renderItem={(g) => (
                    <List.Item className="ty-home-item">
                      <div className="ty-home-item-main">
                        <Link to={quarterlyLink(g)}>
                          {t('home.list.reportGroup', {
                            quarter: quarterLabel({ year: g.year, quarter: g.quarter as 1 | 2 | 3 | 4 }, locale),
                            n: g.pending,
                          })}
                        </Link>
                        <Typography.Text type="secondary" className="ty-home-item-sub">
                          {g.campaignName} · {t('home.list.dueOn', { date: g.dueDate })}
                        </Typography.Text>
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            )}

            <Card size="small" variant="borderless" title={accent(t('home.list.supervision'))} id="home-supervision">
              <List
                size="small"
                dataSource={supervision.items}
                locale={{ emptyText: t('home.list.none') }}
                pagination={supervision.items.length > 5 ? { pageSize: 5, size: 'small', align: 'center' } : false}
                renderItem={(n) => (
                  <List.Item className="ty-home-item">
                    <div className="ty-home-item-main">
                      <Link to={`/projects/${n.projectId}?tab=reports`}>{n.projectTitle}</Link>
                      <Space size={4} wrap className="ty-home-item-sub">
                        <Tag bordered={false} color={n.status === 'answered' ? 'processing' : 'warning'}>
                          {label(SUPERVISION_STATUSES, n.status)}
                        </Tag>
                        <Typography.Text type="secondary">
                          {t('home.list.answerBy', { date: n.answerBy })}
                        </Typography.Text>
                        {n.overdue && (
                          <Tag color="error" bordered={false}>
                            {t('home.overdue')}
                          </Tag>
                        )}
                      </Space>
                    </div>
                  </List.Item>
                )}
              />
            </Card>

            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <Card
                  size="small"
                  variant="borderless"
                  title={accent(t('home.list.meetings'))}
                  extra={
                    meetings.open > 0 && (
                      <Link to="/reviews?status=open">{t('home.list.all', { n: meetings.open })}</Link>
                    )
                  }
                  style={{ height: '100%' }}
                >
                  <List
                    size="small"
                    dataSource={meetings.items}
                    locale={{ emptyText: t('home.list.none') }}
                    renderItem={(m) => (
                      <List.Item className="ty-home-item">
                        <div className="ty-home-item-main">
                          <Link to={`/reviews/${m.id}`}>{m.title}</Link>
                          <Space size={4} wrap className="ty-home-item-sub">
                            <MeetingStatusTag status={m.status} />
                            <Typography.Text type="secondary">
                              {m.meetingDate} · {t('home.meeting.items', { n: m.itemCount })}
                            </Typography.Text>
                          </Space>
                        </div>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card
                  size="small"
                  variant="borderless"
                  title={accent(t('home.list.contests'))}
                  style={{ height: '100%' }}
                >
                  <Space size={[12, 4]} wrap style={{ marginBottom: 8 }}>
                    {UPCOMING_CONTEST_STATUSES.map((s) => (
                      <Link key={s} to={`/contests?status=${s}`} data-testid={`contests-${s}`}>
                        {label(CONTEST_STATUSES, s)} {contests.byStatus[s]}
                      </Link>
                    ))}
                  </Space>
                  <List
                    size="small"
                    dataSource={contests.items}
                    locale={{ emptyText: t('home.list.none') }}
                    renderItem={(c) => (
                      <List.Item className="ty-home-item">
                        <div className="ty-home-item-main">
                          <Link to={`/contests/${c.id}`}>{c.name}</Link>
                          <Space size={4} wrap className="ty-home-item-sub">
                            <ContestStatusTag status={c.status} />
                            <Typography.Text type="secondary">
                              {c.contestDate} · {t('home.contest.projects', { n: c.projectCount })}
                            </Typography.Text>
                          </Space>
                        </div>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            </Row>
          </div>
        </Col>

        <Col xs={24} xl={9}>
          <Card size="small" variant="borderless" title={accent(t('home.figures'))} data-testid="staff-figures">
            <Typography.Text strong>
              <Link to="/projects">{t('home.figures.projects', { n: figures.projects })}</Link>
            </Typography.Text>
            <div className="ty-home-status-grid">
              {PROJECT_STATUS_CODES.map((s) => (
                <Link key={s} to={`/projects?status=${s}`} className="ty-home-status" data-testid={`figure-${s}`}>
                  <ProjectStatusTag status={s} />
                  <span className="ty-home-status-n">{figures.projectsByStatus[s]}</span>
                </Link>
              ))}
            </div>
            <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
              {t('home.figures.reports')}
            </Typography.Text>
            {filed === 0 ? (
              <Typography.Text type="secondary">{t('home.figures.noReports')}</Typography.Text>
            ) : (
              <>
                <Progress
                  percent={100}
                  success={{ percent: Math.round((figures.reportsOnTime / filed) * 100) }}
                  strokeColor="#faad14"
                  showInfo={false}
                  aria-label={t('home.figures.reports')}
                />
                <Space size={12} wrap>
                  <Typography.Text data-testid="figure-on-time">
                    <span className="ty-home-dot is-ok" />
                    {t('home.figures.onTime', { n: figures.reportsOnTime })}
                  </Typography.Text>
                  <Typography.Text data-testid="figure-late">
                    <span className="ty-home-dot is-late" />
                    {t('home.figures.late', { n: figures.reportsLate })}
                  </Typography.Text>
                </Space>
              </>
            )}
          </Card>
          {data.enterprise && <EnterpriseCard figures={data.enterprise} />}
          {data.disputes && <DisputesHomeCard figures={data.disputes} />}
        </Col>
      </Row>
      {data.gigs && <GigHomeCard figures={data.gigs} />}
    </div>
  );
}

/** 企业服务: each figure is the total of the list it opens (the visited firms, the filtered demands). */
function EnterpriseCard({ figures }: { figures: EnterpriseFigures }) {
  const t = useT();
  const tiles: { key: string; value: number | null; to: string; unit: 'unitFirms' | 'unitItems'; tone?: string }[] = [
    { key: 'firmsVisited', value: figures.firmsVisited, to: '/visits?view=firms', unit: 'unitFirms' },
    { key: 'demands', value: figures.demands, to: '/demands', unit: 'unitItems' },
    { key: 'resolved', value: figures.resolved, to: '/demands?measure=resolved', unit: 'unitItems' },
    {
      key: 'factorResolved',
      value: figures.factorResolved,
      to: '/demands?measure=resolved&categoryGroup=factor',
      unit: 'unitItems',
    },
    {
      key: 'legacyResolved',
      value: figures.legacyResolved,
      to: '/demands?measure=resolved&category=legacy',
      unit: 'unitItems',
    },
    { key: 'open', value: figures.open, to: '/demands?open=1', unit: 'unitItems' },
    { key: 'overdue', value: figures.overdue, to: '/demands?overdue=1', unit: 'unitItems', tone: 'is-late' },
  ];
  return (
    <Card
      size="small"
      variant="borderless"
      title={accent(t('home.enterprise'))}
      data-testid="staff-enterprise"
      style={{ marginTop: 16 }}
    >
      <div className="ty-home-status-grid">
        {tiles
          .filter((x) => x.value !== null)
          .map((x) => (
            <Link key={x.key} to={x.to} className="ty-home-status" data-testid={`enterprise-${x.key}`}>
              <span>{t(`home.enterprise.${x.key}` as MessageKey)}</span>
              <span className={`ty-home-status-n ${x.tone && x.value ? x.tone : ''}`}>
                {x.value}
                <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 2 }}>
                  {t(`home.enterprise.${x.unit}`)}
                </Typography.Text>
              </span>
            </Link>
          ))}
      </div>
    </Card>
  );
}
