import { Tag } from 'antd';
import { CAMPAIGN_STATUSES, type CampaignStatus, type CampaignView } from '@touyan/schemas';
import { useLabel, useT } from '../../i18n';

const COLORS: Record<CampaignStatus, string> = { draft: 'default', published: 'red', closed: 'default' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const label = useLabel();
  return (
    <Tag color={COLORS[status]} bordered={status !== 'closed'}>
      {label(CAMPAIGN_STATUSES, status)}
    </Tag>
  );
}

/** 申报中 while today (Asia/Shanghai, decided by the server) is inside the window of a published campaign. */
export function WindowTag({ campaign }: { campaign: Pick<CampaignView, 'windowOpen' | 'status'> }) {
  const t = useT();
  if (campaign.status !== 'published') return null;
  return campaign.windowOpen ? (
    <Tag color="green">{t('campaigns.windowOpen')}</Tag>
  ) : (
    <Tag>{t('campaigns.windowClosed')}</Tag>
  );
}
