import type { ReactNode } from 'react';
import { Card, Col, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, InboxOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, Navigate } from 'react-router-dom';
import { ROLES, type HomeView, type Me, type Permission, type Role } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useT, type MessageKey } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { useHome } from './hooks';
import { JudgeHome } from './JudgeHome';
import { LATER_ROLES } from './nav';
import { accent, NotificationsCard } from './parts';
import { StaffHome } from './StaffHome';
import { OpenCampaigns, ProjectsCard } from './TeamHome';
import './home.css';

/** The administrator's own tools (never offered to other roles on their home). */
const ADMIN_SHORTCUTS: { to: string; title: MessageKey; desc: MessageKey; icon: ReactNode; permission: Permission }[] =
  [
    { to: '/users', title: 'nav.users', desc: 'home.users.desc', icon: <TeamOutlined />, permission: 'user.write' },
    {
      to: '/regions',
      title: 'nav.regions',
      desc: 'home.regions.desc',
      icon: <EnvironmentOutlined />,
      permission: 'region.write',
    },
    {
      to: '/party-orgs',
      title: 'nav.partyOrgs',
      desc: 'home.partyOrgs.desc',
      icon: <ApartmentOutlined />,
      permission: 'partyOrg.write',
    },
    { to: '/audit', title: 'nav.audit', desc: 'home.audit.desc', icon: <AuditOutlined />, permission: 'audit.read' },
  ];

/** Roles with a home of their own (the others' services come in later releases). */
const WORK_ROLES: readonly Role[] = ['admin', 'staff', 'secretary', 'member', 'judge'];

/**
 * A judge who is nothing else, on a phone, goes straight to the scoring page — unless all they
 * have is an open review meeting (the scoring page lists contests only).
 */
function goesToJudgePage(me: Me, isMobile: boolean, home: HomeView | undefined): boolean {
  const roles = new Set(me.roles.map((r) => r.role));
  if (!isMobile || !roles.has('judge') || WORK_ROLES.some((r) => r !== 'judge' && roles.has(r))) return false;
  const judge = home?.judge;
  if (!judge) return false;
  const scoring = judge.contests.some((c) => c.status === 'ready' || c.status === 'running');
  return scoring || judge.meetings.length === 0;
}

function Welcome({ me, today }: { me: Me; today: string | undefined }) {
  const t = useT();
  const label = useLabel();
  return (
    <Card className="ty-welcome" variant="borderless" size="small">
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }} data-testid="welcome">
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      {today && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('home.today', { date: today })}
        </Typography.Paragraph>
      )}
      <div className="ty-home-roles">
        <Typography.Text strong>{t('home.rolesLabel')}</Typography.Text>
        {me.roles.length === 0 && <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>}
        {me.roles.map((b) => (
          <Tag color="red" bordered={false} key={b.id} className="ty-home-role-tag">
            {label(ROLES, b.role)}
            {b.orgName ? ` · ${b.hostOrgName ?? b.orgName}` : ''}
          </Tag>
        ))}
      </div>
    </Card>
  );
}

/** Roles whose services arrive later: a plain statement, and nothing to administer. */
function NothingYet({ me }: { me: Me }) {
  const t = useT();
  const label = useLabel();
  const later = [...new Set(me.roles.map((b) => b.role))].filter((r) => LATER_ROLES.includes(r));
  return (
    <Card variant="borderless" data-testid="home-nothing-yet">
      <Result
        icon={<InboxOutlined style={{ color: '#bfbfbf' }} />}
        title={t('home.later.title')}
        subTitle={
          <Space direction="vertical" size={4}>
            <span>{t('home.later.body', { roles: later.map((r) => label(ROLES, r)).join('、') })}</span>
            {me.permissions.includes('hostOrg.read') && (
              <span>
                <Link to="/host-orgs">{t('home.later.hostOrgs')}</Link>
              </span>
            )}
          </Space>
        }
      />
    </Card>
  );
}

