import { Form, Input, InputNumber, Radio, Typography } from 'antd';
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
  type QuarterlyReportBody,
  type QuarterlyReportView,
  type QuarterRef,
  type ReportRateBody,
  type SupervisionAnswerBody,
  type SupervisionCloseBody,
  type SupervisionCreateBody,
  type SupervisionView,
} from '@touyan/schemas';
import type { ZodType } from 'zod';
import { api } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { DateInput, FormModal, useServerForm } from '../../components/form-kit';
import { BEIJING } from '../../components/time';
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

/** A form about one quarter's report (none open while `report` is null). */
interface ReportFormProps {
  project: ProjectView;
  report: QuarterlyReportView | null;
  onClose: () => void;
}

/** The secretary files one quarter's report: progress, indicator values, the crux and next quarter's plan. */
export function FileReportDrawer({ project, report, onClose }: ReportFormProps) {
  const t = useT();
  const [locale] = useLocale();
  const indicators = useIndicators(project.id);
  const file = useExecutionWrite(project.id, (body: QuarterlyReportBody) =>
    api.post('/projects/:id/quarterly-reports', { params: { id: project.id }, body }),
  );
  const { form, submit, submitting, zodRule } = useServerForm({
    target: report,
    allFields: true,
    schema: quarterlyReportBody,
    toBody: (v: FileValues, r) => ({
      year: r.year,
      quarter: r.quarter,
      progress: v.progress,
      crux: v.crux,
      nextPlan: v.nextPlan,
      indicatorValues: Object.entries(v.values ?? {})
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([indicatorId, value]) => ({ indicatorId, value })),
      attachmentIds: (v.attachments ?? []).map((a) => a.id),
    }),
    send: (body: QuarterlyReportBody) => file.mutateAsync(body),
    success: t('execution.reportFiled'),
    onSuccess: () => close(),
  });
  const close = () => {
    form.resetFields();
    onClose();
  };
  const initialValues = {
    progress: '',
    crux: '',
    nextPlan: '',
    attachments: [],
    // Bound indicators are not entered: the server counts them from the records when the report is filed.
    values: Object.fromEntries((indicators.data ?? []).filter((i) => !i.binding).map((i) => [i.id, i.actual])),
  };
  return (
    <FormDrawer
      open={!!report}
      title={report ? t('execution.fileTitle', { quarter: quarterLabel(qOf(report), locale) }) : ''}
      onClose={close}
      onSave={() => void submit()}
      saving={submitting}
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
            rules={[zodRule(quarterlyReportBody.shape.progress)]}
          >
            <Input.TextArea rows={5} maxLength={5000} placeholder={t('execution.reportProgressHint')} />
          </Form.Item>
          {indicators.data.length > 0 && (
            <Form.Item label={t('execution.reportIndicators')} extra={t('execution.reportIndicatorsHint')}>
              <div className="ty-ex-values">
                {indicators.data.map((i) =>
                  i.binding ? (
                    <Form.Item
                      key={i.id}
                      label={i.name}
                      extra={t('execution.boundInReport')}
                      style={{ marginBottom: 8 }}
                      data-testid="report-bound-indicator"
                    >
                      <InputNumber disabled value={i.actual} style={{ width: '100%' }} suffix={i.unit} />
                    </Form.Item>
                  ) : (
                    <Form.Item key={i.id} name={['values', i.id]} label={i.name} style={{ marginBottom: 8 }}>
                      <InputNumber
                        min={0}
                        style={{ width: '100%' }}
                        suffix={i.unit}
                        placeholder={t('execution.targetIs', { n: i.target, unit: i.unit })}
                      />
                    </Form.Item>
                  ),
                )}
              </div>
            </Form.Item>
          )}
          <Form.Item
            name="crux"
            label={t('execution.reportCrux')}
            required
            rules={[zodRule(quarterlyReportBody.shape.crux)]}
          >
            <Input.TextArea rows={3} maxLength={3000} placeholder={t('execution.reportCruxHint')} />
          </Form.Item>
          <Form.Item
            name="nextPlan"
            label={t('execution.reportNextPlan')}
            required
            rules={[zodRule(quarterlyReportBody.shape.nextPlan)]}
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
export function RateModal({ project, report, onClose }: ReportFormProps) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const rate = useExecutionWrite(project.id, (b: { id: string; body: ReportRateBody }) =>
    api.post('/quarterly-reports/:id/rate', { params: { id: b.id }, body: b.body }),
  );
  const { form, submit, submitting, zodRule } = useServerForm({
    target: report,
    schema: reportRateBody,
    toBody: (v: { rating: ProjectRating; comment: string }, r) => ({ ...v, version: r.version }),
    send: (body, r) => rate.mutateAsync({ id: r.id, body }),
    success: t('execution.rated'),
    onSuccess: onClose,
    onReload: onClose,
  });
  return (
    <FormModal
      open={!!report}
      title={report ? t('execution.rateTitle', { quarter: quarterLabel(qOf(report), locale) }) : ''}
      form={form}
      initialValues={{ rating: report?.rating ?? undefined, comment: report?.ratingComment ?? '' }}
      onClose={onClose}
      onSubmit={submit}
      submitting={submitting}
    >
      <Form.Item name="rating" label={t('execution.rating')} required rules={[zodRule(reportRateBody.shape.rating)]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={options(PROJECT_RATINGS)} />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('execution.ratingComment')}
        required
        rules={[zodRule(reportRateBody.shape.comment)]}
      >
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('execution.ratingCommentHint')} />
      </Form.Item>
    </FormModal>
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
  const issue = useExecutionWrite(project.id, (body: SupervisionCreateBody) =>
    api.post('/projects/:id/supervision-notices', { params: { id: project.id }, body }),
  );
  const today = beijingToday();
  const { form, submit, submitting, zodRule } = useServerForm({
    schema: supervisionCreateBody,
    toBody: (v: { content: string; answerBy: Dayjs }) => ({
      reportId: report?.id ?? null,
      content: v.content,
      answerBy: v.answerBy?.format('YYYY-MM-DD'),
    }),
    send: (body) => issue.mutateAsync(body),
    success: t('execution.supervisionIssued'),
    onSuccess: onClose,
  });
  return (
    <FormModal
      open={open}
      title={t('execution.superviseTitle')}
      form={form}
      initialValues={{ content: '', answerBy: today.add(7, 'day') }}
      onClose={onClose}
      onSubmit={submit}
      submitting={submitting}
      okText={t('execution.issue')}
      intro={
        report && (
          <Typography.Paragraph type="secondary">
            {t('execution.aboutReport', { quarter: quarterLabel(qOf(report), locale) })}
          </Typography.Paragraph>
        )
      }
    >
      <Form.Item
        name="content"
        label={t('execution.supervisionContent')}
        required
        rules={[zodRule(supervisionCreateBody.shape.content)]}
      >
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('execution.supervisionContentHint')} />
      </Form.Item>
      <Form.Item name="answerBy" label={t('execution.answerBy')} required>
        <DateInput notBefore={today} />
      </Form.Item>
    </FormModal>
  );
}

