import { useState } from 'react';
import { App, Button, Dropdown, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { ROLES, type Role, type UserView } from '@touyan/schemas';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { listRows } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useIsMobile } from '../../components/useIsMobile';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { useUnlockUser, useUpdateUser, useUserList, type UserFilters } from './hooks';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RolesModal } from './RolesModal';
import { UserFormDrawer } from './UserFormDrawer';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'roles' | 'reset'; user: UserView } | null;

export default function UsersPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const can = usePermissions();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const [filters, setFilters] = useState<UserFilters>({});
  const list = useUserList(filters);
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const writable = can('user.write');
  const isMobile = useIsMobile();
  const rows = listRows(list);
  const allows = (u: UserView, a: string) => writable && u.abilities.includes(a);

  const toggleDisabled = (u: UserView) => {
    const run = () =>
      update
        .mutateAsync({
          id: u.id,
          body: { displayName: u.displayName, mobile: null, disabled: !u.disabled, version: u.version },
        })
        .then(
          () => void message.success(t('common.saved')),
          (e: unknown) => onError(e, { onReload: () => void list.refetch() }),
        );
    if (u.disabled) void run();
    else
      modal.confirm({
        title: t('users.disableConfirm', { name: u.displayName }),
        okButtonProps: { danger: true },
        onOk: run,
      });
  };

  const columns: ColumnsType<UserView> = [
    { title: t('users.username'), dataIndex: 'username', width: 130, fixed: isMobile ? undefined : 'left' },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 100 },
    { title: t('users.mobile'), dataIndex: 'mobileMasked', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 280,
      render: (roles: UserView['roles']) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {roles.map((r) => (
              <Tooltip key={r.id} title={[r.orgName, r.hostOrgName].filter(Boolean).join(' · ')}>
                <Tag bordered={false}>
                  {label(ROLES, r.role)}
                  <span className="ty-tag-sub">{r.hostOrgName ?? r.orgName}</span>
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.locked && <Tag color="orange">{t('users.locked')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: isMobile ? undefined : 'right',
      render: (_: unknown, u) => {
        const more = [
          allows(u, 'grantRole') && { key: 'roles', label: t('users.manageRoles') },
          allows(u, 'resetPassword') && { key: 'reset', label: t('users.resetPassword') },
          u.locked && allows(u, 'unlock') && { key: 'unlock', label: t('users.unlock') },
          allows(u, 'update') && {
            key: 'toggle',
            label: u.disabled ? t('users.enable') : t('users.disable'),
            danger: !u.disabled,
          },
        ].filter((x) => !!x);
        return (
          <Space size={0}>
            {allows(u, 'update') && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                {t('common.edit')}
              </Button>
            )}
            {more.length > 0 && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: more,
                  onClick: ({ key }) => {
                    if (key === 'roles' || key === 'reset') setDialog({ kind: key, user: u });
                    if (key === 'toggle') toggleDisabled(u);
                    if (key === 'unlock')
                      unlock.mutateAsync(u.id).then(
                        () => void message.success(t('users.unlocked')),
                        (e: unknown) => onError(e),
                      );
                  },
                }}
              >
                <Button type="link" size="small">
                  {t('users.more')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  const rolesUser = dialog?.kind === 'roles' ? (rows.find((r) => r.id === dialog.user.id) ?? dialog.user) : null;
  return (
    <div>
      <PageHeader
        title={t('users.title')}
        sub={t('users.sub')}
        extra={
          writable && <CreateButton onClick={() => setDialog({ kind: 'create' })}>{t('users.create')}</CreateButton>
        }
      />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Input.Search
            aria-label={t('users.search')}
            placeholder={t('users.search')}
            allowClear
            enterButton
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={{ width: 300, maxWidth: '100%' }}
          />
          <Select<Role>
            aria-label={t('users.roleFilter')}
            placeholder={t('users.roleFilter')}
            allowClear
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
            options={options(ROLES)}
            style={{ width: 180 }}
          />
        </div>
        <InfiniteTable<UserView> query={list} columns={columns} size="large" scroll={{ x: 1100 }} />
      </div>
      <UserFormDrawer
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        user={dialog?.kind === 'edit' ? dialog.user : null}
        onClose={() => setDialog(null)}
        onReload={() => void list.refetch()}
      />
      <RolesModal user={rolesUser} onClose={() => setDialog(null)} />
      <ResetPasswordModal user={dialog?.kind === 'reset' ? dialog.user : null} onClose={() => setDialog(null)} />
    </div>
  );
}
