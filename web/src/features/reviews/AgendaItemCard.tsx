import { App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag, Typography, type TabsProps } from 'antd';
import { CheckCircleFilled, DeleteOutlined, FileTextOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PROJECT_STATUSES, TARGET_GROUPS, type AgendaItemView, type MeetingView } from '@touyan/schemas';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useT } from '../../i18n';
import { DecisionTag, fmtScore, JudgementsTable, useNoteLabel } from './display';
import { useRemoveItem } from './hooks';
import { DecisionForm, JudgementForm } from './ItemForms';

function Declaration({ item }: { item: AgendaItemView }) {
  const t = useT();
  const label = useLabel();
  const d = item.declaration;
  const para = (text: string) => (
    <Typography.Paragraph className="ty-rv-pre" ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ margin: 0 }}>
      {text || '—'}
    </Typography.Paragraph>
  );
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} className="ty-rv-declaration">
      <Descriptions.Item label={t('reviews.theme')}>
        {d.themeName}
        {d.targetGroup ? ` · ${label(TARGET_GROUPS, d.targetGroup)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.reach')}>
        {d.reachCount !== null ? `${d.reachCount} ${d.reachUnit}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.problem')} span={2}>
        {para(d.problem)}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.reachRationale')} span={2}>
        {para(d.reachRationale)}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.objectives')} span={2}>
        {para(d.objectives)}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.measures')} span={2}>
        {para(d.measures)}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.indicators')} span={2}>
        {d.indicators.length ? (
          <Space size={[4, 4]} wrap>
            {d.indicators.map((i) => (
              <Tag key={i.name} className="ty-rv-indicator-tag">
                {i.name} {i.baseline}→{i.target}
                {i.unit}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.funding')}>
        {d.fundingFen !== null ? t('reviews.fundingValue', { n: (d.fundingFen / 1_000_000).toFixed(1) }) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('reviews.submittedAt')}>{formatDateTime(item.submittedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** One agenda item: the declaration, the user's judgement, everyone's judgements and the decision (as allowed). */
export function AgendaItemCard({
  meeting,
  item,
  userId,
}: {
  meeting: MeetingView;
  item: AgendaItemView;
  userId: string;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const remove = useRemoveItem(meeting.id);
  const noteLabel = useNoteLabel();
  const can = (a: string) => meeting.abilities.includes(a);
  const mine = item.judgements.find((j) => j.reviewerId === userId);
  const isReviewer = meeting.reviewers.some((r) => r.id === userId);

  const tabs: NonNullable<TabsProps['items']> = [
    { key: 'declaration', label: t('reviews.tab.declaration'), children: <Declaration item={item} /> },
  ];
  if (can('judge')) {
    tabs.push({
      key: 'mine',
      label: (
        <span>
          {t('reviews.tab.mine')} {mine && <CheckCircleFilled className="ty-rv-done-icon" />}
        </span>
      ),
      children: <JudgementForm meetingId={meeting.id} item={item} criteria={meeting.criteria} mine={mine} />,
    });
  } else if (isReviewer && !can('seeAll')) {
    tabs.push({
      key: 'mine',
      label: t('reviews.tab.mine'),
      children: (
        <JudgementsTable
          criteria={meeting.criteria}
          judgements={item.judgements}
          averages={item.averages}
          overall={item.overall}
        />
      ),
    });
  }
  if (can('seeAll')) {
    tabs.push({
      key: 'all',
      label: t('reviews.tab.all', { n: item.judgementCount ?? item.judgements.length }),
      children: (
        <JudgementsTable
          criteria={meeting.criteria}
          judgements={item.judgements}
          averages={item.averages}
          overall={item.overall}
        />
      ),
    });
  }
  if (can('decide')) {
    tabs.push({
      key: 'decision',
      label: t('reviews.tab.decision'),
      children: <DecisionForm meetingId={meeting.id} item={item} />,
    });
  }

  const showDecision = item.decision !== null;
  return (
    <Card
      className="ty-rv-agenda-item"
      data-testid={`agenda-item-${item.position}`}
      title={
        <div className="ty-rv-agenda-title">
          <span className="ty-rv-agenda-no">{item.position}</span>
          <Link to={`/projects/${item.projectId}`} className="ty-rv-agenda-link">
            {item.projectTitle}
          </Link>
        </div>
      }
      extra={
        <Space size={6} wrap>
          {meeting.status === 'open' && can('seeAll') && <DecisionTag decision={item.decision} />}
          {meeting.status === 'closed' && showDecision && <DecisionTag decision={item.decision} />}
          {can('removeItems') && (
            <Popconfirm
              title={t('reviews.removeConfirm', { title: item.projectTitle })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutate(item.id, {
                  onSuccess: () => message.success(t('reviews.removed')),
                  onError: (e) => onError(e),
                })
              }
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('reviews.remove')}>
                <span className="ty-rv-hide-xs">{t('reviews.remove')}</span>
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <div className="ty-rv-agenda-meta">
        <span>{item.orgName}</span>
        <span>
          {t('reviews.secretary')}：{item.secretaryName}
        </span>
        <span>{t('reviews.versionNo', { n: item.versionNo })}</span>
        <Tag style={{ marginInlineEnd: 0 }}>{label(PROJECT_STATUSES, item.projectStatus)}</Tag>
        {item.projectCode && <Tag color="green">{item.projectCode}</Tag>}
        {can('seeAll') && (
          <span>
            {t('reviews.judgedCount', { n: item.judgementCount ?? 0, total: meeting.reviewers.length })} ·{' '}
            {t('reviews.overall')} {fmtScore(item.overall)}
          </span>
        )}
        <Link to={`/projects/${item.projectId}`}>
          <FileTextOutlined /> {t('reviews.openProject')}
        </Link>
      </div>
      {meeting.status === 'closed' && item.decisionNote && (
        <Typography.Paragraph className="ty-rv-decision-note">
          <strong>{noteLabel(item.decision)}：</strong>
          {item.decisionNote}
        </Typography.Paragraph>
      )}
      <Tabs
        size="small"
        items={tabs}
        defaultActiveKey={can('judge') && !mine ? 'mine' : can('decide') && !item.decision ? 'decision' : 'declaration'}
      />
    </Card>
  );
}