const noticeBody: Record<'answer' | 'close', ZodType<SupervisionAnswerBody | SupervisionCloseBody>> = {
  answer: supervisionAnswerBody,
  close: supervisionCloseBody,
};

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
  const act = useExecutionWrite(project.id, (b: { id: string; body: SupervisionAnswerBody | SupervisionCloseBody }) =>
    api.post(`/supervision-notices/:id/${action}`, { params: { id: b.id }, body: b.body }),
  );
  const { form, submit, submitting, zodRule } = useServerForm({
    target: notice,
    schema: action === 'answer' ? noticeBody.answer : noticeBody.close,
    toBody: (v: { text: string }, n) => ({ [action === 'answer' ? 'answer' : 'comment']: v.text, version: n.version }),
    // The schema names the field answer/comment; the form has one text box.
    onInvalid: (f) => f.setFields([{ name: 'text', errors: [t('execution.answerRequired')] }]),
    send: (body, n) => act.mutateAsync({ id: n.id, body }),
    success: action === 'answer' ? t('execution.answered') : t('execution.closed'),
    onSuccess: onClose,
    onReload: onClose,
  });
  return (
    <FormModal
      open={!!notice}
      title={action === 'answer' ? t('execution.answerTitle') : t('execution.closeTitle')}
      form={form}
      initialValues={{ text: '' }}
      onClose={onClose}
      onSubmit={submit}
      submitting={submitting}
      okText={action === 'answer' ? t('execution.answer') : t('execution.close')}
      intro={notice && <Typography.Paragraph className="ty-ex-quote">{notice.content}</Typography.Paragraph>}
    >
      <Form.Item
        name="text"
        label={action === 'answer' ? t('execution.answerText') : t('execution.closeComment')}
        required={action === 'answer'}
        rules={[zodRule(action === 'answer' ? supervisionAnswerBody.shape.answer : supervisionCloseBody.shape.comment)]}
      >
        <Input.TextArea rows={4} maxLength={action === 'answer' ? 3000 : 1000} />
      </Form.Item>
    </FormModal>
  );
}
