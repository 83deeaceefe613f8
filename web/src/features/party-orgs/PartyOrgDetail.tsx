import { useState } from 'react';
import { Alert, App, Button, Descriptions, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import { PARTY_ORG_TYPES, type PartyOrgView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useT } from '../../i18n';
import { useDeletePartyOrg, usePartyOrg } from './hooks';
import { MovePartyOrgModal } from './MovePartyOrgModal';
import { PartyOrgFormDrawer } from './PartyOrgFormDrawer';

type Dialog = 'create' | 'edit' | 'move' | null;

export function PartyOrgDetail({
  id,
  all,
  onSelect,
}: {
  id: string;
  all: PartyOrgView[];
  onSelect: (id: string | null) => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { data: org, isPending, error, refetch } = usePartyOrg(id);
  const del = useDeletePartyOrg();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (isPending) return <Spin className="ty-page-spin" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const parent = all.find((o) => o.id === org.parentId);
  const can = (a: string) => org.abilities.includes(a);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <div data-testid="party-org-detail">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }} className="ty-accent-title">
            {org.name}
          </Typography.Title>
          <Tag color="red">{label(PARTY_ORG_TYPES, org.type)}</Tag>
        </Space>
        <Space wrap>
          {can('createChild') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
              {t('partyOrgs.addChild')}
            </Button>
          )}
          {can('update') && (
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </Button>
          )}
          {can('move') && (
            <Button icon={<NodeIndexOutlined />} onClick={() => setDialog('move')}>
              {t('partyOrgs.move')}
            </Button>
          )}
          {can('delete') && (
            <Popconfirm
              title={t('partyOrgs.deleteConfirm', { name: org.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, loading: del.isPending }}
              onConfirm={() =>
                del.mutateAsync(org.id).then(
                  () => {
                    message.success(t('common.deleted'));
                    onSelect(org.parentId);
                  },
                  (e: unknown) => onError(e),
                )
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      {org.abilities.length === 0 && (
        <Alert type="info" showIcon message={t('partyOrgs.readonly')} style={{ marginBottom: 12 }} />
      )}
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('partyOrgs.secretary')}>{org.secretaryName}</Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.contactPhone')}>{org.contactPhoneMasked ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.region')}>{org.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.memberCount')}>{org.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.parent')}>
          {parent ? <Typography.Link onClick={() => onSelect(parent.id)}>{parent.name}</Typography.Link> : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.childCount')}>{org.childCount}</Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.establishedOn')}>
          {formatDate(org.establishedOn) || none}
        </Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.updatedAt')}>{formatDateTime(org.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('partyOrgs.note')} span={{ xs: 1, sm: 1, md: 2 }}>
          {org.note ?? none}
        </Descriptions.Item>
      </Descriptions>
      <PartyOrgFormDrawer
        open={dialog === 'create' || dialog === 'edit'}
        parent={dialog === 'create' ? org : (parent ?? null)}
        org={dialog === 'edit' ? org : null}
        onClose={() => setDialog(null)}
        onSaved={(saved) => onSelect(saved.id)}
        onReload={() => void refetch()}
      />
      <MovePartyOrgModal
        org={dialog === 'move' ? org : null}
        all={all}
        onClose={() => setDialog(null)}
        onReload={() => void refetch()}
      />
    </div>
  );
}
