import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { App, Avatar, Button, Drawer, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  DashboardOutlined,
  AimOutlined,
  AuditOutlined,
  ScheduleOutlined,
  FlagOutlined,
  LineChartOutlined,
  ProjectOutlined,
  BankOutlined,
  CustomerServiceOutlined,
  CarOutlined,
  EditOutlined,
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
import { ROLES } from '@touyan/schemas';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { useCurrentUser, useLogout } from '../features/auth/hooks';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { menuFor, NAV } from '../features/home/nav';
import { useLabel, useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { useIsMobile } from './useIsMobile';

/** Menu icons by path; which entries a user sees is decided in features/home/nav.ts. */
const NAV_ICONS: Record<string, ReactNode> = {
  '/': <HomeOutlined />,
  '/dashboards': <DashboardOutlined />,
  '/judge': <EditOutlined />,
  '/regions': <EnvironmentOutlined />,
  '/party-orgs': <ApartmentOutlined />,
  '/host-orgs': <BankOutlined />,
  '/campaigns': <FlagOutlined />,
  '/challenges': <AimOutlined />,
  '/projects': <ProjectOutlined />,
  '/reviews': <AuditOutlined />,
  '/quarterly': <LineChartOutlined />,
  '/contests': <TrophyOutlined />,
  '/assessments': <SolutionOutlined />,
  '/visits': <CarOutlined />,
  '/demands': <CustomerServiceOutlined />,
  '/passes': <KeyOutlined />,
  '/users': <TeamOutlined />,
  '/audit': <AuditOutlined />,
  '/admin/jobs': <ScheduleOutlined />,
};

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

  const items = useMemo(
    () => menuFor(new Set(me.permissions), new Set(me.roles.map((r) => r.role))),
    [me.permissions, me.roles],
  ).map((n) => ({ key: n.path, icon: NAV_ICONS[n.path], label: t(n.label) }));
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
            {/* Its name is its visible text (label-content-name-mismatch); on a phone only the avatar shows. */}
            <Button
              type="text"
              className="ty-user-button"
              aria-label={isMobile ? me.displayName : undefined}
              data-testid="user-menu"
            >
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8161d' }} aria-hidden />
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
