import { Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, BankOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ROLES, type Permission, type RoleBindingView } from '@touyan/schemas';
import type { ReactNode } from 'react';
import { useLabel, useT, type MessageKey } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';

const SHORTCUTS: { to: string; title: MessageKey; desc: MessageKey; icon: ReactNode; permission: Permission }[] = [
  {
    to: '/regions',
    title: 'nav.regions',
    desc: 'home.regions.desc',
    icon: <EnvironmentOutlined />,
    permission: 'region.read',
  },
  {
    to: '/party-orgs',
    title: 'nav.partyOrgs',
    desc: 'home.partyOrgs.desc',
    icon: <ApartmentOutlined />,
    permission: 'partyOrg.read',
  },
  {
    to: '/host-orgs',
    title: 'nav.hostOrgs',
    desc: 'home.hostOrgs.desc',
    icon: <BankOutlined />,
    permission: 'hostOrg.read',
  },
  { to: '/users', title: 'nav.users', desc: 'home.users.desc', icon: <TeamOutlined />, permission: 'user.read' },
  { to: '/audit', title: 'nav.audit', desc: 'home.audit.desc', icon: <AuditOutlined />, permission: 'audit.read' },
];

export default function HomePage() {
  const t = useT();
  const label = useLabel();
  const me = useCurrentUser();
  const roles = [...new Set(me.roles.map((r) => r.role))];
  const shortcuts = SHORTCUTS.filter((s) => me.permissions.includes(s.permission));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card className="ty-welcome" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Space wrap>
          <Typography.Text strong>{t('home.rolesLabel')}</Typography.Text>
          {roles.length === 0 && <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>}
          {roles.map((r) => (
            <Tag color="red" key={r}>
              {label(ROLES, r)}
            </Tag>
          ))}
        </Space>
      </Card>
      {me.roles.length > 0 && (
        <Card title={<span className="ty-accent-title">{t('home.bindings')}</span>} variant="borderless">
          <Table<RoleBindingView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={me.roles}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('home.role'), dataIndex: 'role', render: (r: RoleBindingView['role']) => label(ROLES, r) },
              { title: t('home.org'), dataIndex: 'orgName' },
              { title: t('home.hostOrg'), dataIndex: 'hostOrgName', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      )}
      {shortcuts.length > 0 && (
        <Card title={<span className="ty-accent-title">{t('home.shortcuts')}</span>} variant="borderless">
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col xs={24} sm={12} lg={8} key={s.to}>
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
      )}
    </Space>
  );
}
