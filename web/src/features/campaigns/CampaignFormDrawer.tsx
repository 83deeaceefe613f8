import { useEffect, useMemo } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ZodType } from 'zod';
import {
  campaignCreateBody,
  campaignUpdateBody,
  DEFAULT_CRITERIA,
  DEFAULT_THEMES,
  FIELD_MESSAGES,
  PARTY_ORG_TYPES,
  quarterDueDate,
  type CampaignView,
  type Locale,
  type PartyOrgType,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { issueMessage } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLocale, useT } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { usePartyOrgTree } from '../party-orgs/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { useCreateCampaign, useUpdateCampaign } from './hooks';
import './campaigns.css';

const DATE = 'YYYY-MM-DD';
const DEFAULT_ELIGIBLE: PartyOrgType[] = [
  'two_new_committee',
  'park_committee',
  'industry_committee',
  'composite_committee',
];

interface Entry {
  code: string;
  name: string;
  description?: string | null;
}

interface FormValues {
  name?: string;
  year?: number;
  codePrefix?: string;
  orgId?: string | null;
  themes?: Entry[];
  eligibleOrgTypes?: PartyOrgType[];
  criteria?: Entry[];
  window?: [Dayjs | null, Dayjs | null];
  reviewDates?: Dayjs[];
  reportDueDays?: number | null;
  contestDate?: Dayjs | null;
  description?: string | null;
}

const day = (s: string | null | undefined) => (s ? dayjs(s, DATE) : null);
const fmt = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : undefined);
const blank = (s: string | null | undefined) => (s && s.trim() ? s : null);

