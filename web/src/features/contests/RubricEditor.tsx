import { useEffect } from 'react';
import { Button, Form, Input, InputNumber, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { contestCriterionSchema, RUBRIC_FULL_MARK, type ContestCriterion } from '@touyan/schemas';
import { useZodRule } from '../../components/forms';
import { useT } from '../../i18n';

export type CriterionValues = Partial<ContestCriterion> | undefined;

/** At most this many criteria (the shared schema's limit). */
const MAX_CRITERIA = 10;

/** A code for a new criterion that no other row uses (`c5`, `c6` …); users never type codes. */
export function nextCriterionCode(rows: readonly CriterionValues[]): string {
  const used = new Set(rows.map((c) => c?.code));
  for (let n = rows.length + 1; ; n++) if (!used.has(`c${n}`)) return `c${n}`;
}

export const sumOfMaxima = (rows: readonly CriterionValues[] | undefined) =>
  (rows ?? []).reduce((s, c) => s + (Number(c?.maxPoints) || 0), 0);

/**
 * The criteria of a rubric inside a Form: name, maximum points and an optional description per
 * row; rows can be added, removed and moved up or down; the running total of the maxima is shown
 * and must be 100. Rows are checked with the shared schema; `name` is where the list lives in the
 * form (`['rubric', 'criteria']`, the path the server reports errors at).
 */
export function RubricEditor({ name }: { name: (string | number)[] }) {
  const t = useT();
  const form = Form.useFormInstance();
  const rows = Form.useWatch(name, form) as CriterionValues[] | undefined;
  const zodRule = useZodRule();
  const sum = sumOfMaxima(rows);
  const field = contestCriterionSchema.shape;

  // A message about the total (the client's or the server's) goes once the total changes and is right.
  useEffect(() => {
    if (form.getFieldError(name).length > 0) form.validateFields([name]).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `name` is a fresh array each render
  }, [sum, form]);

  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, list: CriterionValues[] | undefined) => {
            if (!list || list.length === 0) throw new Error(t('contests.rubric.none'));
            const total = sumOfMaxima(list);
            if (total !== RUBRIC_FULL_MARK) throw new Error(t('contests.f.sumBad'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div className="ty-ct-criteria" role="group" aria-label={t('contests.f.rubric')}>
          <div className="ty-ct-criteria-head" aria-hidden>
            <span>{t('contests.rubric.no')}</span>
            <span>{t('contests.rubric.name')}</span>
            <span>{t('contests.rubric.desc')}</span>
            <span>{t('contests.rubric.max')}</span>
            <span />
          </div>
          {fields.map((f, i) => (
            <div key={f.key} className="ty-ct-criteria-row" data-testid={`criterion-${i}`}>
              <div className="ty-ct-criteria-order">
                <span className="ty-ct-criteria-no">{i + 1}</span>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                  aria-label={t('contests.rubric.up')}
                  title={t('contests.rubric.up')}
                  data-testid={`criterion-up-${i}`}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={i === fields.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={t('contests.rubric.down')}
                  title={t('contests.rubric.down')}
                  data-testid={`criterion-down-${i}`}
                />
              </div>
              <Form.Item name={[f.name, 'code']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} rules={[zodRule(field.name)]} className="ty-ct-criteria-name">
                <Input
                  maxLength={20}
                  placeholder={t('contests.rubric.name')}
                  aria-label={`${t('contests.rubric.name')} ${i + 1}`}
                  data-testid={`criterion-name-${i}`}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'description']}
                rules={[zodRule(field.description)]}
                className="ty-ct-criteria-desc"
              >
                <Input
                  maxLength={200}
                  placeholder={t('contests.rubric.desc')}
                  aria-label={`${t('contests.rubric.desc')} ${i + 1}`}
                  data-testid={`criterion-desc-${i}`}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'maxPoints']} rules={[zodRule(field.maxPoints)]} className="ty-ct-criteria-max">
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  style={{ width: '100%' }}
                  aria-label={`${t('contests.rubric.max')} ${i + 1}`}
                  data-testid={`criterion-max-${i}`}
                />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(f.name)}
                disabled={fields.length <= 1}
                aria-label={t('contests.rubric.remove')}
                title={t('contests.rubric.remove')}
                data-testid={`criterion-remove-${i}`}
              />
            </div>
          ))}
          {/* The running total below already says when the maxima do not add up to 100. */}
          <Form.ErrorList errors={sum === RUBRIC_FULL_MARK ? errors : []} />
          <div className="ty-ct-criteria-foot">
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  code: nextCriterionCode(rows ?? []),
                  name: '',
                  description: null,
                  maxPoints: sum < RUBRIC_FULL_MARK ? RUBRIC_FULL_MARK - sum : undefined,
                })
              }
              disabled={fields.length >= MAX_CRITERIA}
              data-testid="criterion-add"
            >
              {t('contests.f.addCriterion')}
            </Button>
            <Typography.Text strong type={sum === RUBRIC_FULL_MARK ? 'success' : 'danger'} data-testid="rubric-sum">
              {t('contests.f.sum', { sum })}
              {sum !== RUBRIC_FULL_MARK && ` · ${t('contests.f.sumBad')}`}
            </Typography.Text>
          </div>
        </div>
      )}
    </Form.List>
  );
}
