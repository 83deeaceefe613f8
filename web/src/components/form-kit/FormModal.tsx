import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useT } from '../../i18n';

/**
 * A dialog holding one short form (vertical layout, values dropped when it closes): the OK button
 * submits and spins while the write runs; a click on the mask does not close it.
 */
export function FormModal<V>({
  open,
  title,
  form,
  initialValues,
  onClose,
  onSubmit,
  submitting,
  okText,
  intro,
  children,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onClose: () => void;
  onSubmit: () => void | Promise<void>;
  submitting?: boolean;
  /** The OK button's text; 保存 by default. */
  okText?: ReactNode;
  /** Shown above the form (what the form is about). */
  intro?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void onSubmit()}
      okText={okText ?? t('common.save')}
      confirmLoading={submitting}
      destroyOnHidden
      maskClosable={false}
    >
      {intro}
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
