import { useState } from 'react';
import { Button, Card, Col, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import {
  CheckCircleFilled,
  ClockCircleFilled,
  ClockCircleOutlined,
  ExclamationCircleFilled,
  FileTextOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  milestoneCompleteBody,
  progressCreateBody,
  quarterLabel,
  type AttachmentView,
  type MilestoneCompleteBody,
  type MilestoneView,
  type ProgressCreateBody,
  type ProgressView,
  type ProjectView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { DateInput, FormModal, useServerForm } from '../../components/form-kit';
import { ListEmpty } from '../../components/list-kit/ListEmpty';
import { ListFooter } from '../../components/list-kit/ListFooter';
import { listRows } from '../../components/list-kit/query';
import { BEIJING, formatDateTime } from '../../components/time';
import { useLocale, useT } from '../../i18n';
import { AttachmentList, AttachmentUploader } from './Attachments';
import { feedQuarter, milestoneState } from './feed';
import { useExecutionWrite, useMilestones, useProgressFeed } from './hooks';
import './execution.css';

const today = () => dayjs().tz(BEIJING);

function PostForm({ project }: { project: ProjectView }) {
  const t = useT();
  const post = useExecutionWrite(project.id, (body: ProgressCreateBody) =>
    api.post('/projects/:id/progress', { params: { id: project.id }, body }),
  );
  const { form, submit, submitting, zodRule } = useServerForm({
    schema: progressCreateBody,
    toBody: (v: { text: string; attachments: AttachmentView[] }) => ({
      text: v.text,
      attachmentIds: (v.attachments ?? []).map((a) => a.id),
    }),
    send: (body) => post.mutateAsync(body),
    onSuccess: () => form.resetFields(),
    success: t('execution.posted'),
  });
  return (
    <Card size="small" variant="borderless" className="ty-ex-card" title={t('execution.postTitle')}>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="text" style={{ marginBottom: 12 }} rules={[zodRule(progressCreateBody.shape.text)]}>
          <Input.TextArea
            rows={3}
            maxLength={5000}
            placeholder={t('execution.postPlaceholder')}
            data-testid="progress-text"
          />
        </Form.Item>
        <Form.Item name="attachments" style={{ marginBottom: 12 }}>
          <AttachmentUploader projectId={project.id} />
        </Form.Item>
        <Button type="primary" onClick={() => void submit()} loading={submitting} data-testid="progress-submit">
          {t('execution.post')}
        </Button>
      </Form>
    </Card>
  );
}

function Feed({ project }: { project: ProjectView }) {
  const t = useT();
  const feed = useProgressFeed(project.id);
  const posts = listRows(feed);
  if (feed.error && !feed.data) return <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;
  return (
    <Card size="small" variant="borderless" className="ty-ex-card" title={t('execution.feed')}>
      <List
        loading={feed.isPending}
        dataSource={posts}
        locale={{ emptyText: <ListEmpty description={t('execution.noPosts')} /> }}
        renderItem={(p) => (
          <List.Item key={p.id} className="ty-ex-post">
            <div style={{ width: '100%' }}>
              <Space size={8} wrap className="ty-ex-meta">
                <Typography.Text strong>{p.authorName}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(p.at)}</Typography.Text>
                <FeedQuarterTag post={p} />
              </Space>
              <Typography.Paragraph className="ty-ex-text">{p.text}</Typography.Paragraph>
              <AttachmentList items={p.attachments} />
            </div>
          </List.Item>
        )}
      />
      <ListFooter query={feed} count={false} />
    </Card>
  );
}

/** The quarter of a feed entry: a report's own quarter (marked as the report), else the post's date. */
function FeedQuarterTag({ post }: { post: ProgressView }) {
  const t = useT();
  const [locale] = useLocale();
  const { quarter, isReport } = feedQuarter(post);
  const label = quarterLabel(quarter, locale);
  return isReport ? (
    <Tag bordered={false} color="blue" icon={<FileTextOutlined />} data-testid="feed-report-tag">
      {t('execution.reportPost', { quarter: label })}
    </Tag>
  ) : (
    <Tag bordered={false}>{label}</Tag>
  );
}

function MilestoneStatus({ m }: { m: MilestoneView }) {
  const t = useT();
  switch (milestoneState(m)) {
    case 'done':
      return (
        <Tag icon={<CheckCircleFilled />} color="success">
          {t('execution.milestoneDone', { date: m.completedOn ?? '' })}
        </Tag>
      );
    case 'done_late':
      return (
        <Tag icon={<ClockCircleFilled />} color="warning" data-testid="milestone-late">
          {t('execution.milestoneDoneLate', { date: m.completedOn ?? '' })}
        </Tag>
      );
    case 'overdue':
      return (
        <Tag icon={<ExclamationCircleFilled />} color="error">
          {t('execution.milestoneOverdue')}
        </Tag>
      );
    default:
      return (
        <Tag icon={<ClockCircleOutlined />} color="processing">
          {t('execution.milestoneOpen')}
        </Tag>
      );
  }
}

interface CompleteValues {
  completedOn: Dayjs;
  evidence: string;
  attachments: AttachmentView[];
}

function CompleteModal({
  project,
  milestone,
  onClose,
}: {
  project: ProjectView;
  milestone: MilestoneView | null;
  onClose: () => void;
}) {
  const t = useT();
  const complete = useExecutionWrite(project.id, (b: { id: string; body: MilestoneCompleteBody }) =>
    api.post('/projects/:id/milestones/:milestoneId/complete', {
      params: { id: project.id, milestoneId: b.id },
      body: b.body,
    }),
  );
  const { form, submit, submitting, zodRule } = useServerForm({
    target: milestone,
    schema: milestoneCompleteBody,
    toBody: (v: CompleteValues, m) => ({
      evidence: v.evidence,
      completedOn: v.completedOn?.format('YYYY-MM-DD'),
      attachmentIds: (v.attachments ?? []).map((a) => a.id),
      version: m.version,
    }),
    send: (body, m) => complete.mutateAsync({ id: m.id, body }),
    success: t('execution.milestoneCompleted'),
    onSuccess: onClose,
    onReload: onClose,
  });
  return (
    <FormModal
      open={!!milestone}
      title={t('execution.completeTitle', { name: milestone?.name ?? '' })}
      form={form}
      initialValues={{ completedOn: today(), evidence: '', attachments: [] }}
      onClose={onClose}
      onSubmit={submit}
      submitting={submitting}
      okText={t('execution.complete')}
    >
      <Form.Item name="completedOn" label={t('execution.completedOn')} required>
        <DateInput notAfter={today()} />
      </Form.Item>
      <Form.Item
        name="evidence"
        label={t('execution.evidence')}
        required
        rules={[zodRule(milestoneCompleteBody.shape.evidence)]}
      >
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('execution.evidencePlaceholder')} />
      </Form.Item>
      <Form.Item name="attachments" label={t('execution.evidenceFiles')}>
        <AttachmentUploader projectId={project.id} />
      </Form.Item>
    </FormModal>
  );
}

