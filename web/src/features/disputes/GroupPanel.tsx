import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Typography,
  type ButtonProps,
} from 'antd';
import {
  DISPUTE_EVENTS,
  DISPUTE_WORKFLOW,
  type DisputeCaseView,
  type DisputeEvent,
  type DisputeGroupView,
} from '@touyan/schemas';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useT } from '../../i18n';
import { StatusTag } from './display';
import { EventModal } from './EventModal';
import { useAddGroupCases, useCreateGroup, useDisputeGroup, useGroupCandidates } from './hooks';
import { usePermissions } from '../auth/hooks';

const WORKFLOW_ORDER = DISPUTE_WORKFLOW.map((w) => w.event);

/** The respondent as the server keys it (credit code, else the name without blanks, brackets' width, case). */
const respondentKey = (c: DisputeCaseView) =>
  c.respondentCreditCode
    ? `c:${c.respondentCreditCode}`
    : `n:${c.respondentName.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase()}`;

/** Whether a case may join a new group (open, in none yet). */
export const groupable = (c: DisputeCaseView) => c.status !== 'closed' && c.groupId === null;

/**
 * 合并为集体争议: the selected open cases of one centre against one respondent become one group case
 * (POST /dispute-groups). A mixed selection is named before sending; the server checks it again.
 */
export function CreateGroupModal({
  cases,
  open,
  onClose,
  onCreated,
}: {
  cases: DisputeCaseView[];
  open: boolean;
  onClose: () => void;
  onCreated: (groupId: string) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ title: string }>();
  const create = useCreateGroup();
  const first = cases[0];
  const mixed =
    cases.length < 2 ||
    !cases.every((c) => groupable(c) && c.centreId === first?.centreId && respondentKey(c) === respondentKey(first));
  const submit = () => {
    const title = (form.getFieldValue('title') as string | undefined)?.trim() ?? '';
    if (title.length < 2) {
      form.setFields([{ name: 'title', errors: [t('dsp.g.titleRequired')] }]);
      return;
    }
    create.mutate(
      { title, caseIds: cases.map((c) => c.id) },
      {
        onSuccess: (g) => {
          message.success(t('dsp.g.created', { n: g.cases.length }));
          form.resetFields();
          onCreated(g.id);
        },
        onError: (e) => onError(e, { form }),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('dsp.g.create')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ disabled: mixed, 'data-testid': 'group-save' } as ButtonProps}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {mixed ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('dsp.g.mixed')} />
      ) : (
        <Typography.Paragraph type="secondary">{t('dsp.g.createHint')}</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: first ? t('dsp.g.defaultTitle', { respondent: first.respondentName }) : '' }}
      >
        <Form.Item name="title" label={t('dsp.g.title')} required>
          <Input maxLength={80} data-testid="group-title" />
        </Form.Item>
      </Form>
      <ul className="ty-dsp-list" data-testid="group-selected">
        {cases.map((c) => (
          <li key={c.id}>
            {c.caseNo} · {c.workerName} · {c.respondentName} <StatusTag status={c.status} />
          </li>
        ))}
      </ul>
    </Modal>
  );
}

/**
 * 追加案件: later open cases of the group's centre against its respondent, in no group yet, join the
 * shown group (POST /dispute-groups/:id/cases, all or none; the server checks again).
 */
function AddCasesModal({ g, open, onClose }: { g: DisputeGroupView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [picked, setPicked] = useState<string[]>([]);
  const [warn, setWarn] = useState(false);
  const q = useGroupCandidates(g, open);
  const add = useAddGroupCases(g.id);
  const key = g.cases[0] ? respondentKey(g.cases[0]) : null;
  const candidates = (q.data ?? []).filter(
    (c) => groupable(c) && c.centreId === g.centreId && respondentKey(c) === key,
  );
  const close = () => {
    setPicked([]);
    setWarn(false);
    onClose();
  };
  const submit = () => {
    if (picked.length === 0) {
      setWarn(true);
      return;
    }
    add.mutate(
      { caseIds: picked },
      {
        onSuccess: () => {
          message.success(t('dsp.g.added', { n: picked.length }));
          close();
        },
        onError: (e) => onError(e),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('dsp.g.addTitle')}
      onCancel={close}
      onOk={submit}
      okButtonProps={{ disabled: candidates.length === 0, 'data-testid': 'group-add-save' } as ButtonProps}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      {q.isLoading ? (
        <Spin />
      ) : candidates.length === 0 ? (
        <Alert type="info" showIcon message={t('dsp.g.addNone')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('dsp.g.addHint')}</Typography.Paragraph>
          {warn && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('dsp.g.addPick')} />}
          <Checkbox.Group
            value={picked}
            onChange={(v) => {
              setPicked(v as string[]);
              setWarn(false);
            }}
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            data-testid="group-add-list"
          >
            {candidates.map((c) => (
              <Checkbox key={c.id} value={c.id}>
                {c.caseNo} · {c.workerName} <StatusTag status={c.status} />
              </Checkbox>
            ))}
          </Checkbox.Group>
        </>
      )}
    </Modal>
  );
}

/**
 * A group case above the list filtered to it (`/disputes?groupId=`): its title, respondent and cases by
 * stage, and the workflow events every one of its cases may take now — each records the same event for
 * all of them at once (POST /dispute-groups/:id/events, all or none).
 */
export function GroupPanel({ id, onClear }: { id: string; onClear: () => void }) {
  const t = useT();
  const label = useLabel();
  const q = useDisputeGroup(id);
  const [event, setEvent] = useState<DisputeEvent | null>(null);
  const [adding, setAdding] = useState(false);
  const can = usePermissions();
  const g = q.data;
  if (!g) return null;
  const stages = new Map<DisputeCaseView['status'], number>();
  for (const c of g.cases) stages.set(c.status, (stages.get(c.status) ?? 0) + 1);
  // Events every case of the group may take now.
  const common = WORKFLOW_ORDER.filter(
    (e) => g.cases.length > 0 && g.cases.every((c) => c.abilities.includes(e)),
  ) as DisputeEvent[];
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="group-panel"
      title={<span data-testid="group-heading">{t('dsp.g.heading', { title: g.title })}</span>}
      extra={
        <Space>
          {can('dispute.write') && (
            <Button size="small" onClick={() => setAdding(true)} data-testid="group-add">
              {t('dsp.g.add')}
            </Button>
          )}
          <a onClick={onClear}>{t('dsp.g.leave')}</a>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('dsp.g.respondent', { name: g.respondentName })}</Typography.Text>
          <Typography.Text type="secondary">{t('dsp.g.count', { n: g.cases.length })}</Typography.Text>
          {[...stages].map(([s, n]) => (
            <span key={s}>
              <StatusTag status={s} /> {n}
            </span>
          ))}
        </Space>
        {common.length > 0 ? (
          <Space wrap data-testid="group-actions">
            <Typography.Text type="secondary">{t('dsp.g.together')}</Typography.Text>
            {common.map((e) => (
              <Button key={e} size="small" onClick={() => setEvent(e)} data-testid={`group-act-${e}`}>
                {label(DISPUTE_EVENTS, e)}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('dsp.g.noCommon')}</Typography.Text>
        )}
      </Space>
      <AddCasesModal g={g} open={adding} onClose={() => setAdding(false)} />
      {g.cases[0] && (
        <EventModal
          c={g.cases[0]}
          event={event}
          group={{ id: g.id, cases: g.cases.length }}
          onClose={() => setEvent(null)}
        />
      )}
    </Card>
  );
}
