import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import {
  AimOutlined,
  ArrowLeftOutlined,
  EditOutlined,
  FileAddOutlined,
  ProjectOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PARTY_ORG_TYPES, type CampaignView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { CampaignFormDrawer } from './CampaignFormDrawer';
import { CampaignStatusTag, WindowTag } from './display';
import { useCampaignDetail, useCampaignEvent } from './hooks';
import './campaigns.css';

function Entries({ items }: { items: CampaignView['themes'] }) {
  return (
    <ul className="ty-theme-list">
      {items.map((x) => (
        <li key={x.code}>
          <Typography.Text strong>{x.name}</Typography.Text>
          {x.description && (
            <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0' }}>
              {x.description}
            </Typography.Paragraph>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function CampaignDetailPage() {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const navigate = useNavigate();
  const { id } = useParams();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const { data: c, isPending, error, refetch } = useCampaignDetail(id);
  const event = useCampaignEvent();
  const [editing, setEditing] = useState(false);

  if (isPending) return <Spin className="ty-page-spin" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} backTo="/campaigns" />;

  const fire = (e: 'publish' | 'close') =>
    modal.confirm({
      title: e === 'publish' ? t('campaigns.publish') : t('campaigns.close'),
      content: t(e === 'publish' ? 'campaigns.publishConfirm' : 'campaigns.closeConfirm', { name: c.name }),
      okButtonProps: { danger: e === 'close' },
      onOk: () =>
        event.mutateAsync({ id: c.id, event: e, version: c.version }).then(
          () => message.success(e === 'publish' ? t('campaigns.published') : t('campaigns.closed')),
          (err: unknown) => onError(err, { onReload: () => void refetch() }),
        ),
    });

  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const col = { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 };
  const canDeclare = can('project.declare') && c.windowOpen;

  return (
    <div data-testid="campaign-detail">
      <PageHeader
        title={
          <Space wrap>
            <Link to="/campaigns" aria-label={t('campaigns.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {c.name}
            <CampaignStatusTag status={c.status} />
            <WindowTag campaign={c} />
          </Space>
        }
        extra={
          <>
            {canDeclare && (
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                onClick={() => navigate(`/projects/new?campaignId=${c.id}`)}
              >
                {t('campaigns.declare')}
              </Button>
            )}
            {c.abilities.includes('publish') && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => fire('publish')}>
                {t('campaigns.publish')}
              </Button>
            )}
            {c.abilities.includes('update') && c.status !== 'closed' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {c.abilities.includes('close') && (
              <Button danger icon={<StopOutlined />} onClick={() => fire('close')}>
                {t('campaigns.close')}
              </Button>
            )}
          </>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<span className="ty-accent-title">{t('campaigns.counts')}</span>} variant="borderless">
          <div className="ty-campaign-stats">
            {(
              [
                ['declared', c.counts.declared, `/projects?campaignId=${c.id}`],
                ['approved', c.counts.approved, `/projects?campaignId=${c.id}&status=approved`],
                ['challenges', c.counts.challenges, `/challenges?campaignId=${c.id}`],
              ] as const
            ).map(([key, n, to]) => (
              <Link to={to} className="ty-campaign-stat" key={key} data-testid={`campaign-count-${key}`}>
                <Typography.Text type="secondary">{t(`campaigns.${key}`)}</Typography.Text>
                <div style={{ fontSize: 24, fontWeight: 500, color: 'rgba(0,0,0,0.88)' }}>{n}</div>
              </Link>
            ))}
          </div>
          <Space wrap style={{ marginTop: 12 }}>
            <Link to={`/challenges?campaignId=${c.id}`}>
              <Button icon={<AimOutlined />}>{t('campaigns.toBoard')}</Button>
            </Link>
            {can('project.read') && (
              <Link to={`/projects?campaignId=${c.id}`}>
                <Button icon={<ProjectOutlined />}>{t('campaigns.toProjects')}</Button>
              </Link>
            )}
          </Space>
        </Card>
        <Card title={<span className="ty-accent-title">{t('campaigns.basic')}</span>} variant="borderless">
          <Descriptions column={col} size="small">
            <Descriptions.Item label={t('campaigns.year')}>{c.year}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.codePrefix')}>
              <span className="ty-mono">{c.codePrefix}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('campaigns.org')}>{c.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.eligible')} span={col}>
              <Space size={[4, 4]} wrap>
                {c.eligibleOrgTypes.map((x) => (
                  <Tag key={x}>{label(PARTY_ORG_TYPES, x)}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('campaigns.description')} span={col}>
              {c.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> : none}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={<span className="ty-accent-title">{t('campaigns.schedule')}</span>} variant="borderless">
          <Descriptions column={col} size="small">
            <Descriptions.Item label={t('campaigns.window')}>
              {c.declareFrom} ~ {c.declareTo}
            </Descriptions.Item>
            <Descriptions.Item label={t('campaigns.reviewDates')}>
              {c.reviewDates.length ? c.reviewDates.join('、') : none}
            </Descriptions.Item>
            <Descriptions.Item label={t('campaigns.contestDate')}>{c.contestDate ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.reportDueDates')} span={col}>
              <Space size={[4, 4]} wrap>
                {c.reportDueDates.map((d, i) => (
                  <Tag key={d}>
                    {t('campaigns.quarter', { q: i + 1 })} {d}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={<span className="ty-accent-title">{t('campaigns.themes')}</span>} variant="borderless">
          <Entries items={c.themes} />
        </Card>
        <Card title={<span className="ty-accent-title">{t('campaigns.criteria')}</span>} variant="borderless">
          <Entries items={c.criteria} />
        </Card>
      </Space>
      <CampaignFormDrawer
        open={editing}
        campaign={c}
        onClose={() => setEditing(false)}
        onSaved={() => message.success(t('common.saved'))}
      />
    </div>
  );
}