function Milestones({ project }: { project: ProjectView }) {
  const t = useT();
  const q = useMilestones(project.id);
  const [completing, setCompleting] = useState<MilestoneView | null>(null);
  const canComplete = project.abilities.includes('progress');
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const done = q.data?.filter((m) => m.completedOn).length ?? 0;
  return (
    <Card
      size="small"
      variant="borderless"
      className="ty-ex-card"
      title={t('execution.milestones')}
      extra={q.data && <Typography.Text type="secondary">{`${done} / ${q.data.length}`}</Typography.Text>}
    >
      <List
        loading={q.isPending}
        dataSource={q.data ?? []}
        locale={{ emptyText: <ListEmpty description={t('execution.noMilestones')} /> }}
        renderItem={(m) => (
          <List.Item
            key={m.id}
            data-testid="milestone"
            actions={
              canComplete && !m.completedOn
                ? [
                    <Button key="c" size="small" type="link" onClick={() => setCompleting(m)}>
                      {t('execution.complete')}
                    </Button>,
                  ]
                : undefined
            }
          >
            <div style={{ width: '100%', minWidth: 0 }}>
              <Space size={6} wrap>
                <Typography.Text strong>{m.name}</Typography.Text>
                <MilestoneStatus m={m} />
              </Space>
              <div>
                <Typography.Text type="secondary">{t('execution.dueOn', { date: m.dueDate })}</Typography.Text>
              </div>
              {m.evidence && (
                <Typography.Paragraph className="ty-ex-text ty-ex-evidence">{m.evidence}</Typography.Paragraph>
              )}
              <AttachmentList items={m.attachments} />
            </div>
          </List.Item>
        )}
      />
      <CompleteModal project={project} milestone={completing} onClose={() => setCompleting(null)} />
    </Card>
  );
}

/** The project's progress feed (with photos and documents) and its milestones. */
export default function ProjectProgressTab({ project }: { project: ProjectView }) {
  const canPost = project.abilities.includes('progress');
  return (
    <Row gutter={[16, 16]} data-testid="project-progress-tab">
      <Col xs={24} lg={14}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {canPost && <PostForm project={project} />}
          <Feed project={project} />
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Milestones project={project} />
      </Col>
    </Row>
  );
}