function AdminShortcuts({ me }: { me: Me }) {
  const t = useT();
  const shortcuts = ADMIN_SHORTCUTS.filter((s) => me.permissions.includes(s.permission));
  return (
    <Card size="small" title={accent(t('home.shortcuts'))} variant="borderless" data-testid="admin-shortcuts">
      <Row gutter={[12, 12]}>
        {shortcuts.map((s) => (
          <Col xs={24} sm={12} xl={6} key={s.to}>
            <Link to={s.to}>
              <Card hoverable size="small">
                <Card.Meta
                  avatar={<span className="ty-shortcut-icon">{s.icon}</span>}
                  title={t(s.title)}
                  description={t(s.desc)}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** 工作台: each role lands on its own work. */
export default function HomePage() {
  const t = useT();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const home = useHome();
  const roles = new Set(me.roles.map((r) => r.role));
  const judgeOnly = roles.has('judge') && !WORK_ROLES.some((r) => r !== 'judge' && roles.has(r));

  if (goesToJudgePage(me, isMobile, home.data)) return <Navigate to="/judge" replace />;
  // A specialist who is nothing else works in the field: the visits page is their home (一企一专员).
  if (roles.has('specialist') && !WORK_ROLES.some((r) => roles.has(r))) return <Navigate to="/field" replace />;
  // Department handlers and enterprise contacts work on demands (诉求): the demand list is their home.
  if ((roles.has('handler') || roles.has('contact')) && !WORK_ROLES.some((r) => roles.has(r)))
    return <Navigate to="/demands" replace />;
  // A 驿家站长 keeps their station from the phone: the station page is their home.
  if (roles.has('station_manager') && !WORK_ROLES.some((r) => roles.has(r))) return <Navigate to="/station" replace />;
  // A worker (新就业群体) who is nothing else: the phone page of their registration.
  if (roles.has('worker') && !WORK_ROLES.some((r) => roles.has(r))) return <Navigate to="/worker" replace />;
  // An employer (用工单位) who is nothing else: their gig jobs (零工快招).
  if (roles.has('employer') && !WORK_ROLES.some((r) => roles.has(r))) return <Navigate to="/gigs/jobs" replace />;
  // A mediator (调裁诉援) who is nothing else: today's cases and their clocks.
  if (roles.has('mediator') && !WORK_ROLES.some((r) => roles.has(r))) return <Navigate to="/mediator" replace />;
  // A gate guard who is nothing else: the gate check (小哥码).
  if (roles.has('guard') && !WORK_ROLES.some((r) => roles.has(r))) return <Navigate to="/guard" replace />;
  if (home.isPending && judgeOnly && isMobile) return <Spin className="ty-page-spin" />;

  const data = home.data;
  const hasWork = !!data && !!(data.staff || data.secretary || data.member || data.judge);
  const teamSide = data && (data.secretary || data.member || data.judge);

  return (
    <div className="ty-home ty-home-stack">
      <Welcome me={me} today={data?.today} />
      {home.isPending ? (
        <div className="ty-home-loading">
          <Spin />
        </div>
      ) : home.error && !data ? (
        <ErrorState error={home.error} onRetry={() => void home.refetch()} />
      ) : data ? (
        <>
          {data.secretary && <OpenCampaigns campaigns={data.secretary.campaigns} />}
          {data.staff && <StaffHome data={data.staff} />}
          {teamSide && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <div className="ty-home-stack">
                  {data.secretary && (
                    <ProjectsCard
                      title={t('home.myProjects')}
                      data={data.secretary.projects}
                      testId="secretary-projects"
                    />
                  )}
                  {data.member && (
                    <ProjectsCard title={t('home.ourProjects')} data={data.member.projects} testId="member-projects" />
                  )}
                  {data.judge && <JudgeHome data={data.judge} />}
                </div>
              </Col>
              <Col xs={24} xl={8}>
                <NotificationsCard data={data.notifications} />
              </Col>
            </Row>
          )}
          {data.staff && !teamSide && <NotificationsCard data={data.notifications} />}
          {!hasWork && me.roles.length > 0 && <NothingYet me={me} />}
          {!hasWork && data.notifications.unread > 0 && <NotificationsCard data={data.notifications} />}
          {roles.has('admin') && <AdminShortcuts me={me} />}
        </>
      ) : null}
    </div>
  );
}
