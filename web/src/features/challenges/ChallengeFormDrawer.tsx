import { useEffect, useMemo } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  challengeCreateBody,
  challengeUpdateBody,
  TARGET_GROUPS,
  type ChallengeView,
  type TargetGroup,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm } from '../../components/forms';
import { RegionPicker } from '../../components/RegionPicker';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLocale, useT } from '../../i18n';
import { useCampaignChoices } from '../campaigns/hooks';
import { useCreateChallenge, useUpdateChallenge } from './hooks';

const DATE = 'YYYY-MM-DD';

interface FormValues {
  campaignId?: string;
  title?: string;
  description?: string;
  theme?: string;
  targetGroup?: TargetGroup;
  regionCode?: string | null;
  evidence?: string | null;
  evidenceCount?: number | null;
  claimDeadline?: Dayjs | null;
}

function toFormValues(c: ChallengeView): FormValues {
  return {
    campaignId: c.campaignId,
    title: c.title,
    description: c.description,
    theme: c.theme,
    targetGroup: c.targetGroup,
    regionCode: c.regionCode,
    evidence: c.evidence,
    evidenceCount: c.evidenceCount,
    claimDeadline: dayjs(c.claimDeadline, DATE),
  };
}

/** Post (no `challenge`) or edit a challenge; validated with the server's Zod schema. */
export function ChallengeFormDrawer({
  open,
  challenge,
  defaultCampaignId,
  onClose,
  onSaved,
}: {
  open: boolean;
  challenge: ChallengeView | null;
  defaultCampaignId?: string;
  onClose: () => void;
  onSaved?: (saved: ChallengeView, wasNew: boolean) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<FormValues>();
  const onError = useApiErrorHandler();
  const create = useCreateChallenge();
  const update = useUpdateChallenge();
  const campaigns = useCampaignChoices(open);
  const writable = useMemo(
    () => (campaigns.data ?? []).filter((c) => c.abilities.includes('postChallenge') && c.status !== 'closed'),
    [campaigns.data],
  );
  const campaignId = Form.useWatch('campaignId', form);
  const chosen = (campaigns.data ?? []).find((c) => c.id === campaignId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (challenge) form.setFieldsValue(toFormValues(challenge));
    else form.setFieldsValue({ claimDeadline: dayjs().add(30, 'day') });
  }, [open, challenge, form]);

  useEffect(() => {
    if (!open || challenge || form.getFieldValue('campaignId')) return;
    const pick = writable.find((c) => c.id === defaultCampaignId) ?? (writable.length === 1 ? writable[0] : undefined);
    if (pick) form.setFieldValue('campaignId', pick.id);
  }, [open, challenge, writable, defaultCampaignId, form]);

  const onSave = async () => {
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    if (!ok) return;
    const v = form.getFieldsValue(true);
    const values: Record<string, unknown> = {
      ...v,
      claimDeadline: v.claimDeadline ? v.claimDeadline.format(DATE) : undefined,
    };
    const done = (saved: ChallengeView) => {
      onSaved?.(saved, !challenge);
      onClose();
    };
    const handle = (e: unknown) => onError(e, { form });
    if (challenge) {
      const body = parseForm(challengeUpdateBody, { ...values, version: challenge.version }, form, locale);
      if (body) update.mutate({ id: challenge.id, body }, { onSuccess: done, onError: handle });
    } else {
      const body = parseForm(challengeCreateBody, values, form, locale);
      if (body) create.mutate(body, { onSuccess: done, onError: handle });
    }
  };

  return (
    <FormDrawer
      open={open}
      title={challenge ? t('challenges.editTitle') : t('challenges.postTitle')}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
      width={640}
    >
      <Form form={form} name="challenge" layout="vertical" scrollToFirstError>
        {challenge ? (
          <Form.Item label={t('challenges.campaign')}>
            <Typography.Text>{challenge.campaignName}</Typography.Text>
          </Form.Item>
        ) : (
          <>
            {campaigns.isSuccess && writable.length === 0 && (
              <Alert
                type="warning"
                showIcon
                message={t('challenges.noWritableCampaign')}
                style={{ marginBottom: 16 }}
              />
            )}
            <Form.Item name="campaignId" label={t('challenges.campaign')} required>
              <Select
                loading={campaigns.isPending}
                options={writable.map((c) => ({ value: c.id, label: c.name }))}
                onChange={() => form.setFieldValue('theme', undefined)}
                showSearch
                optionFilterProp="label"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t('challenges.titleField')} required>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="description" label={t('challenges.description')} required>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="theme" label={t('challenges.theme')} required>
          <Select
            placeholder={chosen ? undefined : t('challenges.pickCampaignFirst')}
            disabled={!chosen}
            options={(chosen?.themes ?? []).map((x) => ({ value: x.code, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name="targetGroup" label={t('challenges.targetGroup')} required>
          <Select options={options(TARGET_GROUPS)} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('challenges.region')} required>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="evidence" label={t('challenges.evidence')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
            placeholder={t('challenges.evidencePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="evidenceCount"
          label={t('challenges.evidenceCount')}
          tooltip={t('challenges.evidenceCountHint')}
        >
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 200, maxWidth: '100%' }} />
        </Form.Item>
        <Form.Item name="claimDeadline" label={t('challenges.claimDeadline')} required>
          <DatePicker
            format={DATE}
            inputReadOnly={isMobile}
            style={{ width: 200, maxWidth: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
