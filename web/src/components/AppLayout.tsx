import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { App, Avatar, Button, Drawer, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  AimOutlined,
  AuditOutlined,
  FlagOutlined,
  LineChartOutlined,
  ProjectOutlined,
  BankOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLES, type Permission } from '@touyan/schemas';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { useCurrentUser, useLogout } from '../features/auth/hooks';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useLabel, useT, type MessageKey } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { useIsMobile } from './useIsMobile';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: Permission;
}

const NAV: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/regions', label: 'nav.regions', icon: <EnvironmentOutlined />, permission: 'region.read' },
  { path: '/party-orgs', label: 'nav.partyOrgs', icon: <ApartmentOutlined />, permission: 'partyOrg.read' },
  { path: '/host-orgs', label: 'nav.hostOrgs', icon: <BankOutlined />, permission: 'hostOrg.read' },
  { path: '/campaigns', label: 'nav.campaigns', icon: <FlagOutlined />, permission: 'campaign.read' },
  { path: '/challenges', label: 'nav.challenges', icon: <AimOutlined />, permission: 'challenge.read' },
  { path: '/projects', label: 'nav.projects', icon: <ProjectOutlined />, permission: 'project.read' },
  { path: '/reviews', label: 'nav.reviews', icon: <AuditOutlined />, permission: 'review.read' },
  { path: '/quarterly', label: 'nav.quarterly', icon: <LineChartOutlined />, permission: 'project.manage' },
  { path: '/contests', label: 'nav.contests', icon: <TrophyOutlined />, permission: 'contest.read' },
  { path: '/assessments', label: 'nav.assessments', icon: <SolutionOutlined />, permission: 'assessment.read' },
  { path: '/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

function selectedKey(pathname: string): string {
  const hit = NAV.filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(`${n.path}/`)));
  return hit[0]?.path ?? '/';
}

export function AppLayout() {
  const t = useT();
  const label = useLabel();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { message } = App.useApp();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);

  const perms = useMemo(() => new Set(me.permissions), [me.permissions]);
  const items = NAV.filter((n) => !n.permission || perms.has(n.permission)).map((n) => ({
    key: n.path,
    icon: n.icon,
    label: t(n.label),
  }));
  const roleNames = [...new Set(me.roles.map((r) => r.role))].map((r) => label(ROLES, r));

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 'none' }}
      aria-label={t('nav.menu')}
    />
  );

  const doLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        message.success(t('logout.done'));
        navigate('/login', { replace: true });
      },
    });

  const userMenu = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div className="ty-user-card">
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <div>
              {roleNames.map((r) => (
                <Tag key={r} color="red" bordered={false} style={{ marginTop: 4 }}>
                  {r}
                </Tag>
              ))}
            </div>
          </div>
        ),
      },
      { type: 'divider' as const },
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') setPwdOpen(true);
      if (key === 'logout') doLogout();
    },
  };

  return (
    <Layout className="ty-shell">
      <Layout.Header className="ty-header">
        <Space size={12} align="center">
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))} className="ty-logo-link">
            <Logo compact={isMobile} />
          </a>
        </Space>
        <Space size={isMobile ? 8 : 16} align="center">
          <NotificationBell />
          <LanguageSwitch />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" className="ty-user-button" aria-label={me.displayName} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8161d' }} />
              {!isMobile && <span className="ty-user-name">{me.displayName}</span>}
              {!isMobile && roleNames[0] && <span className="ty-user-role">{roleNames.join('、')}</span>}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={260}
            title={<Logo compact />}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            className="ty-sider"
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="ty-content">
          <Suspense fallback={<Spin className="ty-page-spin" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal
        open={pwdOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPwdOpen(false)}
      />
    </Layout>
  );
}
