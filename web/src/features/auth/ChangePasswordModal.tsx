import { App, Alert, Form, Input, Modal } from 'antd';
import { changePasswordBody } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { applyServerFieldErrors, parseForm, useZodRule, validated } from '../../components/forms';
import { useLocale, useT } from '../../i18n';
import { useChangePassword } from './hooks';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({
  open,
  forced,
  onClose,
}: {
  open: boolean;
  forced?: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const zodRule = useZodRule();

  const onOk = async () => {
    const values = await validated(form);
    if (!values) return;
    const body = parseForm(changePasswordBody, values as unknown as Record<string, unknown>, form, locale);
    if (!body) return;
    change.mutate(body, {
      onSuccess: () => {
        message.success(t('password.changed'));
        form.resetFields();
        onClose();
      },
      onError: (e) => {
        if (isApiError(e) && e.code === 'PASSWORD_WRONG')
          form.setFields([{ name: 'oldPassword', errors: [e.message] }]);
        else if (!applyServerFieldErrors(form, e, locale))
          message.error(isApiError(e) ? e.message : t('common.loadFailed'));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      onOk={onOk}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      maskClosable={!forced}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon message={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      <Form form={form} name="changePassword" layout="vertical">
        <Form.Item
          name="oldPassword"
          label={t('password.old')}
          required
          rules={[zodRule(changePasswordBody.shape.oldPassword)]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.hint')}
          required
          rules={[zodRule(changePasswordBody.shape.newPassword)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          required
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, v: unknown) => {
                if (v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
