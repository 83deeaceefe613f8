import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { HOST_ORG_CATEGORIES, HOST_ORG_TYPES, INDUSTRIES, SIZE_CLASSES } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';
import { CoverageTag } from './CoverageTag';
import { HostOrgFormDrawer } from './HostOrgFormDrawer';
import { useHostOrg } from './hooks';
import { AssignmentsTab, CoverageTab, LedgerItemsTab } from './LedgerTabs';

export default function HostOrgDetailPage() {
  const t = useT();
  const label = useLabel();
  const { id } = useParams();
  const { message } = App.useApp();
  const { data: org, isPending, error, refetch } = useHostOrg(id);
  const [editing, setEditing] = useState(false);

  if (isPending) return <Spin className="ty-page-spin" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} backTo="/host-orgs" />;

  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const col = { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 };
  return (
    <div data-testid="host-org-detail">
      <PageHeader
        title={
          <Space wrap>
            <Link to="/host-orgs" aria-label={t('hostOrgs.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {org.name}
            <CoverageTag status={org.coverageStatus} />
          </Space>
        }
        extra={
          org.abilities.includes('update') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'basic',
            label: t('ledger.tab.basic'),
            children: (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Card title={<span className="ty-accent-title">{t('hostOrgs.basic')}</span>} variant="borderless">
                  <Descriptions column={col} size="small">
                    <Descriptions.Item label={t('hostOrgs.creditCode')}>
                      <span className="ty-mono">{org.creditCode}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.category')}>
                      {label(HOST_ORG_CATEGORIES, org.category)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.type')}>{label(HOST_ORG_TYPES, org.type)}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.industry')}>
                      {label(INDUSTRIES, org.industry)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.sizeClass')}>
                      {label(SIZE_CLASSES, org.sizeClass)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.region')}>{org.regionName}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.park')}>{org.park ?? none}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.address')}>{org.address ?? none}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.staffCount')}>{org.staffCount}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.createdAt')}>
                      {formatDateTime(org.createdAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.updatedAt')}>
                      {formatDateTime(org.updatedAt)}
                    </Descriptions.Item>
                  </Descriptions>
                </Card>
                <Card
                  title={<span className="ty-accent-title">{t('hostOrgs.coverageSection')}</span>}
                  variant="borderless"
                >
                  <Descriptions column={col} size="small">
                    <Descriptions.Item label={t('hostOrgs.coverage')}>
                      <CoverageTag status={org.coverageStatus} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.partyMemberCount')}>{org.partyMemberCount}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.managingOrg')}>{org.managingOrgName}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.partyOrg')}>{org.partyOrgName ?? none}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.instructor')}>{org.instructorName ?? none}</Descriptions.Item>
                    <Descriptions.Item label={t('hostOrgs.specialist')}>{org.specialistName ?? none}</Descriptions.Item>
                  </Descriptions>
                </Card>
              </Space>
            ),
          },
          {
            key: 'coverage',
            label: t('ledger.tab.coverage'),
            children: (
              <Card variant="borderless">
                <CoverageTab org={org} />
              </Card>
            ),
          },
          {
            key: 'cross-posts',
            label: t('ledger.tab.crossPosts'),
            children: (
              <Card variant="borderless">
                <LedgerItemsTab org={org} kind="cross-posts" />
              </Card>
            ),
          },
          {
            key: 'party-members',
            label: t('ledger.tab.partyMembers'),
            children: (
              <Card variant="borderless">
                <LedgerItemsTab org={org} kind="party-members" />
              </Card>
            ),
          },
          {
            key: 'assignments',
            label: t('ledger.tab.assignments'),
            children: (
              <Card variant="borderless">
                <AssignmentsTab org={org} />
              </Card>
            ),
          },
        ]}
      />
      <HostOrgFormDrawer
        open={editing}
        org={org}
        onClose={() => setEditing(false)}
        onSaved={() => message.success(t('common.saved'))}
      />
    </div>
  );
}
