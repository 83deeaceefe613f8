import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PROJECT_RATINGS,
  quarterLabel,
  quarterlyReportBody,
  reportRateBody,
  supervisionAnswerBody,
  supervisionCloseBody,
  supervisionCreateBody,
  type AttachmentView,
  type ProjectRating,
  type ProjectView,
  type QuarterlyReportView,
  type QuarterRef,
  type SupervisionView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm, useZodRule, validated } from '../../components/forms';
import { BEIJING } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLocale, useT } from '../../i18n';
import { AttachmentUploader } from './Attachments';
import { useExecutionWrite, useIndicators } from './hooks';

const qOf = (r: QuarterlyReportView): QuarterRef => ({ year: r.year, quarter: r.quarter as QuarterRef['quarter'] });
const beijingToday = () => dayjs().tz(BEIJING);

interface FileValues {
  progress: string;
  crux: string;
  nextPlan: string;
  values: Record<string, number | null>;
  attachments: AttachmentView[];
}

/** The secretary files one quarter's report: progress, indicator values, the crux and next quarter's plan. */
export function FileReportDrawer({
  project,
  report,
  onClose,
}: {
  project: ProjectView;
  report: QuarterlyReportView | null;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const zod = useZodRule();
  const [form] = Form.useForm<FileValues>();
  const indicators = useIndicators(project.id);
  const file = useExecutionWrite(project.id, (b: unknown) =>
    api.post<QuarterlyReportView>(`/projects/${project.id}/quarterly-reports`, b),
  );
  const submit = async () => {
    if (!report || !(await validated(form))) return;
    const v = form.getFieldsValue(true) as FileValues;
    const indicatorValues = Object.entries(v.values ?? {})
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([indicatorId, value]) => ({ indicatorId, value }));
    const body = parseForm(
      quarterlyReportBody,
      {
        year: report.year,
        quarter: report.quarter,
        progress: v.progress,
        crux: v.crux,
        nextPlan: v.nextPlan,
        indicatorValues,
        attachmentIds: (v.attachments ?? []).map((a) => a.id),
      },
      form,
      locale,
    );
    if (!body) return;
    try {
      await file.mutateAsync(body);
      message.success(t('execution.reportFiled'));
      close();
    } catch (e) {
      onError(e, { form });
    }
  };
  const close = () => {
    form.resetFields();
    onClose();
  };
  const initialValues = {
    progress: '',
    crux: '',
    nextPlan: '',
    attachments: [],
    values: Object.fromEntries((indicators.data ?? []).map((i) => [i.id, i.actual])),
  };
  return (
    <FormDrawer
      open={!!report}
      title={report ? t('execution.fileTitle', { quarter: quarterLabel(qOf(report), locale) }) : ''}
      onClose={close}
      onSave={() => void submit()}
      saving={file.isPending}
      width={640}
    >
      {report?.overdue && (
        <Typography.Paragraph type="danger">
          {t('execution.fileLateHint', { date: report.dueDate })}
        </Typography.Paragraph>
      )}
      {indicators.data && (
        <Form form={form} layout="vertical" initialValues={initialValues} requiredMark={false}>
          <Form.Item
            name="progress"
            label={t('execution.reportProgress')}
            required
            rules={[zod(quarterlyReportBody.shape.progress)]}
          >
            <Input.TextArea rows={5} maxLength={5000} placeholder={t('execution.reportProgressHint')} />
          </Form.Item>
          {indicators.data.length > 0 && (
            <Form.Item label={t('execution.reportIndicators')} extra={t('execution.reportIndicatorsHint')}>
              <div className="ty-ex-values">
                {indicators.data.map((i) => (
                  <Form.Item key={i.id} name={['values', i.id]} label={i.name} style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={0}
                      style={{ width: '100%' }}
                      suffix={i.unit}
                      placeholder={t('execution.targetIs', { n: i.target, unit: i.unit })}
                    />
                  </Form.Item>
                ))}
              </div>
            </Form.Item>
          )}
          <Form.Item
            name="crux"
            label={t('execution.reportCrux')}
            required
            rules={[zod(quarterlyReportBody.shape.crux)]}
          >
            <Input.TextArea rows={3} maxLength={3000} placeholder={t('execution.reportCruxHint')} />
          </Form.Item>
          <Form.Item
            name="nextPlan"
            label={t('execution.reportNextPlan')}
            required
            rules={[zod(quarterlyReportBody.shape.nextPlan)]}
          >
            <Input.TextArea rows={3} maxLength={3000} />
          </Form.Item>
          <Form.Item name="attachments" label={t('execution.attachments')}>
            <AttachmentUploader projectId={project.id} />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
}

/** Staff rate a filed report and comment on it. */
export function RateModal({
  project,
  report,
  onClose,
}: {
  project: ProjectView;
  report: QuarterlyReportView | null;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const zod = useZodRule();
  const [form] = Form.useForm<{ rating: ProjectRating; comment: string }>();
  const rate = useExecutionWrite(project.id, (b: { id: string; body: unknown }) =>
    api.post<QuarterlyReportView>(`/quarterly-reports/${b.id}/rate`, b.body),
  );
  const submit = async () => {
    if (!report || !(await validated(form))) return;
    const v = form.getFieldsValue();
    const body = parseForm(reportRateBody, { ...v, version: report.version }, form, locale);
    if (!body) return;
    try {
      await rate.mutateAsync({ id: report.id, body });
      message.success(t('execution.rated'));
      onClose();
    } catch (e) {
      onError(e, { form, onReload: onClose });
    }
  };
  return (
    <Modal
      open={!!report}
      title={report ? t('execution.rateTitle', { quarter: quarterLabel(qOf(report), locale) }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={rate.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ rating: report?.rating ?? undefined, comment: report?.ratingComment ?? '' }}
      >
        <Form.Item name="rating" label={t('execution.rating')} required rules={[zod(reportRateBody.shape.rating)]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={options(PROJECT_RATINGS)} />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('execution.ratingComment')}
          required
          rules={[zod(reportRateBody.shape.comment)]}
        >
          <Input.TextArea rows={4} maxLength={2000} placeholder={t('execution.ratingCommentHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Staff issue a supervision notice (督办), optionally about one report. */
export function SuperviseModal({
  project,
  open,
  report,
  onClose,
}: {
  project: ProjectView;
  open: boolean;
  report: QuarterlyReportView | null;
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const zod = useZodRule();
  const [form] = Form.useForm<{ content: string; answerBy: Dayjs }>();
  const issue = useExecutionWrite(project.id, (b: unknown) =>
    api.post<SupervisionView>(`/projects/${project.id}/supervision-notices`, b),
  );
  const today = beijingToday();
  const submit = async () => {
    if (!(await validated(form))) return;
    const v = form.getFieldsValue();
    const body = parseForm(
      supervisionCreateBody,
      { reportId: report?.id ?? null, content: v.content, answerBy: v.answerBy?.format('YYYY-MM-DD') },
      form,
      locale,
    );
    if (!body) return;
    try {
      await issue.mutateAsync(body);
      message.success(t('execution.supervisionIssued'));
      onClose();
    } catch (e) {
      onError(e, { form });
    }
  };
  return (
    <Modal
      open={open}
      title={t('execution.superviseTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('execution.issue')}
      confirmLoading={issue.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {report && (
        <Typography.Paragraph type="secondary">
          {t('execution.aboutReport', { quarter: quarterLabel(qOf(report), locale) })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ content: '', answerBy: today.add(7, 'day') }}
      >
        <Form.Item
          name="content"
          label={t('execution.supervisionContent')}
          required
          rules={[zod(supervisionCreateBody.shape.content)]}
        >
          <Input.TextArea rows={4} maxLength={2000} placeholder={t('execution.supervisionContentHint')} />
        </Form.Item>
        <Form.Item name="answerBy" label={t('execution.answerBy')} required>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(today, 'day')}
            allowClear={false}
            inputReadOnly
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The secretary answers a notice, or staff close it. */
export function NoticeActionModal({
  project,
  notice,
  action,
  onClose,
}: {
  project: ProjectView;
  notice: SupervisionView | null;
  action: 'answer' | 'close';
  onClose: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const zod = useZodRule();
  const [form] = Form.useForm<{ text: string }>();
  const act = useExecutionWrite(project.id, (b: { id: string; body: unknown }) =>
    api.post<SupervisionView>(`/supervision-notices/${b.id}/${action}`, b.body),
  );
  const submit = async () => {
    if (!notice || !(await validated(form))) return;
    const text = form.getFieldValue('text') as string;
    const body =
      action === 'answer'
        ? parseForm(supervisionAnswerBody, { answer: text, version: notice.version }, form, locale)
        : parseForm(supervisionCloseBody, { comment: text, version: notice.version }, form, locale);
    if (!body) {
      // The schema names the field answer/comment; the form has one text box.
      form.setFields([{ name: 'text', errors: [t('execution.answerRequired')] }]);
      return;
    }
    try {
      await act.mutateAsync({ id: notice.id, body });
      message.success(action === 'answer' ? t('execution.answered') : t('execution.closed'));
      onClose();
    } catch (e) {
      onError(e, { form, onReload: onClose });
    }
  };
  return (
    <Modal
      open={!!notice}
      title={action === 'answer' ? t('execution.answerTitle') : t('execution.closeTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={action === 'answer' ? t('execution.answer') : t('execution.close')}
      confirmLoading={act.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {notice && <Typography.Paragraph className="ty-ex-quote">{notice.content}</Typography.Paragraph>}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ text: '' }}>
        <Form.Item
          name="text"
          label={action === 'answer' ? t('execution.answerText') : t('execution.closeComment')}
          required={action === 'answer'}
          rules={[zod(action === 'answer' ? supervisionAnswerBody.shape.answer : supervisionCloseBody.shape.comment)]}
        >
          <Input.TextArea rows={4} maxLength={action === 'answer' ? 3000 : 1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
