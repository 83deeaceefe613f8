import { useEffect, useState } from 'react';
import { Alert, App, Modal, Radio, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ChallengeView } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { useClaimChallenge } from './hooks';

/**
 * 揭榜: the secretary names which of their own Party organisations takes the problem on (those the
 * campaign accepts), the server opens a linked draft declaration, and the declaration form opens.
 */
export function ClaimModal({ challenge, onClose }: { challenge: ChallengeView | null; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const claim = useClaimChallenge();
  const [orgId, setOrgId] = useState<string | null>(null);

  useEffect(() => {
    setOrgId(challenge?.claimOrgs.length === 1 ? challenge.claimOrgs[0]!.id : null);
  }, [challenge]);

  const submit = () => {
    if (!challenge || !orgId) return;
    claim.mutate(
      { id: challenge.id, orgId, version: challenge.version },
      {
        onSuccess: (saved) => {
          message.success(t('challenges.claimed'));
          onClose();
          if (saved.projectId) navigate(`/projects/${saved.projectId}/edit`);
        },
        onError: (e) => {
          if (isApiError(e) && (e.code === 'CHALLENGE_NOT_OPEN' || e.code === 'VERSION_CONFLICT')) {
            message.warning(t('challenges.claimGone'));
            onClose();
          } else onError(e);
        },
      },
    );
  };

  return (
    <Modal
      open={!!challenge}
      title={challenge ? t('challenges.claimTitle', { title: challenge.title }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('challenges.claim')}
      okButtonProps={{ disabled: !orgId, loading: claim.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {challenge && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('challenges.claimHint')}</Typography.Text>
          {challenge.claimOrgs.length === 0 ? (
            <Alert type="warning" showIcon message={t('challenges.noClaimOrg')} />
          ) : (
            <div>
              <Typography.Text strong>{t('challenges.claimOrg')}</Typography.Text>
              <Radio.Group
                value={orgId}
                onChange={(e) => setOrgId(e.target.value as string)}
                style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
                aria-label={t('challenges.claimOrg')}
              >
                {challenge.claimOrgs.map((o) => (
                  <Radio key={o.id} value={o.id}>
                    {o.name}
                  </Radio>
                ))}
              </Radio.Group>
            </div>
          )}
        </Space>
      )}
    </Modal>
  );
}
