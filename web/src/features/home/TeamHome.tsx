import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { NEXT_STEPS, type HomeProject, type MemberHome, type SecretaryHome } from '@touyan/schemas';
import type { MessageKey } from '../../i18n';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { ProjectStatusTag } from '../projects/display';
import { accent } from './parts';

const DATE_TEXT: Record<NonNullable<HomeProject['next']>['kind'], MessageKey | null> = {
  submit: 'home.nextDate.submit',
  resubmit: null,
  review: 'home.nextDate.review',
  report: 'home.nextDate.report',
  answer: 'home.nextDate.answer',
};

/** The secretary's button for a step that is theirs to take. */
function StepAction({ p }: { p: HomeProject }) {
  const t = useT();
  const can = usePermissions();
  const navigate = useNavigate();
  const kind = p.next?.kind;
  if (!kind || !can('project.declare')) return null;
  if (kind === 'resubmit' || (kind === 'submit' && !p.next!.overdue))
    return (
      <Button size="small" type="primary" ghost onClick={() => navigate(`/projects/${p.id}/edit`)}>
        {t('home.act.edit')}
      </Button>
    );
  if (kind === 'report' || kind === 'answer')
    return (
      <Button size="small" type="primary" ghost onClick={() => navigate(`/projects/${p.id}?tab=reports`)}>
        {t(kind === 'report' ? 'home.act.report' : 'home.act.answer')}
      </Button>
    );
  return null;
}

function NextStepLine({ p }: { p: HomeProject }) {
  const t = useT();
  const label = useLabel();
  const n = p.next;
  if (!n)
    return (
      <Typography.Text type="secondary" className="ty-home-item-sub">
        {t('home.nextNone')}
      </Typography.Text>
    );
  const dateKey = DATE_TEXT[n.kind];
  const windowClosed = n.kind === 'submit' && n.overdue;
  return (
    <Space size={[6, 2]} wrap className="ty-home-item-sub" data-testid={`next-${p.id}`}>
      <Typography.Text>
        {t('home.next')}
        {label(NEXT_STEPS, n.kind)}
      </Typography.Text>
      {n.date && dateKey && <Typography.Text type="secondary">{t(dateKey, { date: n.date })}</Typography.Text>}
      {n.overdue && (
        <Tag color="error" bordered={false}>
          {windowClosed ? t('home.windowClosed') : t('home.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** A team's projects, the most urgent first, each with its next step. */
export function ProjectsCard({
  title,
  data,
  testId,
}: {
  title: string;
  data: SecretaryHome['projects'] | MemberHome['projects'];
  testId: string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      variant="borderless"
      title={accent(title)}
      extra={data.total > 0 && <Link to="/projects">{t('home.allProjects', { n: data.total })}</Link>}
      data-testid={testId}
    >
      <List
        size="small"
        dataSource={data.items}
        locale={{ emptyText: t('home.noProjects') }}
        renderItem={(p) => (
          <List.Item className="ty-home-item" data-testid={`home-project-${p.id}`}>
            <div className="ty-home-item-main">
              <Space size={6} wrap>
                <Link to={`/projects/${p.id}`} className="ty-home-project-title">
                  {p.title}
                </Link>
                <ProjectStatusTag status={p.status} />
              </Space>
              <Typography.Text type="secondary" className="ty-home-item-sub">
                {[p.code, p.campaignName, p.orgName].filter(Boolean).join(' · ')}
              </Typography.Text>
              <NextStepLine p={p} />
              {p.decisionNote && (
                <Typography.Paragraph
                  type="warning"
                  className="ty-home-item-sub"
                  ellipsis={{ rows: 2 }}
                  style={{ marginBottom: 0 }}
                >
                  {t('home.decisionNote', { note: p.decisionNote })}
                </Typography.Paragraph>
              )}
              {(p.overdueReports > 1 || p.openNotices > 1) && (
                <Space size={4} wrap className="ty-home-item-sub">
                  {p.overdueReports > 1 && (
                    <Tag color="error" bordered={false}>
                      {t('home.overdueReports', { n: p.overdueReports })}
                    </Tag>
                  )}
                  {p.openNotices > 1 && (
                    <Tag color="warning" bordered={false}>
                      {t('home.openNotices', { n: p.openNotices })}
                    </Tag>
                  )}
                </Space>
              )}
              <div className="ty-home-item-action">
                <StepAction p={p} />
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The campaigns open for declaration today, each with a way in. */
export function OpenCampaigns({ campaigns }: { campaigns: SecretaryHome['campaigns'] }) {
  const t = useT();
  const can = usePermissions();
  const navigate = useNavigate();
  if (campaigns.length === 0) return null;
  return (
    <div className="ty-home-stack ty-home-campaigns">
      {campaigns.map((c) => (
        <div key={c.id} className="ty-home-campaign" data-testid={`open-campaign-${c.id}`}>
          <div className="ty-home-campaign-text">
            <Typography.Text strong>
              <FlagOutlined style={{ color: '#c8161d', marginInlineEnd: 8 }} />
              {t('home.campaignOpen', { name: c.name })}
            </Typography.Text>
            <Typography.Text type="secondary" className="ty-home-item-sub">
              {t('home.campaignWindow', { from: c.declareFrom, to: c.declareTo })}
              {' · '}
              {t('home.campaignDeclared', { n: c.declared })}
            </Typography.Text>
          </div>
          {can('project.declare') && (
            <Button
              type="primary"
              onClick={() => navigate(`/projects/new?campaignId=${c.id}`)}
              data-testid="home-declare"
            >
              {t('home.declare')}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
