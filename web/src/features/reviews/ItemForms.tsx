import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Radio, Rate, Typography } from 'antd';
import {
  DECISIONS,
  DECISION_CODES,
  decisionBody,
  FIELD_MESSAGES,
  judgementBody,
  type AgendaItemView,
  type Criterion,
  type Decision,
  type JudgementView,
} from '@touyan/schemas';
import { issueMessage } from '../../components/forms';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useLocale, useT } from '../../i18n';
import { DecisionTag } from './display';
import { useDecide, useJudge } from './hooks';

/** The reviewer's own judgement: 1–5 on every criterion of the campaign, and a comment. */
export function JudgementForm({
  meetingId,
  item,
  criteria,
  mine,
}: {
  meetingId: string;
  item: AgendaItemView;
  criteria: Criterion[];
  mine: JudgementView | undefined;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string | null }>();
  const judge = useJudge(meetingId);
  const scores = Form.useWatch('scores', form) as Record<string, number> | undefined;
  const tips = (
    ['reviews.rate.1', 'reviews.rate.2', 'reviews.rate.3', 'reviews.rate.4', 'reviews.rate.5'] as const
  ).map((k) => t(k));

  useEffect(() => {
    form.setFieldsValue({ scores: mine?.scores ?? {}, comment: mine?.comment ?? null });
  }, [mine, form]);

  const onSave = () => {
    const v = form.getFieldsValue(true) as { scores?: Record<string, number>; comment?: string | null };
    const given = Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, n]) => typeof n === 'number' && n > 0));
    const missing = criteria.filter((c) => given[c.code] === undefined);
    if (missing.length) {
      form.setFields(missing.map((c) => ({ name: ['scores', c.code], errors: [FIELD_MESSAGES.required[locale]] })));
      return;
    }
    const parsed = judgementBody.safeParse({ scores: given, comment: v.comment });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const name: ['scores', string] | 'comment' =
        issue.path[0] === 'scores' ? ['scores', String(issue.path[1] ?? '')] : 'comment';
      form.setFields([{ name, errors: [issueMessage(issue, undefined, locale)] }]);
      return;
    }
    judge.mutate(
      { itemId: item.id, body: parsed.data },
      { onSuccess: () => message.success(t('reviews.judgementSaved')), onError: (e) => onError(e, { form }) },
    );
  };

  return (
    <Form form={form} layout="vertical" className="ty-rv-judgement-form" name={`judgement-${item.id}`}>
      <div className="ty-rv-criteria">
        {criteria.map((c) => (
          <Form.Item
            key={c.code}
            name={['scores', c.code]}
            className="ty-rv-criterion"
            label={
              <span>
                <strong>{c.name}</strong>
                {c.description && <span className="ty-rv-criterion-desc">{c.description}</span>}
              </span>
            }
          >
            <RateWithScore tips={tips} suffix={(n) => t('reviews.score', { n })} />
          </Form.Item>
        ))}
      </div>
      <Form.Item name="comment" label={t('reviews.comment')}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('reviews.commentHint')} />
      </Form.Item>
      <div className="ty-rv-form-actions">
        <Typography.Text type="secondary">
          {mine ? t('reviews.judgedAt', { at: formatDateTime(mine.at) }) : t('reviews.notJudged')}
          {scores && Object.values(scores).some((n) => n > 0)
            ? ` · ${t('reviews.total')} ${Object.values(scores).reduce((a, b) => a + (b || 0), 0)}`
            : ''}
        </Typography.Text>
        <Button type="primary" onClick={onSave} loading={judge.isPending} data-testid={`judge-save-${item.position}`}>
          {t('reviews.saveJudgement')}
        </Button>
      </div>
    </Form>
  );
}

/** An antd Rate with the chosen score written beside it (a Form control: value / onChange). */
function RateWithScore({
  value,
  onChange,
  tips,
  suffix,
}: {
  value?: number;
  onChange?: (n: number) => void;
  tips: string[];
  suffix: (n: number) => string;
}) {
  return (
    <span className="ty-rv-rate">
      <Rate value={value ?? 0} onChange={onChange} tooltips={tips} allowClear={false} />
      <span className="ty-rv-rate-score">{value ? suffix(value) : ''}</span>
    </span>
  );
}

/** The chair's (or staff's) decision; a return needs the required changes, a rejection a reason. */
export function DecisionForm({ meetingId, item }: { meetingId: string; item: AgendaItemView }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ decision?: Decision; note?: string | null }>();
  const decide = useDecide(meetingId);
  const [decision, setDecision] = useState<Decision | undefined>(item.decision ?? undefined);

  useEffect(() => {
    form.setFieldsValue({ decision: item.decision ?? undefined, note: item.decisionNote });
    setDecision(item.decision ?? undefined);
  }, [item.decision, item.decisionNote, form]);

  const onSave = () => {
    const v = form.getFieldsValue(true) as { decision?: Decision; note?: string | null };
    const parsed = decisionBody.safeParse({ decision: v.decision, note: v.note });
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: issue.path[0] === 'note' ? ('note' as const) : ('decision' as const),
          errors: [issueMessage(issue, undefined, locale)],
        })),
      );
      return;
    }
    decide.mutate(
      { itemId: item.id, body: parsed.data },
      { onSuccess: () => message.success(t('reviews.decisionSaved')), onError: (e) => onError(e, { form }) },
    );
  };

  const noteKey = decision ?? 'approve';
  return (
    <Form form={form} layout="vertical" name={`decision-${item.id}`}>
      <Form.Item name="decision" label={t('reviews.decision')} required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          onChange={(e) => {
            setDecision(e.target.value as Decision);
            form.setFields([{ name: 'note', errors: [] }]);
          }}
          options={DECISION_CODES.map((d) => ({ value: d, label: label(DECISIONS, d) }))}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t(`reviews.note.${noteKey}`)}
        required={decision === 'return' || decision === 'reject'}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t(`reviews.noteHint.${noteKey}`)} />
      </Form.Item>
      <div className="ty-rv-form-actions">
        <Typography.Text type="secondary">
          {item.decision && item.decidedByName ? (
            <>
              <DecisionTag decision={item.decision} />{' '}
              {t('reviews.decidedBy', { name: item.decidedByName, at: formatDateTime(item.decidedAt) })}
            </>
          ) : (
            t('reviews.pendingHidden')
          )}
        </Typography.Text>
        <Button type="primary" onClick={onSave} loading={decide.isPending} data-testid={`decide-save-${item.position}`}>
          {t('reviews.saveDecision')}
        </Button>
      </div>
    </Form>
  );
}
