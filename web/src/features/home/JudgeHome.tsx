import { Button, Card, Col, List, Row, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { JudgeHome as JudgeHomeData } from '@touyan/schemas';
import { useT } from '../../i18n';
import { ContestStatusTag } from '../contests/display';
import { MeetingStatusTag } from '../reviews/display';
import { accent } from './parts';

/** A judge at a desk: the contests on whose panel they sit and the review meetings they take part in. */
export function JudgeHome({ data }: { data: JudgeHomeData }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Row gutter={[16, 16]} data-testid="judge-home">
      <Col xs={24} lg={12}>
        <Card
          size="small"
          variant="borderless"
          title={accent(t('home.judge.contests'))}
          extra={<Link to="/judge">{t('home.nav.judge')}</Link>}
          style={{ height: '100%' }}
        >
          <List
            size="small"
            dataSource={data.contests}
            locale={{ emptyText: t('home.judge.noContests') }}
            renderItem={(c) => (
              <List.Item className="ty-home-item" data-testid={`home-contest-${c.id}`}>
                <div className="ty-home-item-main">
                  <Link to={`/contests/${c.id}`}>{c.name}</Link>
                  <Space size={4} wrap className="ty-home-item-sub">
                    <ContestStatusTag status={c.status} />
                    <Typography.Text type="secondary">
                      {c.contestDate} · {c.venue}
                    </Typography.Text>
                  </Space>
                  {(c.status === 'ready' || c.status === 'running') && (
                    <div className="ty-home-item-action">
                      <Button
                        size="small"
                        type={c.status === 'running' ? 'primary' : 'default'}
                        onClick={() => navigate(`/judge/contests/${c.id}`)}
                      >
                        {t('home.judge.score')}
                      </Button>
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          variant="borderless"
          title={accent(t('home.judge.meetings'))}
          style={{ height: '100%' }}
          data-testid="judge-meetings"
        >
          <List
            size="small"
            dataSource={data.meetings}
            locale={{ emptyText: t('home.judge.noMeetings') }}
            renderItem={(m) => (
              <List.Item className="ty-home-item" data-testid={`home-meeting-${m.id}`}>
                <div className="ty-home-item-main">
                  <Link to={`/reviews/${m.id}`}>{m.title}</Link>
                  <Space size={4} wrap className="ty-home-item-sub">
                    <MeetingStatusTag status={m.status} />
                    <Typography.Text type="secondary">
                      {m.meetingDate} · {m.place}
                    </Typography.Text>
                    {m.reviewer && (
                      <Typography.Text type="secondary">
                        {t('home.meeting.judged', { done: m.judgedByMe, n: m.itemCount })}
                      </Typography.Text>
                    )}
                  </Space>
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
