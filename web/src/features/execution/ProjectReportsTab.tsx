import { useState, type ReactNode } from 'react';
import { Button, Card, Collapse, Descriptions, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { AlertOutlined, AuditOutlined, FormOutlined } from '@ant-design/icons';
import {
  quarterLabel,
  REPORT_STATUSES,
  SUPERVISION_STATUSES,
  type ProjectView,
  type QuarterlyReportView,
  type QuarterRef,
  type ReportStatus,
  type SupervisionStatus,
  type SupervisionView,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useLocale, useT } from '../../i18n';
import { RatingTag } from './tags';
import { AttachmentList } from './Attachments';
import { useReports, useSupervision } from './hooks';
import { FileReportDrawer, NoticeActionModal, RateModal, SuperviseModal } from './ReportForms';
import './execution.css';

const STATUS_COLOR: Record<ReportStatus, string> = { pending: 'default', filed: 'processing', rated: 'success' };
const NOTICE_COLOR: Record<SupervisionStatus, string> = { open: 'warning', answered: 'processing', closed: 'default' };

const qOf = (r: QuarterlyReportView): QuarterRef => ({ year: r.year, quarter: r.quarter as QuarterRef['quarter'] });

/** Status, overdue and late-filing tags of a report. */
export function ReportTags({ r }: { r: Pick<QuarterlyReportView, 'status' | 'overdue' | 'filedLate' | 'rating'> }) {
  const t = useT();
  const label = useLabel();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[r.status]} style={{ marginInlineEnd: 0 }}>
        {label(REPORT_STATUSES, r.status)}
      </Tag>
      {r.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="overdue-tag">
          {t('execution.overdue')}
        </Tag>
      )}
      {r.filedLate && (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          {t('execution.filedLate')}
        </Tag>
      )}
      <RatingTag rating={r.rating} />
    </Space>
  );
}

function Text({ children }: { children: ReactNode }) {
  return <Typography.Paragraph className="ty-ex-text">{children}</Typography.Paragraph>;
}

