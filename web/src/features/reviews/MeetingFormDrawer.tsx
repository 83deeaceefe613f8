import { useEffect, useMemo } from 'react';
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { meetingCreateBody, meetingUpdateBody, ROLES, type MeetingView, type UserView } from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useLocale, useT } from '../../i18n';
import { useCreateMeeting, useMeetingCampaigns, useReviewerCandidates, useUpdateMeeting } from './hooks';

interface Values {
  campaignId?: string;
  title?: string;
  meetingDate?: Dayjs | null;
  place?: string;
  chairUserId?: string;
  reviewerIds?: string[];
  note?: string | null;
}

/** Create (no `meeting`) or edit a review meeting; validated with the server's Zod schema. */
export function MeetingFormDrawer({
  open,
  meeting,
  onClose,
  onSaved,
}: {
  open: boolean;
  meeting: MeetingView | null;
  onClose: () => void;
  onSaved?: (m: MeetingView, wasNew: boolean) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const create = useCreateMeeting();
  const update = useUpdateMeeting(meeting?.id ?? '');
  const campaigns = useMeetingCampaigns(open && !meeting);
  const candidates = useReviewerCandidates(open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (meeting) {
      form.setFieldsValue({
        title: meeting.title,
        meetingDate: dayjs(meeting.meetingDate),
        place: meeting.place,
        chairUserId: meeting.chairUserId,
        reviewerIds: meeting.reviewers.map((r) => r.id).filter((id) => id !== meeting.chairUserId),
        note: meeting.note,
      });
    }
  }, [open, meeting, form]);

  // Everyone who can be chosen, plus the people already on the meeting (they may lie outside the list).
  const options = useMemo(() => {
    const describe = (u: UserView) => {
      const b = u.roles.find((r) => r.role === 'judge' || r.role === 'staff');
      return b ? `${label(ROLES, b.role)}${b.orgName ? ` · ${b.orgName}` : ''}` : '';
    };
    const map = new Map<string, { value: string; label: string }>();
    for (const u of candidates.data ?? []) {
      const d = describe(u);
      map.set(u.id, { value: u.id, label: d ? `${u.displayName}（${d}）` : u.displayName });
    }
    for (const r of meeting?.reviewers ?? []) if (!map.has(r.id)) map.set(r.id, { value: r.id, label: r.name });
    return [...map.values()];
  }, [candidates.data, meeting, label]);

  const onSave = () => {
    const v = form.getFieldsValue(true) as Values;
    const values: Record<string, unknown> = {
      ...v,
      meetingDate: v.meetingDate ? v.meetingDate.format('YYYY-MM-DD') : undefined,
      reviewerIds: v.reviewerIds ?? [],
    };
    // The chair is a reviewer too; an empty list still needs the chair.
    if (v.chairUserId && (v.reviewerIds ?? []).length === 0) values.reviewerIds = [v.chairUserId];
    const done = (saved: MeetingView) => {
      onSaved?.(saved, !meeting);
      onClose();
    };
    const handleError = (e: unknown) => onError(e, { form, onReload: onClose });
    if (meeting) {
      const body = parseForm(meetingUpdateBody, { ...values, version: meeting.version }, form, locale);
      if (body) update.mutate(body, { onSuccess: done, onError: handleError });
    } else {
      const body = parseForm(meetingCreateBody, values, form, locale);
      if (body) create.mutate(body, { onSuccess: done, onError: handleError });
    }
  };

  const noCampaign = !meeting && campaigns.isSuccess && campaigns.data.length === 0;
  return (
    <FormDrawer
      open={open}
      title={meeting ? t('reviews.editTitle') : t('reviews.createTitle')}
      onClose={onClose}
      onSave={onSave}
      saving={create.isPending || update.isPending}
      width={640}
    >
      {noCampaign && <Alert type="warning" showIcon message={t('reviews.noCampaign')} style={{ marginBottom: 16 }} />}
      <Form form={form} name="reviewMeeting" layout="vertical" scrollToFirstError>
        {!meeting && (
          <Form.Item name="campaignId" label={t('reviews.campaign')} extra={t('reviews.campaignHint')} required>
            <Select
              loading={campaigns.isPending}
              placeholder={t('common.selectHint')}
              options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.orgName}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('reviews.meetingTitle')} required>
          <Input maxLength={80} placeholder={t('reviews.meetingTitlePlaceholder')} />
        </Form.Item>
        <div className="ty-rv-form-row">
          <Form.Item name="meetingDate" label={t('reviews.meetingDate')} required>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label={t('reviews.place')} required>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name="chairUserId" label={t('reviews.chair')} extra={t('reviews.chairHint')} required>
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.isPending}
            placeholder={t('common.selectHint')}
            options={options}
          />
        </Form.Item>
        <Form.Item name="reviewerIds" label={t('reviews.reviewers')} extra={t('reviews.reviewersHint')} required>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            loading={candidates.isPending}
            placeholder={t('common.selectHint')}
            options={options}
          />
        </Form.Item>
        <Form.Item name="note" label={t('reviews.note')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
