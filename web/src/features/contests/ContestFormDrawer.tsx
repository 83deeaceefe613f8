import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AGGREGATION_METHOD_CODES,
  AGGREGATION_METHODS,
  aggregationConfigSchema,
  contestCreateBody,
  contestUpdateBody,
  DEFAULT_AGGREGATION_CONFIG,
  DEFAULT_RUBRIC,
  legend,
  PROJECT_RATINGS,
  type AggregationConfig,
  type ContestView,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import {
  useCampaignProjects,
  useContestCampaigns,
  useCreateContest,
  useJudgeCandidates,
  useRubricTemplates,
  useUpdateContest,
} from './hooks';
import { parseDeep } from './forms';
import { RubricEditor, sumOfMaxima, type CriterionValues } from './RubricEditor';
import { RubricTemplateDrawer, type TemplateSeed } from './RubricTemplateDrawer';

interface UiConfig {
  method: AggregationConfig['method'];
  trimMinJudges: number;
  zMinProjects: number;
  dailyEnabled: boolean;
  dailyWeightPct: number;
  points: { on_track: number; lagging: number; at_risk: number };
  gradingMode: 'thresholds' | 'quotas';
  thresholds: { good: number; fair: number; average: number };
  quotasPct: { good: number; fair: number; average: number };
}

interface Values {
  campaignId?: string;
  name?: string;
  contestDate?: Dayjs | null;
  venue?: string;
  projectIds?: string[];
  judgeIds?: string[];
  minutesPerTalk?: number;
  rubric?: { criteria?: CriterionValues[] };
  cfg?: UiConfig;
}

function toUi(c: AggregationConfig): UiConfig {
  const g = c.grading;
  return {
    method: c.method,
    trimMinJudges: c.trimMinJudges,
    zMinProjects: c.zMinProjects,
    dailyEnabled: c.dailyWork.enabled,
    dailyWeightPct: Math.round(c.dailyWork.weight * 100),
    points: { ...c.dailyWork.points },
    gradingMode: g.mode,
    thresholds: g.mode === 'thresholds' ? { ...g.thresholds } : { good: 90, fair: 80, average: 60 },
    quotasPct:
      g.mode === 'quotas'
        ? { good: g.quotas.good * 100, fair: g.quotas.fair * 100, average: g.quotas.average * 100 }
        : { good: 30, fair: 40, average: 20 },
  };
}

function fromUi(u: UiConfig | undefined): unknown {
  if (!u) return DEFAULT_AGGREGATION_CONFIG;
  return {
    method: u.method,
    trimMinJudges: u.trimMinJudges,
    zMinProjects: u.zMinProjects,
    dailyWork: { enabled: !!u.dailyEnabled, weight: (u.dailyWeightPct ?? 0) / 100, points: u.points },
    grading:
      u.gradingMode === 'quotas'
        ? {
            mode: 'quotas',
            quotas: { good: u.quotasPct.good / 100, fair: u.quotasPct.fair / 100, average: u.quotasPct.average / 100 },
          }
        : { mode: 'thresholds', thresholds: u.thresholds },
  };
}

