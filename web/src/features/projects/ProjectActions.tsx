import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Spin, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { DECLARATION_FIELDS, FIELD_MESSAGES, type DeclarationContent, type ProjectView } from '@touyan/schemas';
import { isApiError, isNotFound } from '../../api/client';
import { useLabel, useLocale, useT } from '../../i18n';
import { IndicatorRange } from './DeclarationContentView';
import { useCompleteProject, useFinalIndicators, useProjectEvent, type ProjectEventName } from './hooks';

type ReasonEvent = Extract<ProjectEventName, 'withdraw' | 'terminate'>;

/** The buttons of the project page, from the record's `abilities`. */
export function ProjectActions({ project, onChanged }: { project: ProjectView; onChanged: () => void }) {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const fire = useProjectEvent();
  const [reasonFor, setReasonFor] = useState<ReasonEvent | null>(null);
  const [completing, setCompleting] = useState(false);
  const can = (a: string) => project.abilities.includes(a);

  const onError = (e: unknown) => {
    if (!isApiError(e)) {
      message.error(t('common.networkError'));
      return;
    }
    if (e.code === 'DECLARATION_INCOMPLETE' && e.fields) {
      modal.confirm({
        title: e.message,
        content: (
          <ul style={{ paddingLeft: 18, margin: 0 }} data-testid="incomplete-fields">
            {Object.entries(e.fields).map(([f, m]) => (
              <li key={f}>
                {t('projects.labelled', {
                  label: f in DECLARATION_FIELDS ? label(DECLARATION_FIELDS, f as keyof DeclarationContent) : f,
                  value: m,
                })}
              </li>
            ))}
          </ul>
        ),
        okText: t('projects.completeDeclaration'),
        cancelText: t('common.cancel'),
        onOk: () => navigate(`/projects/${project.id}/edit`),
      });
      return;
    }
    message.error(e.message);
    if (e.code === 'VERSION_CONFLICT') onChanged();
  };

  const run = (event: ProjectEventName, reason?: string) =>
    fire.mutateAsync({ id: project.id, event, version: project.version, reason }).then(
      () => {
        message.success(t(`projects.done.${event}`));
        return true;
      },
      (e: unknown) => {
        onError(e);
        return false;
      },
    );

  const confirmSubmit = (event: 'submit' | 'resubmit') =>
    modal.confirm({
      title: t(event === 'resubmit' ? 'projects.confirmResubmit' : 'projects.confirmSubmit'),
      content: t('projects.confirmSubmitBody'),
      okText: t(event === 'resubmit' ? 'projects.confirmResubmitOk' : 'projects.confirmSubmitOk'),
      cancelText: t('common.cancel'),
      onOk: () => run(event),
    });

  return (
    <>
      {can('update') && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/projects/${project.id}/edit`)}>
          {t('projects.edit')}
        </Button>
      )}
      {can('submit') && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => confirmSubmit('submit')}>
          {t('projects.submit')}
        </Button>
      )}
      {can('resubmit') && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => confirmSubmit('resubmit')}>
          {t('projects.resubmit')}
        </Button>
      )}
      {can('withdraw') && (
        <Button icon={<RollbackOutlined />} onClick={() => setReasonFor('withdraw')}>
          {t('projects.withdraw')}
        </Button>
      )}
      {can('complete') && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setCompleting(true)}>
          {t('projects.complete')}
        </Button>
      )}
      {can('terminate') && (
        <Button danger icon={<StopOutlined />} onClick={() => setReasonFor('terminate')}>
          {t('projects.terminate')}
        </Button>
      )}
      <ReasonModal
        event={reasonFor}
        onClose={() => setReasonFor(null)}
        onOk={async (reason) => {
          if (reasonFor && (await run(reasonFor, reason))) setReasonFor(null);
        }}
        saving={fire.isPending}
      />
      {completing && <CompleteModal project={project} onClose={() => setCompleting(false)} />}
    </>
  );
}

/** Withdraw (reason optional) or terminate (reason required). */
function ReasonModal({
  event,
  onClose,
  onOk,
  saving,
}: {
  event: ReasonEvent | null;
  onClose: () => void;
  onOk: (reason: string) => void;
  saving: boolean;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const required = event === 'terminate';
  return (
    <Modal
      open={!!event}
      title={event ? t(`projects.${event}`) : ''}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(
          (v) => onOk(v.reason?.trim() ?? ''),
          () => undefined,
        )
      }
      okText={event ? t(`projects.${event}`) : ''}
      okButtonProps={{ danger: event === 'terminate', loading: saving }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterOpenChange={(open) => !open && form.resetFields()}
    >
      <Typography.Paragraph type="secondary">
        {event === 'terminate' ? t('projects.terminateHint') : t('projects.withdrawHint')}
      </Typography.Paragraph>
      <Form form={form} name="projectEvent" layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t(event === 'terminate' ? 'projects.timeline.reason.terminate' : 'projects.timeline.reason.withdraw')}
          rules={[
            { required, whitespace: true, message: t('projects.required') },
            { max: 2000, message: t('projects.tooLong') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Completion: a summary and the final value of each indicator of the approved plan. */
function CompleteModal({ project, onClose }: { project: ProjectView; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary?: string; values?: Record<string, number | null> }>();
  const indicators = useFinalIndicators(project.id, true);
  const complete = useCompleteProject();
  const unavailable = !!indicators.error;

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !indicators.data) return;
    // A bound indicator's final value is its count from the records: only manual ones are entered.
    const finalValues = indicators.data
      .filter((i) => !i.binding)
      .map((i) => ({ indicatorId: i.id, value: Number(v.values?.[i.id] ?? 0) }));
    complete.mutate(
      { id: project.id, version: project.version, summary: v.summary?.trim() ?? '', finalValues },
      {
        onSuccess: () => {
          message.success(t('projects.done.complete'));
          onClose();
        },
        onError: (e) => message.error(isApiError(e) ? e.message : t('common.networkError')),
      },
    );
  };

  return (
    <Modal
      open
      title={t('projects.complete')}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t('projects.complete')}
      okButtonProps={{ loading: complete.isPending, disabled: unavailable || indicators.isPending }}
      cancelText={t('common.cancel')}
      width={640}
    >
      <Form form={form} name="projectComplete" layout="vertical">
        <Form.Item
          name="summary"
          label={t('projects.completeSummary')}
          rules={[{ required: true, whitespace: true, message: FIELD_MESSAGES.required[locale] }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount />
        </Form.Item>
        <Typography.Text strong>{t('projects.finalValues')}</Typography.Text>
        {indicators.isPending ? (
          <Spin style={{ display: 'block', margin: 16 }} />
        ) : unavailable ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            message={isNotFound(indicators.error) ? t('projects.indicatorsUnavailable') : t('common.loadFailed')}
          />
        ) : (
          <div style={{ marginTop: 8 }}>
            {indicators.data.map((i) => (
              <Form.Item
                key={i.id}
                name={i.binding ? undefined : ['values', i.id]}
                extra={i.binding ? t('projects.finalBound') : undefined}
                label={
                  <span>
                    {i.name}&nbsp;
                    <Typography.Text type="secondary">
                      <IndicatorRange baseline={i.baseline} target={i.target} unit={i.unit} />
                    </Typography.Text>
                  </span>
                }
                initialValue={i.binding ? undefined : i.actual}
                rules={i.binding ? [] : [{ required: true, message: FIELD_MESSAGES.required[locale] }]}
              >
                {i.binding ? (
                  <InputNumber disabled value={i.actual} style={{ width: 200 }} addonAfter={i.unit} />
                ) : (
                  <InputNumber min={0} max={1e9} style={{ width: 200 }} addonAfter={i.unit} />
                )}
              </Form.Item>
            ))}
          </div>
        )}
      </Form>
    </Modal>
  );
}
