import { useEffect, useState } from 'react';
import { Alert, App, Empty, Modal, Table } from 'antd';
import type { ProjectListItem } from '@touyan/schemas';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useT } from '../../i18n';
import { useAddItems, useSubmittedProjects } from './hooks';

/** Picks submitted declarations of the meeting's campaign and puts them on the agenda. */
export function AgendaPickerModal({
  open,
  meetingId,
  campaignId,
  onClose,
}: {
  open: boolean;
  meetingId: string;
  campaignId: string;
  onClose: () => void;
}) {
  const t = useT();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const projects = useSubmittedProjects(campaignId, open);
  const add = useAddItems(meetingId);
  const [selected, setSelected] = useState<string[]>([]);

  useEffect(() => {
    if (open) setSelected([]);
  }, [open]);

  const onOk = () =>
    add.mutate(selected, {
      onSuccess: () => {
        message.success(t('reviews.added', { n: selected.length }));
        onClose();
      },
      onError: (e) => onError(e),
    });

  return (
    <Modal
      open={open}
      title={t('reviews.addItemsTitle')}
      onCancel={onClose}
      onOk={onOk}
      okText={t('reviews.addItemsOk', { n: selected.length })}
      okButtonProps={{ disabled: selected.length === 0, loading: add.isPending }}
      cancelText={t('common.cancel')}
      width={isMobile ? '100%' : 820}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('reviews.addItemsHint')} style={{ marginBottom: 12 }} />
      <Table<ProjectListItem>
        rowKey="id"
        size="small"
        loading={projects.isFetching}
        dataSource={projects.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content', y: 420 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        locale={{ emptyText: <Empty description={t('reviews.addItemsEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: t('reviews.minutes.project'), dataIndex: 'title', width: 260 },
          { title: t('reviews.org'), dataIndex: 'orgName', width: 180 },
          { title: t('reviews.theme'), dataIndex: 'themeName', width: 160, responsive: ['md'] },
          {
            title: t('reviews.submittedAt'),
            dataIndex: 'submittedAt',
            width: 140,
            responsive: ['md'],
            render: (v: string | null) => formatDateTime(v),
          },
        ]}
      />
    </Modal>
  );
}
