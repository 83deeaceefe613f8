import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import {
  AWARD_RESULTS,
  CLOCK_RULES,
  DISPUTE_EVENTS,
  DISPUTE_OUTCOMES,
  DISPUTE_WORKFLOW,
  disputeEventBody,
  disputeGroupEventBody,
  JUDGEMENT_RESULTS,
  LITIGATION_KINDS,
  SESSION_RESULTS,
  type DisputeCaseView,
  type DisputeDetailView,
  type DisputeEvent,
} from '@touyan/schemas';
import type { Dict } from '@touyan/schemas';
import { parseForm } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { asDay, DateField, dayOf } from './display';
import { useCentres, useDisputeEvent, useGroupEvent } from './hooks';

/** A case as the event form needs it: the list's view, with the stage records when the detail is loaded. */
type EventCase = DisputeCaseView & Partial<Pick<DisputeDetailView, 'mediation' | 'arbitration' | 'litigation'>>;

type Field =
  | { name: string; kind: 'date'; label?: MessageKey }
  | { name: string; kind: 'text' | 'textarea'; label: MessageKey; optional?: boolean }
  | { name: string; kind: 'yuan'; label: MessageKey }
  | { name: string; kind: 'days'; label: MessageKey; max: number }
  | { name: string; kind: 'select'; label: MessageKey; dict: Dict<string> }
  | { name: string; kind: 'check'; label: MessageKey }
  | { name: string; kind: 'mediator' };

const note: Field = { name: 'note', kind: 'textarea', label: 'dsp.f.note', optional: true };
const reason: Field = { name: 'reason', kind: 'textarea', label: 'dsp.f.reason' };

/** The record each workflow event takes (the body of `POST /dispute-cases/:id/events`). */
export const EVENT_FIELDS: Record<DisputeEvent, Field[]> = {
  start_mediation: [{ name: 'receivedOn', kind: 'date' }, { name: 'mediatorUserId', kind: 'mediator' }, note],
  record_session: [
    { name: 'heldOn', kind: 'date' },
    { name: 'result', kind: 'select', label: 'dsp.f.result', dict: SESSION_RESULTS },
    note,
  ],
  extend_mediation: [
    { name: 'days', kind: 'days', label: 'dsp.f.days', max: 15 },
    reason,
    { name: 'agreedBy', kind: 'text', label: 'dsp.f.agreedBy' },
  ],
  mediation_agreement: [
    { name: 'agreedOn', kind: 'date' },
    { name: 'terms', kind: 'textarea', label: 'dsp.f.terms' },
    { name: 'amountFen', kind: 'yuan', label: 'dsp.f.amountYuan' },
    { name: 'performBy', kind: 'date', label: 'dsp.f.performBy' },
  ],
  mediation_failed: [{ name: 'endedOn', kind: 'date' }, reason],
  record_performance: [
    { name: 'performed', kind: 'check', label: 'dsp.f.performed' },
    { name: 'on', kind: 'date' },
    note,
  ],
  apply_arbitration: [
    { name: 'appliedOn', kind: 'date' },
    { name: 'commission', kind: 'text', label: 'dsp.f.commission' },
    note,
  ],
  accept_arbitration: [
    { name: 'acceptedOn', kind: 'date' },
    { name: 'arbCaseNo', kind: 'text', label: 'dsp.f.arbCaseNo' },
  ],
  refuse_arbitration: [{ name: 'decidedOn', kind: 'date' }, reason],
  schedule_hearing: [{ name: 'hearingOn', kind: 'date' }],
  extend_award: [
    { name: 'days', kind: 'days', label: 'dsp.f.days', max: 15 },
    reason,
    { name: 'approvedBy', kind: 'text', label: 'dsp.f.approvedBy' },
  ],
  award: [
    { name: 'awardedOn', kind: 'date' },
    { name: 'result', kind: 'select', label: 'dsp.f.result', dict: AWARD_RESULTS },
    { name: 'amountFen', kind: 'yuan', label: 'dsp.f.amountYuan' },
    { name: 'final', kind: 'check', label: 'dsp.f.final' },
    note,
  ],
  file_litigation: [
    { name: 'filedOn', kind: 'date' },
    { name: 'kind', kind: 'select', label: 'dsp.f.kind', dict: LITIGATION_KINDS },
    { name: 'court', kind: 'text', label: 'dsp.f.court' },
    { name: 'courtCaseNo', kind: 'text', label: 'dsp.f.courtCaseNo', optional: true },
  ],
  judgement: [
    { name: 'judgedOn', kind: 'date' },
    { name: 'result', kind: 'select', label: 'dsp.f.result', dict: JUDGEMENT_RESULTS },
    { name: 'amountFen', kind: 'yuan', label: 'dsp.f.amountYuan' },
    { name: 'courtCaseNo', kind: 'text', label: 'dsp.f.courtCaseNo', optional: true },
    note,
  ],
  apply_legal_aid: [
    { name: 'appliedOn', kind: 'date' },
    { name: 'provider', kind: 'text', label: 'dsp.f.provider' },
    note,
  ],
  decide_legal_aid: [
    { name: 'decidedOn', kind: 'date' },
    { name: 'approved', kind: 'check', label: 'dsp.f.approved' },
    { name: 'lawyerName', kind: 'text', label: 'dsp.f.lawyerName', optional: true },
    { name: 'lawFirm', kind: 'text', label: 'dsp.f.lawFirm', optional: true },
    { name: 'reason', kind: 'textarea', label: 'dsp.f.reason', optional: true },
  ],
  close: [
    { name: 'closedOn', kind: 'date' },
    { name: 'outcome', kind: 'select', label: 'dsp.f.outcome', dict: DISPUTE_OUTCOMES },
    { name: 'recoveredFen', kind: 'yuan', label: 'dsp.f.recoveredYuan' },
    note,
  ],
};

