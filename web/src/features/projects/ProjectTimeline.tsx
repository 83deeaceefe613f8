import { Empty, Spin, Timeline } from 'antd';
import { PROJECT_EVENTS, type TimelineEntry } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useLabel, useT, type MessageKey } from '../../i18n';
import { ProjectStatusTag } from './display';
import { useProjectTimeline } from './hooks';

const COLORS: Partial<Record<TimelineEntry['event'], string>> = {
  create: 'gray',
  save: 'gray',
  submit: 'blue',
  resubmit: 'blue',
  withdraw: 'gray',
  schedule: 'blue',
  unschedule: 'gray',
  approve: 'green',
  return: 'orange',
  reject: 'red',
  complete: 'green',
  terminate: 'red',
};

/** What the reason of each event is called on the timeline. */
const REASON_LABELS: Partial<Record<TimelineEntry['event'], MessageKey>> = {
  return: 'projects.timeline.reason.return',
  reject: 'projects.timeline.reason.reject',
  terminate: 'projects.timeline.reason.terminate',
  complete: 'projects.timeline.reason.complete',
  withdraw: 'projects.timeline.reason.withdraw',
};

/** Every transition of the project — who, when, from which state to which, and why. */
export function ProjectTimeline({ projectId }: { projectId: string }) {
  const t = useT();
  const label = useLabel();
  const timeline = useProjectTimeline(projectId);

  if (timeline.isPending) return <Spin className="ty-page-spin" />;
  if (timeline.error) return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;

  const eventLabel = (e: TimelineEntry['event']) =>
    e === 'create'
      ? t('projects.timeline.create')
      : e === 'save'
        ? t('projects.timeline.save')
        : label(PROJECT_EVENTS, e);

  return (
    <div data-testid="project-timeline" style={{ paddingTop: 8, maxWidth: 760 }}>
      <Timeline
        items={timeline.data.map((e) => ({
          key: e.id,
          color: COLORS[e.event] ?? 'blue',
          children: (
            <div data-testid="timeline-entry">
              <div>
                <span className="ty-timeline-event">{eventLabel(e.event)}</span>
                <span
                  style={{ marginLeft: 10, display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}
                >
                  {e.from && e.from !== e.to && (
                    <>
                      <ProjectStatusTag status={e.from} />
                      <span aria-hidden>→</span>
                    </>
                  )}
                  <ProjectStatusTag status={e.to} />
                </span>
              </div>
              <div className="ty-timeline-meta">
                {e.actorName} · <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </div>
              {e.reason && (
                <div className="ty-timeline-reason">
                  {t('projects.labelled', {
                    label: t(REASON_LABELS[e.event] ?? 'projects.timeline.reason.other'),
                    value: e.reason,
                  })}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
