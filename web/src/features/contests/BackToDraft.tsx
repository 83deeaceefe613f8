import { useState } from 'react';
import { App, Button, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { contestRevertBody, type ContestView } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { useZodRule, validated } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { useRevertToDraft } from './hooks';

/**
 * 退回草稿: takes a ready contest back to draft so that its set-up can change again. Asks for the
 * reason (2–200 characters, recorded in the audit log); a stale page offers to reload.
 */
export function BackToDraftButton({
  contest,
  onReload,
  onDone,
  size,
}: {
  contest: ContestView;
  onReload: () => void;
  onDone?: (c: ContestView) => void;
  size?: ButtonProps['size'];
}) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const zodRule = useZodRule();
  const revert = useRevertToDraft(contest.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const submit = () =>
    void validated(form).then(
      (v) =>
        v &&
        revert.mutate(
          { version: contest.version, reason: v.reason.trim() },
          {
            onSuccess: (c) => {
              setOpen(false);
              void message.success(t('contests.toDraftDone'));
              onDone?.(c);
            },
            onError: (e) => {
              // Started or reverted elsewhere meanwhile: show the contest as it is now.
              if (isApiError(e) && e.code === 'INVALID_TRANSITION') {
                setOpen(false);
                onReload();
              }
              onError(e, { form, onReload });
            },
          },
        ),
    );

  return (
    <>
      <Button
        size={size}
        icon={<RollbackOutlined />}
        onClick={() => {
          form.resetFields();
          setOpen(true);
        }}
        data-testid="contest-to-draft"
      >
        {t('contests.toDraft')}
      </Button>
      <Modal
        open={open}
        title={t('contests.toDraftTitle')}
        okText={t('contests.toDraft')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'contest-to-draft-ok' } as ButtonProps}
        confirmLoading={revert.isPending}
        onCancel={() => setOpen(false)}
        onOk={submit}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('contests.toDraftText')}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="toDraft">
          <Form.Item
            name="reason"
            label={t('contests.toDraftReason')}
            rules={[zodRule(contestRevertBody.shape.reason)]}
            required
          >
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="contest-to-draft-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
