import { App, Button, Divider, Empty, Form, List, Modal, Popconfirm, Tag, Typography } from 'antd';
import { ROLES, roleGrantBody, type RoleBindingView, type UserView } from '@touyan/schemas';
import { parseForm } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useLocale, useT } from '../../i18n';
import { useGrantRole, useRevokeRole } from './hooks';
import { RoleBindingFields } from './RoleBindingFields';

/** Lists a user's role bindings with revoke buttons, and grants new ones. */
export function RolesModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const grant = useGrantRole();
  const revoke = useRevokeRole();

  const onGrant = async () => {
    if (!user) return;
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    if (!ok) return;
    const body = parseForm(roleGrantBody, form.getFieldsValue(true) as Record<string, unknown>, form, locale);
    if (!body) return;
    grant.mutate(
      { id: user.id, body },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          form.resetFields();
        },
        onError: (e) => onError(e, { form }),
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={t('users.rolesTitle', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.confirm')}</Button>}
      destroyOnHidden
      width={560}
    >
      <Typography.Text strong>{t('users.currentRoles')}</Typography.Text>
      <List<RoleBindingView>
        size="small"
        dataSource={user?.roles ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noRoles')} /> }}
        renderItem={(r) => (
          <List.Item
            actions={
              user?.abilities.includes('revokeRole')
                ? [
                    <Popconfirm
                      key="revoke"
                      title={t('users.revokeConfirm')}
                      okText={t('users.revoke')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        user &&
                        revoke.mutateAsync({ id: user.id, bindingId: r.id }).then(
                          () => void message.success(t('common.saved')),
                          (e: unknown) => onError(e),
                        )
                      }
                    >
                      <Button type="link" danger size="small">
                        {t('users.revoke')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <span>
              <Tag color="red" bordered={false}>
                {label(ROLES, r.role)}
              </Tag>
              {r.orgName}
              {r.hostOrgName && <Typography.Text type="secondary"> · {r.hostOrgName}</Typography.Text>}
            </span>
          </List.Item>
        )}
      />
      <Divider />
      <Typography.Text strong>{t('users.grant')}</Typography.Text>
      <Form form={form} name="roleGrant" layout="vertical" style={{ marginTop: 12 }}>
        <RoleBindingFields />
        <Button type="primary" onClick={() => void onGrant()} loading={grant.isPending}>
          {t('users.grantAction')}
        </Button>
      </Form>
    </Modal>
  );
}