export function ContestFormDrawer({
  open,
  contest,
  onClose,
  onSaved,
}: {
  open: boolean;
  contest: ContestView | null;
  onClose: () => void;
  onSaved: (c: ContestView) => void;
}) {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const [locale] = useLocale();
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const create = useCreateContest();
  const update = useUpdateContest(contest?.id ?? '');
  const campaigns = useContestCampaigns(open && !contest);
  const judges = useJudgeCandidates(open);
  const templates = useRubricTemplates(open);
  const campaignId = Form.useWatch('campaignId', form) ?? contest?.campaignId;
  const projects = useCampaignProjects(open ? campaignId : undefined);
  const criteria = Form.useWatch(['rubric', 'criteria'], form) as CriterionValues[] | undefined;
  const { message } = App.useApp();
  /** The template last applied (or saved) in this drawer, shown in the picker. */
  const [templateId, setTemplateId] = useState<string | undefined>(undefined);
  const [saveAs, setSaveAs] = useState<TemplateSeed | null>(null);
  // `preserve`: the rules hidden behind a switch (daily-work points, the other grading mode) count too.
  const cfg = Form.useWatch('cfg', { form, preserve: true }) as UiConfig | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      contest
        ? {
            campaignId: contest.campaignId,
            name: contest.name,
            contestDate: dayjs(contest.contestDate),
            venue: contest.venue,
            projectIds: contest.projects.map((p) => p.projectId),
            judgeIds: contest.judges.map((j) => j.id),
            minutesPerTalk: contest.minutesPerTalk,
            rubric: { criteria: contest.rubric.criteria },
            cfg: toUi(contest.config),
          }
        : { minutesPerTalk: 5, rubric: { criteria: DEFAULT_RUBRIC.criteria }, cfg: toUi(DEFAULT_AGGREGATION_CONFIG) },
    );
    setTemplateId(undefined);
  }, [open, contest, form]);

  const legendLines = useMemo(() => {
    const parsed = aggregationConfigSchema.safeParse(fromUi(cfg));
    return parsed.success ? legend(parsed.data, locale) : null;
  }, [cfg, locale]);

  const projectOptions = useMemo(() => {
    const m = new Map<string, { value: string; label: string }>();
    for (const p of projects.data ?? [])
      m.set(p.id, { value: p.id, label: t('contests.paren', { text: p.title, note: p.orgName }) });
    for (const p of contest?.projects ?? [])
      if (!m.has(p.projectId))
        m.set(p.projectId, { value: p.projectId, label: t('contests.paren', { text: p.title, note: p.orgName }) });
    return [...m.values()];
  }, [projects.data, contest?.projects, t]);
  const judgeOptions = useMemo(() => {
    const m = new Map<string, { value: string; label: string }>();
    for (const u of judges.data ?? []) m.set(u.id, { value: u.id, label: u.displayName ?? u.username });
    for (const j of contest?.judges ?? []) if (!m.has(j.id)) m.set(j.id, { value: j.id, label: j.name });
    return [...m.values()];
  }, [judges.data, contest?.judges]);

  const onSave = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      campaignId: values.campaignId,
      name: values.name,
      contestDate: values.contestDate ? values.contestDate.format('YYYY-MM-DD') : undefined,
      venue: values.venue,
      projectIds: values.projectIds ?? [],
      judgeIds: values.judgeIds ?? [],
      minutesPerTalk: values.minutesPerTalk,
      rubric: { criteria: (values.rubric?.criteria ?? []).map((c) => ({ ...c, description: c?.description || null })) },
      // All of the rules, including those not shown (validateFields gives only the mounted fields).
      config: fromUi((form.getFieldsValue(true) as Values).cfg),
    };
    const done = (c: ContestView) => {
      onSaved(c);
      onClose();
    };
    const handleError = (e: unknown) => onError(e, { form, onReload: onClose });
    if (contest) {
      const parsed = parseDeep(contestUpdateBody, { ...body, version: contest.version }, form, locale);
      if (parsed) update.mutate(parsed, { onSuccess: done, onError: handleError });
    } else {
      const parsed = parseDeep(contestCreateBody, body, form, locale);
      if (parsed) create.mutate(parsed, { onSuccess: done, onError: handleError });
    }
  };

  const required = [{ required: true, message: t('contests.f.required') }];
  return (
    <FormDrawer
      open={open}
      width={760}
      title={contest ? t('contests.editTitle') : t('contests.createTitle')}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
    >
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="campaignId"
          label={t('contests.f.campaign')}
          extra={t('contests.f.campaignHint')}
          rules={required}
        >
          <Select
            disabled={!!contest}
            loading={campaigns.isPending && !contest}
            options={
              contest
                ? [{ value: contest.campaignId, label: contest.campaignName }]
                : (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))
            }
            onChange={() => form.setFieldValue('projectIds', [])}
          />
        </Form.Item>
        <Form.Item name="name" label={t('contests.f.name')} rules={required}>
          <Input maxLength={80} placeholder={t('contests.f.namePlaceholder')} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="contestDate" label={t('contests.f.date')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="venue" label={t('contests.f.venue')} rules={required}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="minutesPerTalk" label={t('contests.f.minutes')} rules={required}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item
          name="projectIds"
          label={t('contests.f.projects')}
          extra={t('contests.f.projectsHint')}
          rules={required}
        >
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={projects.isFetching}
            options={projectOptions}
            maxTagCount="responsive"
          />
        </Form.Item>
        <Form.Item name="judgeIds" label={t('contests.f.judges')} extra={t('contests.f.judgesHint')} rules={required}>
          <Select mode="multiple" optionFilterProp="label" loading={judges.isPending} options={judgeOptions} />
        </Form.Item>

        <Divider orientation="left">{t('contests.f.rubric')}</Divider>
        <Form.Item label={t('contests.f.template')} extra={t('contests.tpl.pickHint')}>
          <Space.Compact style={{ width: '100%' }}>
            <Select
              value={templateId}
              placeholder={t('contests.tpl.pick')}
              loading={templates.isPending}
              data-testid="contest-template"
              aria-label={t('contests.f.template')}
              options={[
                { value: '__default', label: t('contests.f.templateDefault') },
                ...(templates.data ?? []).map((tp) => ({
                  value: tp.id,
                  label: t('contests.paren', { text: tp.name, note: tp.orgName }),
                })),
              ]}
              onChange={(v: string) => {
                const tp = templates.data?.find((x) => x.id === v);
                setTemplateId(v);
                form.setFieldValue(['rubric', 'criteria'], (tp?.rubric ?? DEFAULT_RUBRIC).criteria);
                void form.validateFields([['rubric', 'criteria']]).catch(() => undefined);
                void message.info(t('contests.tpl.applied', { name: tp ? tp.name : t('contests.f.templateDefault') }));
              }}
            />
            <Button
              icon={<SaveOutlined />}
              disabled={sumOfMaxima(criteria) !== 100}
              onClick={() => setSaveAs({ name: '', rubric: { criteria: criteria ?? [] } })}
              data-testid="contest-save-template"
            >
              {t('contests.tpl.saveAs')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <RubricEditor name={['rubric', 'criteria']} />

        <Divider orientation="left">{t('contests.f.aggregation')}</Divider>
        <Form.Item name={['cfg', 'method']} label={t('contests.f.method')}>
          <Radio.Group options={options(AGGREGATION_METHODS, AGGREGATION_METHOD_CODES)} />
        </Form.Item>
        {cfg?.method === 'trimmed' && (
          <Form.Item name={['cfg', 'trimMinJudges']} label={t('contests.f.trimMin')}>
            <InputNumber min={3} max={50} precision={0} />
          </Form.Item>
        )}
        {cfg?.method === 'zscore' && (
          <Form.Item name={['cfg', 'zMinProjects']} label={t('contests.f.zMin')}>
            <InputNumber min={2} max={50} precision={0} />
          </Form.Item>
        )}
        <Form.Item name={['cfg', 'dailyEnabled']} label={t('contests.f.daily')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {cfg?.dailyEnabled && (
          <Space size="large" wrap align="start">
            <Form.Item name={['cfg', 'dailyWeightPct']} label={t('contests.f.dailyWeight')}>
              <InputNumber min={1} max={99} precision={0} />
            </Form.Item>
            {(['on_track', 'lagging', 'at_risk'] as const).map((r) => (
              <Form.Item
                key={r}
                name={['cfg', 'points', r]}
                label={`${t('contests.f.points')} · ${label(PROJECT_RATINGS, r)}`}
              >
                <InputNumber min={0} max={100} />
              </Form.Item>
            ))}
          </Space>
        )}
        <Form.Item name={['cfg', 'gradingMode']} label={t('contests.f.grading')}>
          <Radio.Group
            options={[
              { value: 'thresholds', label: t('contests.f.thresholds') },
              { value: 'quotas', label: t('contests.f.quotas') },
            ]}
          />
        </Form.Item>
        {cfg?.gradingMode === 'quotas' ? (
          <Space size="large" wrap>
            <Form.Item name={['cfg', 'quotasPct', 'good']} label={t('contests.f.quotaGood')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={['cfg', 'quotasPct', 'fair']} label={t('contests.f.quotaFair')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={['cfg', 'quotasPct', 'average']} label={t('contests.f.quotaAverage')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          </Space>
        ) : (
          <Space size="large" wrap>
            <Form.Item name={['cfg', 'thresholds', 'good']} label={t('contests.f.lineGood')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={['cfg', 'thresholds', 'fair']} label={t('contests.f.lineFair')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={['cfg', 'thresholds', 'average']} label={t('contests.f.lineAverage')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          </Space>
        )}
        <div className="ty-ct-legend-box" data-testid="config-legend">
          <Typography.Text strong>{t('contests.f.legend')}</Typography.Text>
          {legendLines ? (
            <ol>
              {legendLines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ol>
          ) : (
            <Typography.Paragraph type="danger">{t('contests.f.invalidConfig')}</Typography.Paragraph>
          )}
        </div>
      </Form>
      <RubricTemplateDrawer
        open={!!saveAs}
        template={null}
        seed={saveAs}
        onClose={() => setSaveAs(null)}
        onSaved={(saved) => {
          setTemplateId(saved.id);
          void message.success(t('contests.tpl.created', { name: saved.name }));
        }}
      />
    </FormDrawer>
  );
}