/** A code for an entry added in the form: users edit names, codes stay out of sight. */
function nextCode(prefix: string, entries: readonly Entry[] | undefined): string {
  const used = new Set((entries ?? []).map((e) => e.code));
  let n = (entries?.length ?? 0) + 1;
  while (used.has(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

function toFormValues(c: CampaignView): FormValues {
  return {
    name: c.name,
    year: c.year,
    codePrefix: c.codePrefix,
    themes: c.themes,
    eligibleOrgTypes: c.eligibleOrgTypes,
    criteria: c.criteria,
    window: [day(c.declareFrom), day(c.declareTo)],
    reviewDates: c.reviewDates.map((d) => dayjs(d, DATE)),
    reportDueDays: c.reportDueDays,
    contestDate: day(c.contestDate),
    description: c.description,
  };
}

function defaults(): FormValues {
  const year = dayjs().year();
  return {
    name: `${year}年度新兴领域书记项目`,
    year,
    themes: DEFAULT_THEMES.map((x) => ({ ...x })),
    eligibleOrgTypes: DEFAULT_ELIGIBLE,
    criteria: DEFAULT_CRITERIA.map((x) => ({ ...x })),
    reviewDates: [],
    reportDueDays: 10,
  };
}

/** The request body from the form (dates as YYYY-MM-DD, empty texts as null). */
function toBody(v: FormValues): Record<string, unknown> {
  const entries = (list: Entry[] | undefined) =>
    (list ?? []).map((e) => ({ code: e.code, name: e.name ?? '', description: blank(e.description) }));
  return {
    name: v.name,
    year: v.year ?? undefined,
    codePrefix: v.codePrefix || undefined,
    orgId: v.orgId ?? undefined,
    themes: entries(v.themes),
    eligibleOrgTypes: v.eligibleOrgTypes ?? [],
    criteria: entries(v.criteria),
    declareFrom: fmt(v.window?.[0]),
    declareTo: fmt(v.window?.[1]),
    reviewDates: (v.reviewDates ?? []).map((d) => d.format(DATE)).sort(),
    reportDueDays: v.reportDueDays ?? undefined,
    contestDate: fmt(v.contestDate) ?? null,
    description: blank(v.description),
  };
}

/** Where a schema issue is shown: the window's two ends on the range picker, list items on their field. */
function fieldPath(path: readonly PropertyKey[]): (string | number)[] {
  const head = String(path[0] ?? '');
  if (head === 'declareFrom' || head === 'declareTo') return ['window'];
  if (head === 'reviewDates' || head === 'eligibleOrgTypes') return [head];
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function parseCampaign<T>(schema: ZodType<T>, body: Record<string, unknown>, form: FormInstance, locale: Locale) {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const seen = new Set<string>();
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of r.error.issues) {
    const name = fieldPath(issue.path);
    const key = name.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    let value: unknown = body;
    for (const p of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[p];
    fields.push({ name, errors: [issueMessage(issue, value, locale)] });
  }
  form.setFields(fields);
  return null;
}

/** Themes or criteria: name and description per row, added and removed freely (codes stay hidden). */
function EntryList({
  name,
  prefix,
  labels,
}: {
  name: 'themes' | 'criteria';
  prefix: string;
  labels: { title: string; item: string; desc: string; add: string };
}) {
  const t = useT();
  const [locale] = useLocale();
  const form = Form.useFormInstance<FormValues>();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_r, list?: Entry[]) => {
            if (!list || list.length === 0) throw new Error(FIELD_MESSAGES.required[locale]);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div className="ty-entry-list" role="group" aria-label={labels.title}>
          {fields.map((f, i) => (
            <div className="ty-entry-row" key={f.key}>
              <span className="ty-entry-no">{i + 1}</span>
              <Form.Item name={[f.name, 'code']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={[f.name, 'name']}
                className="ty-entry-name"
                rules={[{ required: true, whitespace: true, message: FIELD_MESSAGES.required[locale] }]}
              >
                <Input placeholder={labels.item} aria-label={`${labels.item} ${i + 1}`} maxLength={40} />
              </Form.Item>
              <Form.Item name={[f.name, 'description']} className="ty-entry-desc">
                <Input.TextArea
                  placeholder={labels.desc}
                  aria-label={`${labels.desc} ${i + 1}`}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={300}
                />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t('campaigns.remove')} ${i + 1}`}
                onClick={() => remove(f.name)}
              />
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              add({ code: nextCode(prefix, form.getFieldValue(name) as Entry[]), name: '', description: '' })
            }
          >
            {labels.add}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

type Window = [Dayjs | null, Dayjs | null];

/**
 * The declaration window: a range picker on wide screens; on phones two single pickers, since the
 * range picker's two months do not fit 375 px.
 */
function WindowPicker({ id, value, onChange }: { id?: string; value?: Window; onChange?: (v: Window) => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  const [from, to] = value ?? [null, null];
  if (!isMobile) {
    return (
      <DatePicker.RangePicker
        id={id}
        format={DATE}
        style={{ width: '100%' }}
        value={[from, to]}
        onChange={(v) => onChange?.([v?.[0] ?? null, v?.[1] ?? null])}
        allowEmpty={[true, true]}
      />
    );
  }
  return (
    <div className="ty-window-pair">
      <DatePicker
        id={id}
        format={DATE}
        inputReadOnly
        placeholder={t('campaigns.windowFrom')}
        value={from}
        onChange={(d) => onChange?.([d ?? null, to])}
      />
      <span aria-hidden>~</span>
      <DatePicker
        format={DATE}
        inputReadOnly
        placeholder={t('campaigns.windowTo')}
        value={to}
        onChange={(d) => onChange?.([from, d ?? null])}
      />
    </div>
  );
}

/** The computed quarterly due dates for the chosen year and number of days. */
function DueDates() {
  const t = useT();
  const year = Form.useWatch('year') as number | undefined;
  const days = Form.useWatch('reportDueDays') as number | undefined;
  if (!year || !days || year < 2020 || year > 2100 || days < 1 || days > 60) return null;
  return (
    <Typography.Text type="secondary" className="ty-due-dates" data-testid="due-dates">
      {([1, 2, 3, 4] as const)
        .map((q) => `${t('campaigns.quarter', { q })} ${quarterDueDate({ year, quarter: q }, days)}`)
        .join('；')}
    </Typography.Text>
  );
}

/** Create (no `campaign`) or edit a campaign; validated with the server's Zod schema. */
export function CampaignFormDrawer({
  open,
  campaign,
  onClose,
  onSaved,
}: {
  open: boolean;
  campaign: CampaignView | null;
  onClose: () => void;
  onSaved?: (saved: CampaignView, wasNew: boolean) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const isMobile = useIsMobile();
  const me = useCurrentUser();
  const tree = usePartyOrgTree(open && !campaign);
  const [form] = Form.useForm<FormValues>();
  const onError = useApiErrorHandler();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();

  /** The 社工部 node of the user's own staff binding, when there is one. */
  const ownDept = useMemo(() => {
    const staffOrgs = new Set(me.roles.filter((r) => r.role === 'staff' && r.orgId).map((r) => r.orgId));
    return tree.data?.find((o) => o.type === 'sw_dept' && staffOrgs.has(o.id))?.id ?? null;
  }, [me.roles, tree.data]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(campaign ? toFormValues(campaign) : defaults());
  }, [open, campaign, form]);

  useEffect(() => {
    if (open && !campaign && ownDept && !form.getFieldValue('orgId')) form.setFieldValue('orgId', ownDept);
  }, [open, campaign, ownDept, form]);

  const onSave = async () => {
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    if (!ok) return;
    const body = toBody(form.getFieldsValue(true));
    const done = (saved: CampaignView) => {
      onSaved?.(saved, !campaign);
      onClose();
    };
    const handle = (e: unknown) => onError(e, { form });
    if (campaign) {
      const parsed = parseCampaign(campaignUpdateBody, { ...body, version: campaign.version }, form, locale);
      if (parsed) update.mutate({ id: campaign.id, body: parsed }, { onSuccess: done, onError: handle });
    } else {
      const parsed = parseCampaign(campaignCreateBody, body, form, locale);
      if (parsed) create.mutate(parsed, { onSuccess: done, onError: handle });
    }
  };

  return (
    <FormDrawer
      open={open}
      title={campaign ? t('campaigns.editTitle') : t('campaigns.createTitle')}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
      width={760}
    >
      <Form form={form} name="campaign" layout="vertical" scrollToFirstError>
        <Form.Item name="name" label={t('campaigns.name')} required>
          <Input placeholder={t('campaigns.namePlaceholder')} maxLength={80} />
        </Form.Item>
        <div className="ty-form-row">
          <Form.Item name="year" label={t('campaigns.year')} required>
            <InputNumber min={2020} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="codePrefix"
            label={t('campaigns.codePrefix')}
            tooltip={t('campaigns.codePrefixHint')}
            required
            normalize={(v?: string) => v?.toUpperCase()}
          >
            <Input placeholder="DD" maxLength={6} />
          </Form.Item>
        </div>
        {campaign ? (
          <Form.Item label={t('campaigns.org')}>
            <Typography.Text>{campaign.orgName}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('campaigns.org')} tooltip={t('campaigns.orgHint')} required>
            <PartyOrgTreeSelect isSelectable={(o) => o.type === 'sw_dept'} />
          </Form.Item>
        )}
        <Form.Item label={t('campaigns.themes')} required>
          <EntryList
            name="themes"
            prefix="theme"
            labels={{
              title: t('campaigns.themes'),
              item: t('campaigns.themeName'),
              desc: t('campaigns.themeDesc'),
              add: t('campaigns.addTheme'),
            }}
          />
        </Form.Item>
        <Form.Item name="eligibleOrgTypes" label={t('campaigns.eligible')} required>
          <Checkbox.Group
            className="ty-checkbox-grid"
            options={options(PARTY_ORG_TYPES).filter((o) => o.value !== 'sw_dept')}
          />
        </Form.Item>
        <Form.Item label={t('campaigns.criteria')} required>
          <EntryList
            name="criteria"
            prefix="criterion"
            labels={{
              title: t('campaigns.criteria'),
              item: t('campaigns.criterionName'),
              desc: t('campaigns.criterionDesc'),
              add: t('campaigns.addCriterion'),
            }}
          />
        </Form.Item>
        <Form.Item name="window" label={t('campaigns.window')} required>
          <WindowPicker />
        </Form.Item>
        <Form.Item name="reviewDates" label={t('campaigns.reviewDates')}>
          <DatePicker multiple format={DATE} style={{ width: '100%' }} inputReadOnly={isMobile} />
        </Form.Item>
        <Form.Item label={t('campaigns.reportDueDays')} required extra={<DueDates />}>
          <Form.Item name="reportDueDays" noStyle>
            <InputNumber
              min={1}
              max={60}
              precision={0}
              addonBefore={t('campaigns.reportDueDaysBefore')}
              addonAfter={t('campaigns.reportDueDaysAfter')}
            />
          </Form.Item>
        </Form.Item>
        <Form.Item name="contestDate" label={t('campaigns.contestDate')}>
          <DatePicker format={DATE} style={{ width: '100%' }} inputReadOnly={isMobile} />
        </Form.Item>
        <Form.Item name="description" label={t('campaigns.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
