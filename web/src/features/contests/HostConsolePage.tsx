import { useRef, useState } from 'react';
import { App, Badge, Button, Form, Input, Modal, Select, Space, Spin, Table, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CaretRightOutlined,
  DesktopOutlined,
  RedoOutlined,
  SendOutlined,
  StepForwardOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ContestBoard } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { BackToDraftButton } from './BackToDraft';
import { ContestStatusTag, fmt2, fmtCountdown, PhaseTag } from './display';
import {
  contestKeys,
  useBoardStream,
  useCloseProject,
  useContest,
  useContestAction,
  useCountdown,
  useReopenProject,
  type HostAction,
} from './hooks';
import './contests.css';

export default function HostConsolePage() {
  const t = useT();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const onError = useApiErrorHandler();
  const contest = useContest(id);
  const lastVersion = useRef<number | null>(null);
  const { board, state, clockOffset } = useBoardStream(id, (b: ContestBoard) => {
    if (lastVersion.current !== null && lastVersion.current !== b.version)
      void qc.invalidateQueries({ queryKey: contestKeys.one(id) });
    lastVersion.current = b.version;
  });
  const action = useContestAction(id);
  const close = useCloseProject(id);
  const reopen = useReopenProject(id);
  const [reopening, setReopening] = useState(false);
  const [form] = Form.useForm<{ projectId: string; reason: string }>();
  const cur = board?.current ?? null;
  const left = useCountdown(cur?.phase === 'presenting' ? cur.endsAt : null, clockOffset);

  if (contest.isPending) return <Spin />;
  if (contest.error || !contest.data)
    return <ErrorState error={contest.error} onRetry={() => void contest.refetch()} backTo="/contests" />;
  const c = contest.data;
  const can = (a: string) => c.abilities.includes(a);
  const reload = () => void contest.refetch();
  const run = (a: HostAction) =>
    action.mutate({ action: a, version: c.version }, { onError: (e) => onError(e, { onReload: reload }) });
  const busy = action.isPending || close.isPending || reopen.isPending;
  const presenting = c.projects.find((p) => p.phase === 'presenting');
  const closedProjects = c.projects.filter((p) => p.phase === 'closed');
  const anyWaiting = c.projects.some((p) => p.phase === 'waiting');
  const projects = board?.projects ?? [];

  return (
    <div className="ty-host">
      <PageHeader
        title={
          <Space>
            {t('host.title')} · {c.name} <ContestStatusTag status={c.status} />
          </Space>
        }
        sub={
          <Badge
            status={state === 'live' ? 'success' : state === 'offline' ? 'error' : 'processing'}
            text={state === 'offline' ? t('host.offline') : t('host.live')}
          />
        }
        extra={
          <Space wrap>
            <Link to={`/contests/${id}`}>
              <Button icon={<ArrowLeftOutlined />}>{t('contests.info')}</Button>
            </Link>
            <Button icon={<DesktopOutlined />} href={`/screen/contests/${id}`} target="_blank">
              {t('contests.openScreen')}
            </Button>
          </Space>
        }
      />
      <div className="ty-host-grid">
        <section className="ty-panel ty-host-stage">
          <div className="ty-host-label">{t('host.current')}</div>
          {cur ? (
            <div className="ty-host-current">
              <span className="ty-host-pos">{cur.position}</span>
              <div>
                <div className="ty-host-title" data-testid="host-current">
                  {cur.title}
                </div>
                <div className="ty-host-org">
                  {cur.orgName} <PhaseTag phase={cur.phase} />
                </div>
              </div>
            </div>
          ) : (
            <div className="ty-host-title ty-host-idle">
              {c.status === 'finished'
                ? t('host.finished')
                : c.status === 'published'
                  ? t('host.published')
                  : c.status === 'running'
                    ? t('host.noCurrent')
                    : t('host.notStarted')}
            </div>
          )}
          <div className="ty-host-figures">
            <div>
              <div className="ty-host-label">{t('host.countdown')}</div>
              <div className={`ty-host-big${left !== null && left < 0 ? ' is-over' : ''}`} data-testid="host-countdown">
                {fmtCountdown(left)}
              </div>
              {left !== null && left < 0 && <Typography.Text type="warning">{t('host.overtime')}</Typography.Text>}
            </div>
            <div>
              <div className="ty-host-label">{t('host.submittedJudges')}</div>
              <div className="ty-host-big" data-testid="host-submitted">
                {cur ? `${cur.submitted} / ${cur.eligibleJudges}` : '—'}
              </div>
            </div>
          </div>
          <div className="ty-host-actions">
            {can('start') && (
              <Button
                type="primary"
                size="large"
                icon={<CaretRightOutlined />}
                loading={busy}
                onClick={() => run('start')}
                data-testid="host-start"
              >
                {t('host.start')}
              </Button>
            )}
            {can('toDraft') && (
              <BackToDraftButton
                size="large"
                contest={c}
                onReload={reload}
                onDone={() => navigate(`/contests/${id}`)}
              />
            )}
            {can('close') && presenting && (
              <Button
                size="large"
                danger
                type="primary"
                icon={<StopOutlined />}
                loading={busy}
                onClick={() =>
                  close.mutate(
                    { projectId: presenting.projectId, version: c.version },
                    { onError: (e) => onError(e, { onReload: reload }) },
                  )
                }
                data-testid="host-close"
              >
                {t('host.close')}
              </Button>
            )}
            {can('next') && (
              <Button
                size="large"
                type="primary"
                icon={<StepForwardOutlined />}
                loading={busy}
                disabled={!!presenting}
                onClick={() => run('next')}
                data-testid="host-next"
              >
                {!c.currentProjectId ? t('host.first') : anyWaiting ? t('host.next') : t('host.finish')}
              </Button>
            )}
            {can('reopen') && closedProjects.length > 0 && (
              <Button
                size="large"
                icon={<RedoOutlined />}
                loading={busy}
                disabled={!!presenting}
                onClick={() => {
                  form.setFieldsValue({ projectId: closedProjects[closedProjects.length - 1]!.projectId, reason: '' });
                  setReopening(true);
                }}
                data-testid="host-reopen"
              >
                {t('host.reopen')}
              </Button>
            )}
            {can('publish') && (
              <Button
                size="large"
                type="primary"
                icon={<SendOutlined />}
                loading={busy}
                onClick={() =>
                  modal.confirm({
                    title: t('host.publish'),
                    content: t('host.publishConfirm'),
                    okText: t('host.publish'),
                    cancelText: t('common.cancel'),
                    onOk: () => run('publish'),
                  })
                }
                data-testid="host-publish"
              >
                {t('host.publish')}
              </Button>
            )}
            {can('results') && (c.status === 'finished' || c.status === 'published') && (
              <Link to={`/contests/${id}/results`}>
                <Button size="large">{t('contests.openResults')}</Button>
              </Link>
            )}
          </div>
        </section>
        <section className="ty-panel">
          <div className="ty-host-label">{t('host.order')}</div>
          <Table
            rowKey="projectId"
            size="small"
            className="ty-host-order"
            pagination={false}
            dataSource={projects}
            rowClassName={(p) => (p.projectId === cur?.projectId ? 'ty-host-row-current' : '')}
            columns={[
              { title: t('contests.position'), dataIndex: 'position', width: 56 },
              {
                title: t('contests.project'),
                dataIndex: 'title',
                render: (v: string, p) => (
                  <div>
                    <div>{v}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.orgName}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('contests.phase'), dataIndex: 'phase', width: 110, render: (ph) => <PhaseTag phase={ph} /> },
              {
                title: t('contests.submitted'),
                key: 'sub',
                width: 80,
                render: (_, p) => `${p.submitted}/${p.eligibleJudges}`,
              },
              {
                title: t('results.final'),
                dataIndex: 'score',
                width: 90,
                align: 'right',
                render: (v: number | null) => fmt2(v),
              },
            ]}
          />
        </section>
      </div>
      <Modal
        open={reopening}
        title={t('host.reopen')}
        okText={t('host.reopen')}
        cancelText={t('common.cancel')}
        confirmLoading={reopen.isPending}
        onCancel={() => setReopening(false)}
        destroyOnHidden
        onOk={() =>
          void form
            .validateFields()
            .then((v) =>
              reopen.mutate(
                { projectId: v.projectId, reason: v.reason, version: c.version },
                { onSuccess: () => setReopening(false), onError: (e) => onError(e, { onReload: reload }) },
              ),
            )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="projectId" label={t('host.reopenProject')} rules={[{ required: true }]}>
            <Select
              options={closedProjects.map((p) => ({ value: p.projectId, label: `${p.position ?? ''}. ${p.title}` }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('contests.reason')}
            rules={[{ required: true, whitespace: true, message: t('contests.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="host-reopen-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