function ReportBody({
  r,
  onFile,
  onRate,
  onSupervise,
}: {
  r: QuarterlyReportView;
  onFile: () => void;
  onRate: () => void;
  onSupervise: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const isMobile = useIsMobile();
  const hasActions =
    r.abilities.includes('file') ||
    r.abilities.includes('rate') ||
    (r.abilities.includes('supervise') && (r.status !== 'pending' || r.overdue));
  const actions = hasActions && (
    <Space wrap>
      {r.abilities.includes('file') && (
        <Button type="primary" icon={<FormOutlined />} onClick={onFile} data-testid="file-report">
          {t('execution.fileReport')}
        </Button>
      )}
      {r.abilities.includes('rate') && (
        <Button type={r.status === 'filed' ? 'primary' : 'default'} icon={<AuditOutlined />} onClick={onRate}>
          {r.status === 'rated' ? t('execution.rerate') : t('execution.rate')}
        </Button>
      )}
      {r.abilities.includes('supervise') && (r.status !== 'pending' || r.overdue) && (
        <Button icon={<AlertOutlined />} onClick={onSupervise}>
          {t('execution.supervise')}
        </Button>
      )}
    </Space>
  );
  if (r.status === 'pending') {
    return (
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type={r.overdue ? 'danger' : 'secondary'}>
          {r.overdue
            ? t('execution.pendingOverdue', { date: r.dueDate })
            : r.abilities.includes('file')
              ? t('execution.pendingOpen', { date: r.dueDate })
              : t('execution.pendingNotYet', { from: r.opensOn, date: r.dueDate })}
        </Typography.Text>
        {actions}
      </Space>
    );
  }
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions column={1} size="small" layout={isMobile ? 'vertical' : 'horizontal'} labelStyle={{ width: 120 }}>
        <Descriptions.Item label={t('execution.reportProgress')}>
          <Text>{r.progress}</Text>
        </Descriptions.Item>
        {r.indicatorValues.length > 0 && (
          <Descriptions.Item label={t('execution.reportIndicators')}>
            <Space size={[12, 4]} wrap>
              {r.indicatorValues.map((v) => (
                <span key={v.indicatorId}>
                  {v.name}：<Typography.Text strong>{v.value}</Typography.Text>
                  {v.unit}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('execution.reportCrux')}>
          <Text>{r.crux}</Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('execution.reportNextPlan')}>
          <Text>{r.nextPlan}</Text>
        </Descriptions.Item>
        {r.attachments.length > 0 && (
          <Descriptions.Item label={t('execution.attachments')}>
            <AttachmentList items={r.attachments} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('execution.filedBy')}>
          {r.filedByName} · {formatDateTime(r.filedAt)}
          {r.filedLate && (
            <Typography.Text type="warning">{` （${t('execution.dueWas', { date: r.dueDate })}）`}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      {r.rating && (
        <div className="ty-ex-rating">
          <Space size={8} wrap>
            <Typography.Text strong>{t('execution.rating')}</Typography.Text>
            <RatingTag rating={r.rating} />
            <Typography.Text type="secondary">
              {r.ratedByName} · {formatDateTime(r.ratedAt)}
            </Typography.Text>
          </Space>
          {r.ratingComment && <Text>{r.ratingComment}</Text>}
        </div>
      )}
      {!r.rating && r.status === 'filed' && (
        <Typography.Text type="secondary">
          {label(REPORT_STATUSES, 'filed')}，{t('execution.awaitingRating')}
        </Typography.Text>
      )}
      {actions}
    </Space>
  );
}

function Notices({ project, onIssue }: { project: ProjectView; onIssue: () => void }) {
  const t = useT();
  const label = useLabel();
  const q = useSupervision(project.id);
  const [acting, setActing] = useState<{ notice: SupervisionView; action: 'answer' | 'close' } | null>(null);
  return (
    <Card
      size="small"
      variant="borderless"
      className="ty-ex-card"
      title={t('execution.supervision')}
      extra={
        project.abilities.includes('supervise') && (
          <Button size="small" icon={<AlertOutlined />} onClick={onIssue}>
            {t('execution.issueSupervision')}
          </Button>
        )
      }
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List
          loading={q.isPending}
          dataSource={q.data ?? []}
          locale={{
            emptyText: <Empty description={t('execution.noSupervision')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
          }}
          renderItem={(n) => (
            <List.Item key={n.id} data-testid="notice">
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  <Tag color={NOTICE_COLOR[n.status]} style={{ marginInlineEnd: 0 }}>
                    {label(SUPERVISION_STATUSES, n.status)}
                  </Tag>
                  {n.overdue && (
                    <Tag color="error" style={{ marginInlineEnd: 0 }}>
                      {t('execution.answerOverdue')}
                    </Tag>
                  )}
                  <Typography.Text type="secondary">
                    {t('execution.issuedBy', { name: n.issuedByName, at: formatDateTime(n.issuedAt) })}
                  </Typography.Text>
                </Space>
                <Text>{n.content}</Text>
                <Typography.Text type={n.overdue ? 'danger' : 'secondary'}>
                  {t('execution.answerByDate', { date: n.answerBy })}
                </Typography.Text>
                {n.answer && (
                  <div className="ty-ex-answer">
                    <Typography.Text type="secondary">
                      {t('execution.answeredBy', { name: n.answeredByName ?? '', at: formatDateTime(n.answeredAt) })}
                    </Typography.Text>
                    <Text>{n.answer}</Text>
                  </div>
                )}
                {n.closeComment && (
                  <Typography.Text type="secondary">
                    {t('execution.closeComment')}：{n.closeComment}
                  </Typography.Text>
                )}
                {(n.abilities.includes('answer') || n.abilities.includes('close')) && (
                  <Space wrap>
                    {n.abilities.includes('answer') && (
                      <Button type="primary" size="small" onClick={() => setActing({ notice: n, action: 'answer' })}>
                        {t('execution.answer')}
                      </Button>
                    )}
                    {n.abilities.includes('close') && (
                      <Button size="small" onClick={() => setActing({ notice: n, action: 'close' })}>
                        {t('execution.close')}
                      </Button>
                    )}
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <NoticeActionModal
        project={project}
        notice={acting?.notice ?? null}
        action={acting?.action ?? 'answer'}
        onClose={() => setActing(null)}
      />
    </Card>
  );
}

/** Quarterly reports (due date, overdue, status, rating) with filing and rating, and the supervision notices. */
export default function ProjectReportsTab({ project }: { project: ProjectView }) {
  const t = useT();
  const [locale] = useLocale();
  const q = useReports(project.id);
  const [filing, setFiling] = useState<QuarterlyReportView | null>(null);
  const [rating, setRating] = useState<QuarterlyReportView | null>(null);
  const [supervising, setSupervising] = useState<{ report: QuarterlyReportView | null } | null>(null);

  let reports: ReactNode;
  if (q.isPending) reports = <Skeleton active />;
  else if (q.error) reports = <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  else if (q.data.length === 0)
    reports = <Empty description={t('execution.noReports')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  else {
    // Open the quarters that need someone: to file, overdue, or to rate.
    const open = q.data
      .filter(
        (r) => r.overdue || r.abilities.includes('file') || (r.status === 'filed' && r.abilities.includes('rate')),
      )
      .map((r) => r.id);
    const latestFiled = [...q.data].reverse().find((r) => r.status !== 'pending');
    reports = (
      <Collapse
        className="ty-ex-reports"
        defaultActiveKey={open.length ? open : latestFiled ? [latestFiled.id] : []}
        items={q.data.map((r) => ({
          key: r.id,
          label: (
            <Space size={8} wrap data-testid={`report-${r.year}-${r.quarter}`}>
              <Typography.Text strong>{quarterLabel(qOf(r), locale)}</Typography.Text>
              <ReportTags r={r} />
            </Space>
          ),
          extra: (
            <Typography.Text type={r.overdue ? 'danger' : 'secondary'} className="ty-ex-due">
              {t('execution.dueShort', { date: r.dueDate })}
            </Typography.Text>
          ),
          children: (
            <ReportBody
              r={r}
              onFile={() => setFiling(r)}
              onRate={() => setRating(r)}
              onSupervise={() => setSupervising({ report: r })}
            />
          ),
        }))}
      />
    );
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="project-reports-tab">
      <Card size="small" variant="borderless" className="ty-ex-card" title={t('execution.reports')}>
        {reports}
      </Card>
      <Notices project={project} onIssue={() => setSupervising({ report: null })} />
      <FileReportDrawer project={project} report={filing} onClose={() => setFiling(null)} />
      <RateModal project={project} report={rating} onClose={() => setRating(null)} />
      <SuperviseModal
        project={project}
        open={!!supervising}
        report={supervising?.report ?? null}
        onClose={() => setSupervising(null)}
      />
    </Space>
  );
}
