import { Card, Empty, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ProjectReviewView, ProjectView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useT } from '../../i18n';
import { DecisionTag, fmtScore, JudgementsTable, MeetingStatusTag, useNoteLabel } from './display';
import { useProjectReviews } from './hooks';
import './reviews.css';

function ReviewCard({ r }: { r: ProjectReviewView }) {
  const t = useT();
  const noteLabel = useNoteLabel();
  return (
    <Card
      size="small"
      className="ty-rv-agenda-item"
      title={
        <Space wrap size={8}>
          {r.canOpen ? <Link to={`/reviews/${r.meetingId}`}>{r.meetingTitle}</Link> : <span>{r.meetingTitle}</span>}
          <MeetingStatusTag status={r.status} />
        </Space>
      }
      extra={r.decision && <DecisionTag decision={r.decision} />}
    >
      <div className="ty-rv-agenda-meta">
        <span>
          {r.meetingDate} · {r.place}
        </span>
        <span>{t('reviews.projectTab.version', { n: r.versionNo })}</span>
        {r.closedAt && (
          <span>
            {t('reviews.closedAt')}：{formatDateTime(r.closedAt)}
          </span>
        )}
        {r.judgements.length > 0 && (
          <span>
            {t('reviews.overall')} {fmtScore(r.overall)}
          </span>
        )}
      </div>
      {r.decision === null && (
        <Typography.Paragraph type="secondary">{t('reviews.projectTab.pending')}</Typography.Paragraph>
      )}
      {r.decisionNote && (
        <Typography.Paragraph className="ty-rv-decision-note">
          <strong>{noteLabel(r.decision)}：</strong>
          {r.decisionNote}
        </Typography.Paragraph>
      )}
      {r.judgements.length > 0 && (
        <>
          <Typography.Title level={5} style={{ fontSize: 14, margin: '12px 0 8px' }}>
            {t('reviews.projectTab.judgements')}
          </Typography.Title>
          <JudgementsTable criteria={r.criteria} judgements={r.judgements} averages={r.averages} overall={r.overall} />
        </>
      )}
    </Card>
  );
}

/** The project page's review tab: every meeting that had this project on its agenda, newest first. */
export default function ProjectReviewsTab({ project }: { project: ProjectView }) {
  const t = useT();
  const { data, isPending, error, refetch } = useProjectReviews(project.id);
  if (isPending) return <Spin className="ty-page-spin" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (data.items.length === 0) {
    return <Empty description={t('reviews.projectTab.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="project-reviews">
      {data.items.map((r) => (
        <ReviewCard key={r.itemId} r={r} />
      ))}
    </Space>
  );
}
