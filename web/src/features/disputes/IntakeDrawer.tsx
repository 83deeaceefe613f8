import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import {
  DISPUTE_SOURCES,
  DISPUTE_TYPES,
  disputeIntakeBody,
  RESPONDENT_KINDS,
  type AttachmentView,
  type DisputeDetailView,
} from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { issueMessage, normalizeValue } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLocale, useT } from '../../i18n';
import { asDay, DateField, dayOf } from './display';
import { beijingToday } from './EventModal';
import { EvidenceUpload } from './LazyEvidenceUpload';
import { useCentres, useIntake } from './hooks';

/** The form's input of each field of the intake body. */
const FIELD_OF: Record<string, string> = {
  worker: 'workerName',
  'worker.name': 'workerName',
  'worker.mobile': 'mobile',
  respondent: 'respondentName',
  'respondent.name': 'respondentName',
  'respondent.kind': 'respondentKind',
  'respondent.creditCode': 'creditCode',
  claimFen: 'claimYuan',
};

/**
 * 受理登记 (`POST /dispute-cases`): the worker as entered (linked to the registry by the server when
 * the mobile matches), the respondent, the type, claim and facts. A duplicate (the same worker against
 * the same respondent with an open case) is refused by the server with 409: shown at the top of the
 * form with a way to the worker's existing cases.
 */
export function IntakeDrawer({
  open,
  onClose,
  onSaved,
  onShowExisting,
  initial,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (c: DisputeDetailView) => void;
  onShowExisting: (workerName: string) => void;
  /** First values (a consultation becoming a case: the person, channel, topic and question). */
  initial?: Record<string, unknown>;
}) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const centres = useCentres();
  const intake = useIntake();
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<AttachmentView[]>([]);
  const single = centres.data?.length === 1 ? centres.data[0]!.id : undefined;
  useEffect(() => {
    if (open && single && !form.getFieldValue('centreId')) form.setFieldValue('centreId', single);
  }, [open, single, form]);
  useEffect(() => {
    if (open && initial) form.setFieldsValue(initial);
  }, [open, initial, form]);

  const submit = () => {
    setDuplicate(null);
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const input = {
      centreId: v.centreId ?? single,
      source: v.source,
      sourceNote: v.sourceNote,
      worker: { name: v.workerName ?? '', mobile: v.mobile ?? '' },
      respondent: { kind: v.respondentKind, name: v.respondentName ?? '', creditCode: v.creditCode },
      type: v.type,
      claimFen: typeof v.claimYuan === 'number' ? Math.round(v.claimYuan * 100) : undefined,
      facts: v.facts,
      knownOn: dayOf(v.knownOn),
      receivedOn: dayOf(v.receivedOn),
      evidenceIds: evidence.map((f) => f.id),
    };
    const r = disputeIntakeBody.safeParse(input);
    if (!r.success) {
      // The body nests the worker and respondent: each issue goes under the input it came from.
      const shown = new Map<string, string>();
      for (const issue of r.error.issues) {
        const path = issue.path.map(String).join('.');
        const name = FIELD_OF[path] ?? FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]);
        if (!shown.has(name)) shown.set(name, issueMessage(issue, normalizeValue(v[name]), locale));
      }
      form.setFields([...shown].map(([name, msg]) => ({ name, errors: [msg] })));
      return;
    }
    const body = r.data;
    intake.mutate(body, {
      onSuccess: (c) => {
        message.success(t('dsp.i.saved', { no: c.caseNo }));
        form.resetFields();
        setEvidence([]);
        onSaved(c);
        onClose();
      },
      onError: (e) => {
        if (isApiError(e) && e.code === 'DISPUTE_DUPLICATE') {
          setDuplicate(e.message);
          form.setFields([{ name: 'respondentName', errors: [t('dsp.i.duplicate')] }]);
        } else onError(e, { form });
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={mobile ? '100%' : 720}
      title={t('dsp.i.title')}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={submit} loading={intake.isPending} data-testid="intake-save">
          {t('dsp.i.save')}
        </Button>
      }
    >
      {duplicate && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="intake-duplicate"
          message={t('dsp.i.duplicate')}
          description={duplicate}
          action={
            <Button size="small" onClick={() => onShowExisting(String(form.getFieldValue('workerName') ?? ''))}>
              {t('dsp.i.showExisting')}
            </Button>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          source: 'walk_in',
          respondentKind: 'platform',
          type: 'wage_arrears',
          receivedOn: asDay(beijingToday()),
        }}
        data-testid="intake-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="centreId" label={t('dsp.i.centre')} required>
              <Select options={(centres.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receivedOn" label={t('dsp.i.receivedOn')} required>
              <DateField />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={t('dsp.i.source')} required>
              <Select options={options(DISPUTE_SOURCES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sourceNote" label={t('dsp.i.sourceNote')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="workerName" label={t('dsp.i.workerName')} required>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mobile" label={t('dsp.i.mobile')} required>
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="respondentKind" label={t('dsp.i.respondentKind')} required>
              <Select options={options(RESPONDENT_KINDS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="respondentName" label={t('dsp.i.respondentName')} required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCode" label={t('dsp.i.creditCode')}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="knownOn" label={t('dsp.i.knownOn')}>
              <DateField optional />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('dsp.type')} required>
              <Select options={options(DISPUTE_TYPES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="claimYuan" label={t('dsp.i.claimYuan')} required>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="元" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="facts" label={t('dsp.i.facts')} required>
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('dsp.evidence')}>
              {evidence.length > 0 && (
                <ul className="ty-dsp-list" data-testid="intake-evidence">
                  {evidence.map((f) => (
                    <li key={f.id}>
                      {f.filename} <Typography.Text type="secondary">{Math.ceil(f.size / 1024)} KB</Typography.Text>{' '}
                      <a onClick={() => setEvidence((l) => l.filter((x) => x.id !== f.id))}>{t('dsp.ev.remove')}</a>
                    </li>
                  ))}
                </ul>
              )}
              <EvidenceUpload
                taken={evidence.length}
                testId="intake-evidence-add"
                onUploaded={(f) => setEvidence((l) => [...l, f])}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
