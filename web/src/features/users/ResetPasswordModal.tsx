import { App, Form, Input, Modal } from 'antd';
import { resetPasswordBody, type UserView } from '@touyan/schemas';
import { useZodRule, validated } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { useResetPassword } from './hooks';

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const zodRule = useZodRule();
  const onError = useApiErrorHandler();
  const reset = useResetPassword();

  const onOk = async () => {
    if (!user) return;
    const values = await validated(form);
    if (!values) return;
    const { newPassword } = values;
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          message.success(t('users.resetDone'));
          onClose();
        },
        onError: (e) => onError(e, { form }),
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} name="resetPassword" layout="vertical">
        <Form.Item
          name="newPassword"
          label={t('users.newPassword')}
          extra={t('password.hint')}
          required
          rules={[zodRule(resetPasswordBody.shape.newPassword)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
