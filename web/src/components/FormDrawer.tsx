import type { ReactNode } from 'react';
import { Button, Drawer, Space } from 'antd';
import { useT } from '../i18n';
import { useIsMobile } from './useIsMobile';

/** A drawer holding a form: full width on phones, 保存 / 取消 in the footer. */
export function FormDrawer({
  open,
  title,
  onClose,
  onSave,
  saving,
  width = 600,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  onSave: () => void;
  saving?: boolean;
  width?: number;
  children: ReactNode;
}) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      width={isMobile ? '100%' : width}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={onSave} loading={saving} data-testid="drawer-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
