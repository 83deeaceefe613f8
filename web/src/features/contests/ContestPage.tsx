import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  DesktopOutlined,
  EditOutlined,
  ExperimentOutlined,
  PlusOutlined,
  TrophyOutlined,
  ControlOutlined,
  MobileOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { EXCLUSION_REASONS, type ContestExclusionView, type ContestProjectView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useT } from '../../i18n';
import { BackToDraftButton } from './BackToDraft';
import { ContestFormDrawer } from './ContestFormDrawer';
import { ContestStatusTag, PhaseTag } from './display';
import { useAddConflict, useContest, useContestAction, useDraw, useDraws, useRemoveConflict } from './hooks';
import './contests.css';

type ReasonDialog =
  { kind: 'redraw' } | { kind: 'addConflict' } | { kind: 'removeConflict'; conflict: ContestExclusionView } | null;

export default function ContestPage() {
  const t = useT();
  const label = useLabel();
  const { id = '' } = useParams();
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  const contest = useContest(id);
  const draws = useDraws(id, !!contest.data?.drawSeed);
  const action = useContestAction(id);
  const draw = useDraw(id);
  const addConflict = useAddConflict(id);
  const removeConflict = useRemoveConflict(id);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<ReasonDialog>(null);
  const [form] = Form.useForm<{ reason: string; judgeId?: string; projectId?: string }>();

  if (contest.isPending) return <Spin />;
  if (contest.error || !contest.data)
    return <ErrorState error={contest.error} onRetry={() => void contest.refetch()} backTo="/contests" />;
  const c = contest.data;
  const can = (a: string) => c.abilities.includes(a);
  const reload = () => void contest.refetch();
  const handle = { onError: (e: unknown) => onError(e, { onReload: reload }) };
  const projects = [...c.projects].sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9));
  const auto = c.exclusions.filter((x) => x.reason === 'same_org');
  const declared = c.exclusions.filter((x) => x.reason === 'declared_conflict');
  const title = (pid: string) => c.projects.find((p) => p.projectId === pid)?.title ?? pid;

  const submitDialog = () =>
    void form.validateFields().then((v) => {
      const ok = { onSuccess: () => setDialog(null), ...handle };
      if (dialog?.kind === 'redraw') draw.mutate({ version: c.version, reason: v.reason }, ok);
      else if (dialog?.kind === 'addConflict')
        addConflict.mutate({ judgeId: v.judgeId!, projectId: v.projectId!, reason: v.reason }, ok);
      else if (dialog?.kind === 'removeConflict')
        removeConflict.mutate({ conflictId: dialog.conflict.conflictId!, reason: v.reason }, ok);
    });
  const open = (d: ReasonDialog) => {
    form.resetFields();
    setDialog(d);
  };

  return (
    <div className="ty-ct-page">
      <PageHeader
        title={
          <Space>
            {c.name} <ContestStatusTag status={c.status} />
          </Space>
        }
        sub={`${c.campaignName} · ${c.contestDate} · ${c.venue} · ${t('contests.minutesPerTalk', { n: c.minutesPerTalk })}`}
        extra={
          <Space wrap>
            <Link to="/contests">
              <Button icon={<ArrowLeftOutlined />}>{t('contests.back')}</Button>
            </Link>
            {can('update') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="contest-edit">
                {t('contests.edit')}
              </Button>
            )}
            {can('draw') && (
              <Button
                icon={<ExperimentOutlined />}
                loading={draw.isPending}
                onClick={() =>
                  c.drawSeed ? open({ kind: 'redraw' }) : draw.mutate({ version: c.version, reason: null }, handle)
                }
                data-testid="contest-draw"
              >
                {c.drawSeed ? t('contests.redraw') : t('contests.draw')}
              </Button>
            )}
            {can('ready') && (
              <Button
                icon={<CheckOutlined />}
                disabled={!c.drawSeed}
                loading={action.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('contests.ready'),
                    content: t('contests.readyConfirm'),
                    cancelText: t('common.cancel'),
                    onOk: () =>
                      action
                        .mutateAsync({ action: 'ready', version: c.version })
                        .catch((e: unknown) => onError(e, { onReload: reload })),
                  })
                }
                data-testid="contest-ready"
              >
                {t('contests.ready')}
              </Button>
            )}
            {can('toDraft') && <BackToDraftButton contest={c} onReload={reload} />}
            {c.abilities.includes('start') ||
            c.abilities.includes('next') ||
            c.abilities.includes('publish') ||
            c.status === 'running' ? (
              <Link to={`/contests/${id}/host`}>
                <Button type="primary" icon={<ControlOutlined />} data-testid="contest-host">
                  {t('contests.openHost')}
                </Button>
              </Link>
            ) : null}
            {can('score') && (
              <Link to={`/judge/contests/${id}`}>
                <Button type="primary" icon={<MobileOutlined />}>
                  {t('contests.judgeEntry')}
                </Button>
              </Link>
            )}
            {c.status !== 'draft' && (
              <Button icon={<DesktopOutlined />} href={`/screen/contests/${id}`} target="_blank">
                {t('contests.openScreen')}
              </Button>
            )}
            {can('results') && (
              <Link to={`/contests/${id}/results`}>
                <Button icon={<TrophyOutlined />}>{t('contests.openResults')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <div className="ty-panel">
        <Typography.Title level={5}>{t('contests.participants', { n: c.projects.length })}</Typography.Title>
        <Table<ContestProjectView>
          rowKey="projectId"
          size="small"
          pagination={false}
          dataSource={projects}
          columns={[
            { title: t('contests.position'), dataIndex: 'position', width: 70, render: (v: number | null) => v ?? '—' },
            {
              title: t('contests.project'),
              dataIndex: 'title',
              render: (v: string, p) => <Link to={`/projects/${p.projectId}`}>{v}</Link>,
            },
            { title: t('contests.org'), dataIndex: 'orgName' },
            { title: t('contests.phase'), dataIndex: 'phase', width: 120, render: (ph) => <PhaseTag phase={ph} /> },
            {
              title: t('contests.submitted'),
              key: 's',
              width: 90,
              render: (_, p) => `${p.submitted}/${p.eligibleJudges}`,
            },
          ]}
        />
        <div className="ty-ct-draw">
          {c.drawSeed ? (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('contests.seed')}>
                <Typography.Text code copyable data-testid="draw-seed">
                  {c.drawSeed}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('contests.algorithm')}>
                <Typography.Text code>{c.drawAlgorithm}</Typography.Text> · {formatDateTime(c.drawnAt)}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{t('contests.notDrawn')}</Typography.Text>
          )}
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            message={t('contests.verifyTitle')}
            description={t('contests.verifyText')}
          />
          {(draws.data?.length ?? 0) > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('contests.drawHistory')}
              </Typography.Title>
              <Timeline
                items={draws.data!.map((d) => ({
                  color: d.reproduced ? 'green' : 'red',
                  children: (
                    <div>
                      <Space wrap>
                        <span>
                          {t('contests.drawBy', { name: d.drawnByName ?? '', at: formatDateTime(d.drawnAt) })}
                        </span>
                        <Tag color={d.reproduced ? 'green' : 'red'}>
                          {d.reproduced ? t('contests.drawReproduced') : t('contests.drawNotReproduced')}
                        </Tag>
                        <Typography.Text code>{d.seed}</Typography.Text>
                      </Space>
                      {d.reason && (
                        <div>
                          <Typography.Text type="secondary">
                            {t('contests.labelled', { label: t('contests.reason') })}
                            {d.reason}
                          </Typography.Text>
                        </div>
                      )}
                      <div className="ty-ct-draw-order">
                        {d.order.map((pid, i) => `${i + 1}. ${title(pid)}`).join('　')}
                      </div>
                    </div>
                  ),
                }))}
              />
            </>
          )}
        </div>
      </div>

      <div className="ty-panel">
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('contests.conflicts')}
          </Typography.Title>
          {can('conflicts') && (
            <Button icon={<PlusOutlined />} onClick={() => open({ kind: 'addConflict' })} data-testid="conflict-add">
              {t('contests.addConflict')}
            </Button>
          )}
        </Space>
        <Typography.Paragraph strong style={{ marginTop: 12 }}>
          {t('contests.autoConflicts')}
        </Typography.Paragraph>
        {auto.length === 0 ? (
          <Typography.Text type="secondary">{t('contests.noConflicts')}</Typography.Text>
        ) : (
          <Space wrap>
            {auto.map((x) => (
              <Tag key={`${x.judgeId}-${x.projectId}`}>
                {x.judgeName} · {title(x.projectId)}
              </Tag>
            ))}
          </Space>
        )}
        <Typography.Paragraph strong style={{ marginTop: 12 }}>
          {t('contests.declaredConflicts')}
        </Typography.Paragraph>
        <Table<ContestExclusionView>
          rowKey={(x) => x.conflictId ?? `${x.judgeId}-${x.projectId}`}
          size="small"
          pagination={false}
          dataSource={declared}
          locale={{ emptyText: t('contests.noConflicts') }}
          columns={[
            { title: t('contests.conflictJudge'), dataIndex: 'judgeName' },
            { title: t('contests.conflictProject'), dataIndex: 'projectId', render: (v: string) => title(v) },
            {
              title: t('contests.conflictReason'),
              dataIndex: 'note',
              render: (v: string | null, x) => v ?? label(EXCLUSION_REASONS, x.reason),
            },
            ...(can('conflicts')
              ? [
                  {
                    title: '',
                    key: 'rm',
                    width: 80,
                    render: (_: unknown, x: ContestExclusionView) =>
                      x.conflictId && (
                        <Button size="small" danger onClick={() => open({ kind: 'removeConflict', conflict: x })}>
                          {t('contests.removeConflict')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </div>

      <div className="ty-panel">
        <Typography.Title level={5}>{t('contests.judgesCount', { n: c.judges.length })}</Typography.Title>
        <Space wrap>
          {c.judges.map((j) => (
            <Tag key={j.id}>{j.name}</Tag>
          ))}
        </Space>
      </div>

      <ContestFormDrawer
        open={editing}
        contest={c}
        onClose={() => setEditing(false)}
        onSaved={() => void message.success(t('contests.saved'))}
      />
      <Modal
        open={!!dialog}
        title={
          dialog?.kind === 'redraw'
            ? t('contests.redraw')
            : dialog?.kind === 'addConflict'
              ? t('contests.addConflict')
              : t('contests.removeConflict')
        }
        onCancel={() => setDialog(null)}
        onOk={submitDialog}
        cancelText={t('common.cancel')}
        confirmLoading={draw.isPending || addConflict.isPending || removeConflict.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'addConflict' && (
            <>
              <Form.Item
                name="judgeId"
                label={t('contests.conflictJudge')}
                rules={[{ required: true, message: t('contests.f.required') }]}
              >
                <Select options={c.judges.map((j) => ({ value: j.id, label: j.name }))} />
              </Form.Item>
              <Form.Item
                name="projectId"
                label={t('contests.conflictProject')}
                rules={[{ required: true, message: t('contests.f.required') }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={projects.map((p) => ({ value: p.projectId, label: p.title }))}
                />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'removeConflict' && (
            <Typography.Paragraph>
              {dialog.conflict.judgeName} · {title(dialog.conflict.projectId)}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="reason"
            label={
              dialog?.kind === 'redraw'
                ? t('contests.redrawReason')
                : dialog?.kind === 'removeConflict'
                  ? t('contests.removeReason')
                  : t('contests.conflictReason')
            }
            rules={[{ required: true, whitespace: true, message: t('contests.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