/** The statutory article an extension follows, shown above its form. */
const LAW: Partial<Record<DisputeEvent, string>> = {
  extend_mediation: CLOCK_RULES.mediation.law,
  extend_award: CLOCK_RULES.award.law,
};

/** Today in Asia/Shanghai (YYYY-MM-DD). */
export const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Sensible first values: dates today; the close form offers the agreed or awarded amount. */
function initialValues(c: EventCase, event: DisputeEvent): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const f of EVENT_FIELDS[event]) {
    if (f.kind === 'date' && f.name !== 'performBy') v[f.name] = asDay(beijingToday());
    if (f.kind === 'check') v[f.name] = event === 'decide_legal_aid' || event === 'record_performance';
  }
  if (event === 'apply_arbitration') v.commission = `${c.regionName}劳动人事争议仲裁委员会`;
  if (event === 'close') {
    const fen = c.litigation?.judgementFen ?? c.arbitration?.awardFen ?? c.mediation?.agreedFen ?? null;
    if (fen !== null) v.recoveredFen = fen / 100;
    if (c.mediation?.status === 'agreed') v.outcome = 'mediated';
    else if (c.arbitration?.status === 'awarded') v.outcome = 'arbitrated';
    else if (c.litigation?.judgedOn) v.outcome = 'adjudicated';
  }
  return v;
}

/**
 * Records one workflow event on a case with its record, through `POST /dispute-cases/:id/events`; with
 * `group`, the same record for every case of the group (集体争议) through `POST /dispute-groups/:id/events`
 * (all move or none; `c` is then the group's first case, for the first values and the centre's mediators).
 */
export function EventModal({
  c,
  event,
  onClose,
  group,
}: {
  c: EventCase;
  event: DisputeEvent | null;
  onClose: () => void;
  group?: { id: string; cases: number };
}) {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const one = useDisputeEvent(c.id);
  const all = useGroupEvent(group?.id ?? '');
  const run = group ? all : one;
  const centres = useCentres();
  if (!event) return null;
  const fields = EVENT_FIELDS[event];
  const mediators = centres.data?.find((x) => x.id === c.centreId)?.mediators ?? [];
  const guard = DISPUTE_WORKFLOW.find((w) => w.event === event);
  const submit = () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const body: Record<string, unknown> = group ? { event } : { event, version: c.version };
    for (const f of fields) {
      const x = v[f.name];
      body[f.name] =
        f.kind === 'yuan' && typeof x === 'number' ? Math.round(x * 100) : f.kind === 'date' ? dayOf(x) : x;
    }
    const parsed = parseForm(group ? disputeGroupEventBody : disputeEventBody, body, form, locale);
    if (!parsed) return;
    (run.mutate as (b: typeof parsed, o: Parameters<typeof one.mutate>[1]) => void)(parsed, {
      onSuccess: () => {
        message.success(group ? t('dsp.g.done', { n: group.cases }) : t('dsp.done'));
        form.resetFields();
        onClose();
      },
      onError: (e) => onError(e, { form }),
    });
  };
  return (
    <Modal
      open
      title={
        group
          ? t('dsp.g.eventTitle', { event: label(DISPUTE_EVENTS, event), n: group.cases })
          : label(DISPUTE_EVENTS, event)
      }
      onCancel={onClose}
      onOk={submit}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      {(guard?.law || LAW[event]) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={LAW[event] ?? `${guard!.guard}（《劳动争议调解仲裁法》${guard!.law}）`}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues(c, event)} data-testid={`event-form-${event}`}>
        {fields.map((f) => {
          const required = !('optional' in f && f.optional) && f.kind !== 'check' && f.kind !== 'mediator';
          const lab = f.kind === 'mediator' ? t('dsp.f.mediator') : t(('label' in f && f.label) || 'dsp.f.date');
          return (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.kind === 'check' ? undefined : lab}
              required={required && f.name !== 'performBy'}
              valuePropName={f.kind === 'check' ? 'checked' : 'value'}
            >
              {f.kind === 'date' ? (
                <DateField optional={f.name === 'performBy'} />
              ) : f.kind === 'text' ? (
                <Input maxLength={100} />
              ) : f.kind === 'textarea' ? (
                <Input.TextArea rows={3} maxLength={2000} />
              ) : f.kind === 'yuan' ? (
                <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="元" />
              ) : f.kind === 'days' ? (
                <InputNumber min={1} max={f.max} precision={0} style={{ width: '100%' }} />
              ) : f.kind === 'select' ? (
                <Select options={options(f.dict)} />
              ) : f.kind === 'check' ? (
                <Checkbox>{lab}</Checkbox>
              ) : (
                <Select allowClear options={mediators.map((m) => ({ value: m.userId, label: m.name }))} />
              )}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
