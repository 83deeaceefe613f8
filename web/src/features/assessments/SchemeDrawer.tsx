import { useEffect } from 'react';
import { Button, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ASSESSMENT_GRADES,
  ASSESSMENT_ITEM_SOURCES,
  CONTEST_GRADE_CODES,
  CONTEST_GRADES,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_MAPPING,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  type AssessmentItem,
  type AssessmentSchemeView,
  type ContestGrade,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { validated } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { useSaveScheme } from './hooks';

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

function toForm(s: AssessmentSchemeView | null): FormValues {
  const year = new Date().getFullYear();
  const mapping = s?.mapping ?? DEFAULT_ASSESSMENT_MAPPING;
  return {
    name: s?.name ?? `${year}年度党建工作考核`,
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

/** Create or edit a scheme: items (max points, source), the contest mapping, the grade thresholds. */
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
  const [form] = Form.useForm<FormValues>();
  const save = useSaveScheme();
  const onError = useApiErrorHandler();
  const items = Form.useWatch('items', form) ?? [];
  const mode = Form.useWatch('mode', form);
  const sum = items.reduce((s, it) => s + (Number(it?.maxPoints) || 0), 0);

  useEffect(() => {
    if (open) form.setFieldsValue(toForm(scheme));
  }, [open, scheme, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const rules = {
      name: v.name,
      items: v.items,
      mapping:
        v.mode === 'grade'
          ? { mode: 'grade' as const, points: v.gradePoints }
          : { mode: 'score' as const, factor: v.factor },
      thresholds: v.thresholds,
    };
    const body = scheme ? { ...rules, version: scheme.version } : { ...rules, year: v.year, orgId: v.orgId ?? '' };
    save.mutate(
      { id: scheme?.id ?? null, body },
      {
        onSuccess: (saved) => {
          onSaved(saved);
          onClose();
        },
        onError: (e) => onError(e, { form }),
      },
    );
  };

  return (
    <FormDrawer
      open={open}
      title={scheme ? t('assessments.editTitle') : t('assessments.createTitle')}
      onClose={onClose}
      onSave={() => void submit()}
      saving={save.isPending}
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
        <Typography.Paragraph type={sum === 100 ? 'secondary' : 'danger'}>
          {t('assessments.itemsHint')} · {t('assessments.itemsSum', { n: sum })}
        </Typography.Paragraph>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <div role="group" aria-label={t('assessments.items')}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'code']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                    <Input
                      placeholder={t('assessments.itemName')}
                      aria-label={`${t('assessments.itemName')} ${i + 1}`}
                      maxLength={20}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxPoints']} rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      max={100}
                      precision={0}
                      placeholder={t('assessments.itemMax')}
                      aria-label={`${t('assessments.itemMax')} ${i + 1}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'source']}>
                    <Select
                      options={options(ASSESSMENT_ITEM_SOURCES)}
                      aria-label={`${t('assessments.itemSource')} ${i + 1}`}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
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
        <Form.Item name="mode">
          <Radio.Group
            options={[
              { value: 'grade', label: t('assessments.mappingGrade') },
              { value: 'score', label: t('assessments.mappingScore') },
            ]}
          />
        </Form.Item>
        {mode === 'score' ? (
          <Form.Item name="factor" label={t('assessments.factor')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={10} step={0.05} />
          </Form.Item>
        ) : (
          <Space wrap>
            {CONTEST_GRADE_CODES.map((g) => (
              <Form.Item
                key={g}
                name={['gradePoints', g]}
                label={label(CONTEST_GRADES, g)}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={100} />
              </Form.Item>
            ))}
          </Space>
        )}
        <Typography.Title level={5}>{t('assessments.thresholds')}</Typography.Title>
        <Space wrap>
          {(['excellent', 'good', 'pass'] as const).map((g) => (
            <Form.Item
              key={g}
              name={['thresholds', g]}
              label={label(ASSESSMENT_GRADES, g)}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </FormDrawer>
  );
}
