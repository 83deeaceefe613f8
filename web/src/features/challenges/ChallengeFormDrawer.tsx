import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Segmented, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  challengeCreateBody,
  challengeFromDemandsBody,
  challengeUpdateBody,
  DEMAND_CATEGORIES,
  TARGET_GROUPS,
  type ChallengeView,
  type DemandView,
  type TargetGroup,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm } from '../../components/forms';
import { RegionPicker } from '../../components/RegionPicker';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import { useCampaignChoices } from '../campaigns/hooks';
import {
  useAttachDemands,
  useChallengeFromDemands,
  useCreateChallenge,
  useUpdateChallenge,
  useWritableOpenChallenges,
} from './hooks';

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
  /** When attaching demands: the open challenge they back. */
  attachTo?: string;
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

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Post (no `challenge`) or edit a challenge; validated with the server's Zod schema. Given `demands`
 * (发布到揭榜 from the demand list), it posts a new challenge pre-filled from them, or attaches them to
 * an open challenge the caller edits.
 */
export function ChallengeFormDrawer({
  open,
  challenge,
  demands,
  defaultCampaignId,
  onClose,
  onSaved,
}: {
  open: boolean;
  challenge: ChallengeView | null;
  demands?: DemandView[];
  defaultCampaignId?: string;
  onClose: () => void;
  onSaved?: (saved: ChallengeView, wasNew: boolean) => void;
}) {
  const t = useT();
  const label = useLabel();
  const fromDemands = useChallengeFromDemands();
  const attach = useAttachDemands();
  const [mode, setMode] = useState<'new' | 'attach'>('new');
  const attaching = !!demands?.length && mode === 'attach';
  const openChallenges = useWritableOpenChallenges(open && !!demands?.length);
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
    setMode('new');
    if (challenge) form.setFieldsValue(toFormValues(challenge));
    else if (demands?.length) {
      const n = demands.length;
      const first = demands[0]!;
      const categories = [...new Set(demands.map((d) => label(DEMAND_CATEGORIES, d.category)))].join('、');
      const regions = new Set(demands.map((d) => d.hostOrgRegionCode));
      form.setFieldsValue({
        title: clip(n === 1 ? first.title : t('challenges.fromDemandsName', { title: first.title, n }), 80),
        description: clip(demands.map((d) => `${d.hostOrgName}：${d.title}。${d.description}`).join('\n'), 2000),
        targetGroup: 'new_economic',
        regionCode: regions.size === 1 ? first.hostOrgRegionCode : `${first.hostOrgRegionCode.slice(0, 4)}00`,
        evidence: clip(t('challenges.fromDemandsEvidence', { n, categories }), 1000),
        evidenceCount: n,
        claimDeadline: dayjs().add(30, 'day'),
      });
    } else form.setFieldsValue({ claimDeadline: dayjs().add(30, 'day') });
    // The demands are chosen once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
    const demandIds = (demands ?? []).map((d) => d.id);
    if (attaching) {
      const target = (openChallenges.data ?? []).find((c) => c.id === v.attachTo);
      if (!target) {
        form.setFields([{ name: 'attachTo', errors: [t('challenges.pickChallenge')] }]);
        return;
      }
      attach.mutate(
        { id: target.id, body: { demandIds, version: target.version } },
        { onSuccess: (saved) => done(saved), onError: handle },
      );
    } else if (demandIds.length) {
      const body = parseForm(challengeFromDemandsBody, { ...values, demandIds }, form, locale);
      if (body) fromDemands.mutate(body, { onSuccess: done, onError: handle });
    } else if (challenge) {
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
      title={
        challenge
          ? t('challenges.editTitle')
          : demands?.length
            ? t('challenges.fromDemandsTitle', { n: demands.length })
            : t('challenges.postTitle')
      }
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending || fromDemands.isPending || attach.isPending}
      width={640}
    >
      <Form form={form} name="challenge" layout="vertical" scrollToFirstError>
        {!!demands?.length && (
          <>
            <Form.Item label={t('challenges.evidenceDemands')}>
              <ul className="ty-challenge-demands" data-testid="board-demands">
                {demands.map((d) => (
                  <li key={d.id}>
                    {d.hostOrgName}：{d.title}
                  </li>
                ))}
              </ul>
            </Form.Item>
            <Form.Item>
              <Segmented<'new' | 'attach'>
                value={mode}
                onChange={setMode}
                options={[
                  { value: 'new', label: t('challenges.modeNew') },
                  { value: 'attach', label: t('challenges.modeAttach') },
                ]}
              />
            </Form.Item>
          </>
        )}
        {attaching ? (
          <Form.Item name="attachTo" label={t('challenges.attachTo')} required>
            <Select
              loading={openChallenges.isPending}
              showSearch
              optionFilterProp="label"
              notFoundContent={t('challenges.noOpenChallenge')}
              options={(openChallenges.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.title}（${c.campaignName}）`,
              }))}
            />
          </Form.Item>
        ) : (
          <>
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
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
