import { useState } from 'react';
import { Alert, App, Button, Descriptions, Space, Spin, Typography } from 'antd';
import { EditOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import { REGION_LEVELS } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { useRegion } from './hooks';
import { AddChildModal, MoveRegionModal, RenameRegionModal } from './RegionModals';

type Dialog = 'rename' | 'add' | 'move' | null;

export function RegionDetail({
  code,
  onChanged,
  onSelect,
}: {
  code: string;
  onChanged: (parents: (string | null)[]) => void;
  onSelect: (code: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const { message } = App.useApp();
  const { data: region, isPending, error, refetch } = useRegion(code);
  const parent = useRegion(region?.parentCode ?? null);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (isPending) return <Spin className="ty-page-spin" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const abilities = can('region.write') ? region.abilities : [];
  return (
    <div data-testid="region-detail">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }} className="ty-accent-title">
          {region.name}
        </Typography.Title>
        <Space wrap>
          {abilities.includes('update') && (
            <Button icon={<EditOutlined />} onClick={() => setDialog('rename')}>
              {t('regions.rename')}
            </Button>
          )}
          {abilities.includes('createChild') && (
            <Button icon={<PlusOutlined />} onClick={() => setDialog('add')}>
              {t('regions.addChild')}
            </Button>
          )}
          {abilities.includes('move') && (
            <Button icon={<NodeIndexOutlined />} onClick={() => setDialog('move')}>
              {t('regions.move')}
            </Button>
          )}
        </Space>
      </Space>
      {abilities.length === 0 && (
        <Alert type="info" showIcon message={t('regions.readonly')} style={{ marginBottom: 12 }} />
      )}
      <Descriptions column={1} bordered size="small" labelStyle={{ width: 120 }}>
        <Descriptions.Item label={t('regions.name')}>{region.name}</Descriptions.Item>
        <Descriptions.Item label={t('regions.code')}>{region.code}</Descriptions.Item>
        <Descriptions.Item label={t('regions.level')}>
          {label(REGION_LEVELS, region.level as keyof typeof REGION_LEVELS)}
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.fullName')}>{region.fullName}</Descriptions.Item>
        <Descriptions.Item label={t('regions.parent')}>
          {region.parentCode ? (
            <Typography.Link onClick={() => onSelect(region.parentCode!)}>
              {parent.data?.fullName ?? region.parentCode}
            </Typography.Link>
          ) : (
            t('regions.top')
          )}
        </Descriptions.Item>
      </Descriptions>
      <RenameRegionModal
        region={dialog === 'rename' ? region : null}
        onClose={() => setDialog(null)}
        onDone={() => {
          message.success(t('common.saved'));
          onChanged([region.parentCode]);
        }}
        onReload={() => void refetch()}
      />
      <AddChildModal
        parent={dialog === 'add' ? region : null}
        onClose={() => setDialog(null)}
        onDone={(child) => {
          message.success(t('regions.created'));
          onChanged([region.code, region.parentCode]);
          onSelect(child);
        }}
      />
      <MoveRegionModal
        region={dialog === 'move' ? region : null}
        onClose={() => setDialog(null)}
        onDone={(newParent) => {
          message.success(t('regions.moved'));
          onChanged([region.parentCode, newParent]);
        }}
        onReload={() => void refetch()}
      />
    </div>
  );
}
