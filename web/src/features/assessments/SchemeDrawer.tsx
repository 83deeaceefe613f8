import { useEffect } from 'react';
import { Button, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ASSESSMENT_FULL_MARK,
  ASSESSMENT_GRADES,
  ASSESSMENT_ITEM_SOURCES,
  CONTEST_GRADE_CODES,
  CONTEST_GRADES,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_MAPPING,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  roundPoints,
  type AssessmentItem,
  type AssessmentSchemeBody,
  type AssessmentSchemeUpdateBody,
  type AssessmentSchemeView,
  type ContestGrade,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { useServerForm } from '../../components/form-kit';
import { useDictOptions, useLabel, useT, type TFunction } from '../../i18n';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { contestItemOf, fmtPoints } from './display';
import { assessmentKeys, useSaveScheme } from './hooks';
import './assessments.css';

interface FormValues {
  name: string;
  year: number;
  orgId?: string | null;
  items: AssessmentItem[];
  mode: 'grade' | 'score';
  gradePoints: Record<ContestGrade, number>;
  factor: number;
  thresholds: { excellent: number; good: number; pass: number };
}

function toForm(s: AssessmentSchemeView | null, t: TFunction): FormValues {
  const year = new Date().getFullYear();
  const mapping = s?.mapping ?? DEFAULT_ASSESSMENT_MAPPING;
  return {
    name: s?.name ?? t('assessments.defaultName', { year }),
    year: s?.year ?? year,
    orgId: s?.orgId ?? null,
    items: (s?.items ?? DEFAULT_ASSESSMENT_ITEMS).map((x) => ({ ...x })),
    mode: mapping.mode,
    gradePoints: mapping.mode === 'grade' ? mapping.points : { good: 20, fair: 16, average: 12, poor: 8 },
    factor: mapping.mode === 'score' ? mapping.factor : 0.2,
    thresholds: s?.thresholds ?? DEFAULT_ASSESSMENT_THRESHOLDS,
  };
}

/** A code for a new item: users edit names, codes stay out of sight. */
function nextCode(items: readonly AssessmentItem[]): string {
  const used = new Set(items.map((i) => i.code));
  let n = items.length + 1;
  while (used.has(`item_${n}`)) n++;
  return `item_${n}`;
}

const sumOf = (items: readonly (AssessmentItem | undefined)[]) =>
  items.reduce((s, it) => s + (Number(it?.maxPoints) || 0), 0);

/**
 * Create or edit a scheme: the items (name, maximum points, source: exactly one from the contest),
 * how a contest result becomes that item's points (by grade or by score), and the grade thresholds.
 */
export function SchemeDrawer({
  open,
  scheme,
  onClose,
  onSaved,
}: {
  open: boolean;
  scheme: AssessmentSchemeView | null;
  onClose: () => void;
  onSaved: (s: AssessmentSchemeView) => void;
}) {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const qc = useQueryClient();
  const save = useSaveScheme();
  const { form, submit, submitting } = useServerForm({
    toBody: (v: FormValues): AssessmentSchemeBody | AssessmentSchemeUpdateBody => {
      const rules = {
        name: v.name,
        items: v.items,
        mapping:
          v.mode === 'grade'
            ? { mode: 'grade' as const, points: v.gradePoints }
            : { mode: 'score' as const, factor: v.factor },
        thresholds: v.thresholds,
      };
      return scheme ? { ...rules, version: scheme.version } : { ...rules, year: v.year, orgId: v.orgId ?? '' };
    },
    send: (body) => save.mutateAsync({ id: scheme?.id ?? null, body }),
    onSuccess: (saved) => {
      onSaved(saved);
      onClose();
    },
    onReload: () => {
      void qc.invalidateQueries({ queryKey: assessmentKeys.all });
      onClose();
    },
  });
  const items = (Form.useWatch('items', form) ?? []) as (AssessmentItem | undefined)[];
  const mode = Form.useWatch('mode', form);
  const factor = Form.useWatch('factor', form) as number | undefined;
  const sum = sumOf(items);
  const contestItem = contestItemOf(items.filter((it): it is AssessmentItem => !!it));
  const contestMax = contestItem?.maxPoints ?? ASSESSMENT_FULL_MARK;

  useEffect(() => {
    if (open) form.setFieldsValue(toForm(scheme, t));
    // The form is filled when the drawer opens, not again when the language changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, scheme, form]);

  return (
    <FormDrawer
      open={open}
      title={scheme ? t('assessments.editTitle') : t('assessments.createTitle')}
      onClose={onClose}
      onSave={() => void submit()}
      saving={submitting}
      width={720}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="name" label={t('assessments.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        {!scheme && (
          <Space size="large" wrap>
            <Form.Item name="year" label={t('assessments.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="orgId" label={t('assessments.org')} rules={[{ required: true }]}>
              <PartyOrgTreeSelect isSelectable={(o) => o.type === 'sw_dept'} style={{ width: 320 }} />
            </Form.Item>
          </Space>
        )}

        <Typography.Title level={5}>{t('assessments.items')}</Typography.Title>
        <Typography.Paragraph type={sum === ASSESSMENT_FULL_MARK ? 'secondary' : 'danger'}>
          {t('assessments.itemsHint')} · {t('assessments.itemsSum', { n: fmtPoints(sum) })}
        </Typography.Paragraph>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_rule, list: AssessmentItem[] | undefined) => {
                const all = list ?? [];
                if (sumOf(all) !== ASSESSMENT_FULL_MARK) {
                  throw new Error(t('assessments.itemsSumWrong', { n: fmtPoints(sumOf(all)) }));
                }
                if (all.filter((it) => it?.source === 'contest').length !== 1) {
                  throw new Error(t('assessments.itemsOneContest'));
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div role="group" aria-label={t('assessments.items')}>
              <div className="ty-as-item-grid ty-as-item-head" aria-hidden>
                <span>{t('assessments.itemName')}</span>
                <span>{t('assessments.itemMax')}</span>
                <span className="ty-as-item-source">{t('assessments.itemSource')}</span>
                <span />
              </div>
              {fields.map((f, i) => (
                <div key={f.key} className="ty-as-item-grid">
                  <Form.Item name={[f.name, 'code']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                    <Input
                      placeholder={t('assessments.itemName')}
                      aria-label={`${t('assessments.itemName')} ${i + 1}`}
                      maxLength={20}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxPoints']} rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      max={100}
                      precision={0}
                      placeholder={t('assessments.itemMax')}
                      aria-label={`${t('assessments.itemMax')} ${i + 1}`}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'source']} className="ty-as-item-source">
                    <Select
                      options={options(ASSESSMENT_ITEM_SOURCES)}
                      aria-label={`${t('assessments.itemSource')} ${i + 1}`}
                      onChange={() => void form.validateFields([['items']]).catch(() => undefined)}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('assessments.removeItem', { n: i + 1 })}
                    title={t('assessments.removeItem', { n: i + 1 })}
                    onClick={() => remove(f.name)}
                  />
                </div>
              ))}
              {errors.map((e, i) => (
                <Typography.Text key={i} type="danger" role="alert" style={{ display: 'block' }}>
                  {e}
                </Typography.Text>
              ))}
              <Button
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                disabled={fields.length >= 12}
                onClick={() =>
                  add({
                    code: nextCode(form.getFieldValue('items') ?? []),
                    name: '',
                    maxPoints: 10,
                    source: 'manual',
                  })
                }
              >
                {t('assessments.addItem')}
              </Button>
            </div>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('assessments.mapping')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('assessments.mappingHint', { item: contestItem?.name ?? '', max: contestMax })}
        </Typography.Paragraph>
        <Form.Item name="mode">
          <Radio.Group
            options={[
              { value: 'grade', label: t('assessments.mappingGrade') },
              { value: 'score', label: t('assessments.mappingScore') },
            ]}
          />
        </Form.Item>
        {mode === 'score' ? (
          <Form.Item
            name="factor"
            label={t('assessments.factor')}
            rules={[{ required: true }]}
            extra={t('assessments.factorHint', {
              max: contestMax,
              f: factor ?? '',
              ex: fmtPoints(Math.min(contestMax, roundPoints(85 * (factor ?? 0)))),
            })}
          >
            <InputNumber min={0.01} max={10} step={0.05} />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('assessments.gradeTo')}
            </Typography.Paragraph>
            <Space wrap>
              {CONTEST_GRADE_CODES.map((g) => (
                <Form.Item
                  key={g}
                  name={['gradePoints', g]}
                  label={label(CONTEST_GRADES, g)}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} max={contestMax} aria-label={`${t('assessments.gradeTo')} ${g}`} />
                </Form.Item>
              ))}
            </Space>
          </>
        )}

        <Typography.Title level={5}>{t('assessments.thresholds')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('assessments.thresholdsHint')}</Typography.Paragraph>
        <Space wrap>
          {(['excellent', 'good', 'pass'] as const).map((g, i, all) => (
            <Form.Item
              key={g}
              name={['thresholds', g]}
              label={label(ASSESSMENT_GRADES, g)}
              dependencies={i > 0 ? [['thresholds', all[i - 1]!]] : []}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: async (_rule, v: number | null) => {
                    const above = i > 0 ? (getFieldValue(['thresholds', all[i - 1]!]) as number | null) : null;
                    if (v !== null && v !== undefined && above !== null && above !== undefined && v >= above) {
                      throw new Error(t('assessments.thresholdsOrder'));
                    }
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={ASSESSMENT_FULL_MARK} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </FormDrawer>
  );
}
