import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { userCreateBody, userUpdateBody, type UserView } from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm, useZodRule } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLocale, useT } from '../../i18n';
import { useCreateUser, useUpdateUser } from './hooks';
import { RoleBindingFields } from './RoleBindingFields';

export function UserFormDrawer({
  open,
  user,
  onClose,
  onReload,
}: {
  open: boolean;
  user: UserView | null;
  onClose: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const zodRule = useZodRule();
  const onError = useApiErrorHandler();
  const create = useCreateUser();
  const update = useUpdateUser();
  const shape = userCreateBody.shape;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ displayName: user.displayName, disabled: user.disabled });
  }, [open, user, form]);

  const onSave = async () => {
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    if (!ok) return;
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const done = () => {
      message.success(user ? t('common.saved') : t('users.created'));
      onClose();
    };
    if (user) {
      const body = parseForm(
        userUpdateBody,
        { ...values, disabled: !!values.disabled, version: user.version },
        form,
        locale,
      );
      if (body)
        update.mutate(
          { id: user.id, body },
          { onSuccess: done, onError: (e) => onError(e, { form, onReload: () => (onReload(), onClose()) }) },
        );
    } else {
      const body = parseForm(userCreateBody, { ...values, roles: values.roles ?? [] }, form, locale);
      if (body) create.mutate(body, { onSuccess: done, onError: (e) => onError(e, { form }) });
    }
  };

  return (
    <FormDrawer
      open={open}
      title={user ? t('users.editTitle') : t('users.createTitle')}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
    >
      <Form form={form} name="user" layout="vertical" autoComplete="off">
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            required
            rules={[zodRule(shape.username)]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} required rules={[zodRule(shape.displayName)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('users.mobile')}
          rules={[zodRule(shape.mobile)]}
          extra={user?.mobileMasked ? t('users.mobileKeep', { masked: user.mobileMasked }) : undefined}
        >
          <Input maxLength={11} inputMode="tel" placeholder={user?.mobileMasked ?? undefined} />
        </Form.Item>
        {user ? (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="password"
              label={t('users.password')}
              extra={t('password.hint')}
              required
              rules={[zodRule(shape.password)]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.List name="roles">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      style={{ marginBottom: 12 }}
                      extra={
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('common.delete')}
                        />
                      }
                      title={t('users.role')}
                    >
                      <RoleBindingFields prefix={[f.name]} absolute={['roles', f.name]} />
                    </Card>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('users.addRole')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
