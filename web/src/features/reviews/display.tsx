import { Table, Tag, Tooltip, Typography } from 'antd';
import {
  DECISIONS,
  MEETING_STATUSES,
  type Criterion,
  type Decision,
  type JudgementView,
  type MeetingStatus,
} from '@touyan/schemas';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';

const DECISION_COLORS: Record<Decision, string> = { approve: 'green', return: 'orange', reject: 'red' };

export function DecisionTag({ decision }: { decision: Decision | null }) {
  const t = useT();
  const label = useLabel();
  if (!decision) return <Tag>{t('reviews.undecided')}</Tag>;
  return (
    <Tag color={DECISION_COLORS[decision]} style={{ marginInlineEnd: 0 }}>
      {label(DECISIONS, decision)}
    </Tag>
  );
}

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const label = useLabel();
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} style={{ marginInlineEnd: 0 }}>
      {label(MEETING_STATUSES, status)}
    </Tag>
  );
}

/** The label of a recorded decision's note: required changes, the reason, or a plain note. */
export function useNoteLabel() {
  const t = useT();
  return (d: Decision | null) =>
    d === 'return'
      ? t('reviews.note.return')
      : d === 'reject'
        ? t('reviews.note.reject')
        : t('reviews.noteShown.approve');
}

/** A score with one decimal, or a dash. */
export const fmtScore = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));

const sumOf = (j: JudgementView, criteria: Criterion[]) => criteria.reduce((a, c) => a + (j.scores[c.code] ?? 0), 0);

/** Reviewers × criteria, with their comments and a row of averages. */
export function JudgementsTable({
  criteria,
  judgements,
  averages,
  overall,
}: {
  criteria: Criterion[];
  judgements: JudgementView[];
  averages: Record<string, number>;
  overall: number | null;
}) {
  const t = useT();
  if (judgements.length === 0) return <Typography.Text type="secondary">{t('reviews.noJudgements')}</Typography.Text>;
  return (
    <Table<JudgementView>
      className="ty-rv-judgements"
      size="small"
      rowKey="reviewerId"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={judgements}
      columns={[
        {
          title: t('reviews.reviewer'),
          dataIndex: 'reviewerName',
          fixed: 'left',
          width: 88,
          render: (name: string, j) => (
            <Tooltip title={formatDateTime(j.at)}>
              <span>{name}</span>
            </Tooltip>
          ),
        },
        ...criteria.map((c) => ({
          key: c.code,
          title: (
            <Tooltip title={c.description}>
              <span>{c.name}</span>
            </Tooltip>
          ),
          align: 'center' as const,
          width: 64,
          render: (_: unknown, j: JudgementView) => j.scores[c.code] ?? '—',
        })),
        {
          key: 'total',
          title: t('reviews.total'),
          align: 'center',
          width: 56,
          render: (_, j) => <strong>{sumOf(j, criteria)}</strong>,
        },
        {
          key: 'comment',
          title: t('reviews.comment'),
          dataIndex: 'comment',
          render: (c: string | null) => <div className="ty-rv-judgement-comment">{c ?? '—'}</div>,
        },
      ]}
      summary={() =>
        judgements.length > 1 ? (
          <Table.Summary.Row className="ty-rv-judgements-avg">
            <Table.Summary.Cell index={0}>{t('reviews.average')}</Table.Summary.Cell>
            {criteria.map((c, i) => (
              <Table.Summary.Cell key={c.code} index={i + 1} align="center">
                {fmtScore(averages[c.code])}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={criteria.length + 1} align="center">
              <Tooltip title={`${t('reviews.overall')} ${fmtScore(overall)}`}>
                {fmtScore(judgements.reduce((a, j) => a + sumOf(j, criteria), 0) / judgements.length)}
              </Tooltip>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={criteria.length + 2} />
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
