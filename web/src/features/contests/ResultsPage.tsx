import { useState } from 'react';
import {
  Alert,
  Button,
  Form,
  InputNumber,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  CONTEST_FLAGS,
  CONTEST_GRADES,
  EXCLUSION_REASONS,
  PROJECT_RATINGS,
  type ContestGrade,
  type ContestResultRow,
  type ContestResultsView,
  type ProjectResult,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { ContestStatusTag, fmt2, GradeTag } from './display';
import { useContest, useJudgeSheets, useOverride, useResults } from './hooks';
import './contests.css';

const pct = (f: number) => `${Math.round(f * 1000) / 10}%`;

function Derivation({
  r,
  d,
  judgeName,
}: {
  r: ContestResultRow;
  d: ProjectResult | undefined;
  judgeName: (id: string) => string;
}) {
  const t = useT();
  const label = useLabel();
  if (!d) return null;
  return (
    <div className="ty-ct-derivation">
      <Table
        rowKey="judgeId"
        size="small"
        pagination={false}
        dataSource={d.rows}
        rowClassName={(j) => (j.dropped ? 'ty-ct-dropped' : '')}
        columns={[
          { title: t('results.judge'), dataIndex: 'judgeId', render: (v: string) => judgeName(v) },
          { title: t('results.judgeTotal'), dataIndex: 'total', align: 'right' },
          ...(d.rows.some((j) => j.z !== null)
            ? [
                {
                  title: t('results.z'),
                  dataIndex: 'z',
                  align: 'right' as const,
                  render: (v: number | null) => (v === null ? '—' : v.toFixed(3)),
                },
                {
                  title: t('results.normalised'),
                  dataIndex: 'normalised',
                  align: 'right' as const,
                  render: (v: number | null) => fmt2(v),
                },
              ]
            : []),
          { title: t('results.value'), dataIndex: 'value', align: 'right', render: (v: number) => fmt2(v) },
          {
            title: t('results.dropped'),
            dataIndex: 'dropped',
            render: (v: 'high' | 'low' | null, j) => (
              <Space size={4} wrap>
                {v && (
                  <Tag color={v === 'high' ? 'red' : 'blue'}>
                    {label(CONTEST_FLAGS, v === 'high' ? 'dropped_high' : 'dropped_low')}
                  </Tag>
                )}
                {j.clamped && <Tag>{label(CONTEST_FLAGS, 'clamped')}</Tag>}
                {j.notNormalised && <Tag>{label(CONTEST_FLAGS, j.notNormalised)}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <div className="ty-ct-derivation-facts">
        <span>
          {t('contests.labelled', { label: t('results.stage') })}
          <strong>{fmt2(d.stageScore)}</strong>
        </span>
        {d.dailyWork ? (
          <span>
            {t('contests.labelled', { label: t('results.daily') })}
            <strong>{fmt2(d.dailyWork.meanPoints)}</strong>{' '}
            {d.dailyWork.ratings.length > 0 &&
              t('contests.paren', {
                text: '',
                note: d.dailyWork.ratings
                  .map((x, i) => `${label(PROJECT_RATINGS, x)} ${d.dailyWork!.points[i]}`)
                  .join(t('contests.listSep')),
              }).trim()}{' '}
            {t('results.dailyWeight', { w: pct(d.dailyWork.weight), a: pct(d.dailyWork.appliedWeight) })}
          </span>
        ) : (
          <span>{t('results.noDaily')}</span>
        )}
        <span>
          {t('contests.labelled', { label: t('results.final') })}
          <strong>{fmt2(d.finalScore)}</strong>
        </span>
      </div>
      {d.flags.length > 0 && (
        <div className="ty-ct-derivation-facts">
          {t('contests.labelled', { label: t('results.flags') })}
          {d.flags.map((f) => (
            <Tag key={f} color="orange">
              {label(CONTEST_FLAGS, f)}
            </Tag>
          ))}
        </div>
      )}
      {d.excluded.length > 0 && (
        <div className="ty-ct-derivation-facts">
          {t('contests.labelled', { label: t('results.excluded') })}
          {d.excluded.map((x) => (
            <Tag key={x.judgeId}>
              {judgeName(x.judgeId)} · {label(EXCLUSION_REASONS, x.reason)}
            </Tag>
          ))}
        </div>
      )}
      {r.override && (
        <Alert
          type="warning"
          showIcon
          message={t('results.overrideBy', {
            name: r.override.byName ?? '',
            at: formatDateTime(r.override.at),
            reason: r.override.reason,
            score: fmt2(r.computedScore),
            grade: label(CONTEST_GRADES, r.computedGrade) || '—',
          })}
        />
      )}
    </div>
  );
}

function OverrideModal({
  contestId,
  row,
  onClose,
}: {
  contestId: string;
  row: ContestResultRow | null;
  onClose: () => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const onError = useApiErrorHandler();
  const override = useOverride(contestId);
  const [form] = Form.useForm<{ score: number | null; grade: ContestGrade | null; reason: string }>();
  return (
    <Modal
      open={!!row}
      title={row ? `${t('results.overrideTitle')} · ${row.title}` : ''}
      onCancel={onClose}
      cancelText={t('common.cancel')}
      confirmLoading={override.isPending}
      destroyOnHidden
      onOk={() =>
        void form
          .validateFields()
          .then((v) =>
            override.mutate(
              { projectId: row!.projectId, body: { score: v.score ?? null, grade: v.grade ?? null, reason: v.reason } },
              { onSuccess: onClose, onError: (e) => onError(e, { form }) },
            ),
          )
      }
    >
      <Typography.Paragraph type="secondary">{t('results.overrideHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ score: row?.override?.score ?? null, grade: row?.override?.grade ?? null, reason: '' }}
      >
        <Form.Item name="score" label={t('results.final')}>
          <InputNumber min={0} max={100} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="grade" label={t('results.grade')}>
          <Select allowClear options={options(CONTEST_GRADES)} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('contests.reason')}
          rules={[{ required: true, whitespace: true, message: t('contests.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SheetsTable({ contestId, res }: { contestId: string; res: ContestResultsView }) {
  const t = useT();
  const sheets = useJudgeSheets(contestId, true);
  return (
    <Table
      rowKey={(s) => `${s.judgeId}-${s.projectId}`}
      size="small"
      loading={sheets.isPending}
      dataSource={sheets.data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('results.judge'),
          dataIndex: 'judgeName',
          sorter: (a, b) => a.judgeName.localeCompare(b.judgeName, 'zh-CN'),
        },
        { title: t('contests.project'), dataIndex: 'projectTitle' },
        ...res.rubric.criteria.map((c) => ({
          title: t('contests.paren', { text: c.name, note: c.maxPoints }),
          key: c.code,
          align: 'right' as const,
          render: (_: unknown, s: { scores: Record<string, number> }) => s.scores[c.code] ?? '—',
        })),
        { title: t('results.judgeTotal'), dataIndex: 'total', align: 'right' },
        { title: t('contests.submitted'), dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}

export default function ResultsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const contest = useContest(id);
  const results = useResults(id);
  const [overriding, setOverriding] = useState<ContestResultRow | null>(null);

  if (results.isPending || contest.isPending) return <Spin />;
  if (results.error || !results.data)
    return <ErrorState error={results.error} onRetry={() => void results.refetch()} backTo={`/contests/${id}`} />;
  const res = results.data;
  const c = contest.data;
  const can = (a: string) => c?.abilities.includes(a) ?? false;
  const judges = new Map(res.judges.map((j) => [j.id, j.name]));
  const judgeName = (jid: string) => judges.get(jid) ?? jid;
  const byProject = new Map(res.derivation.projects.map((p) => [p.projectId, p]));
  const rows = [...res.rows].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (a.position ?? 1e9) - (b.position ?? 1e9),
  );

  return (
    <div className="ty-ct-results">
      <PageHeader
        title={
          <Space>
            {t('results.title')} · {c?.name} <ContestStatusTag status={res.status} />
          </Space>
        }
        sub={c ? `${c.contestDate} · ${c.venue}` : undefined}
        extra={
          <Space wrap className="ty-no-print">
            <Link to={`/contests/${id}`}>
              <Button icon={<ArrowLeftOutlined />}>{t('contests.info')}</Button>
            </Link>
            {can('export') && (
              <Button icon={<FileExcelOutlined />} href={`/api/contests/${id}/results.xlsx`}>
                {t('results.export')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('results.print')}
            </Button>
          </Space>
        }
      />
      {res.status !== 'published' && (
        <Alert
          type="info"
          showIcon
          message={t('results.notPublished')}
          className="ty-no-print"
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="ty-panel">
        <Table<ContestResultRow>
          rowKey="projectId"
          size="middle"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': `result-row-${r.projectId}` }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (r) => <Derivation r={r} d={byProject.get(r.projectId)} judgeName={judgeName} />,
          }}
          columns={[
            {
              title: t('results.rank'),
              dataIndex: 'rank',
              width: 70,
              render: (v: number | null) =>
                v ?? <Typography.Text type="secondary">{t('results.unranked')}</Typography.Text>,
            },
            {
              title: t('contests.project'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <div>
                  <div>{v}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.orgName}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('contests.position'), dataIndex: 'position', width: 70 },
            {
              title: t('results.stage'),
              dataIndex: 'stageScore',
              align: 'right',
              width: 100,
              render: (v: number | null) => fmt2(v),
            },
            {
              title: t('results.final'),
              dataIndex: 'finalScore',
              align: 'right',
              width: 120,
              render: (v: number | null, r) => (
                <Space size={4}>
                  <strong>{fmt2(v)}</strong>
                  {r.override && (
                    <Tooltip title={r.override.reason}>
                      <Tag color="warning">{t('results.overridden')}</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            {
              title: t('results.grade'),
              dataIndex: 'grade',
              width: 90,
              render: (g: ContestGrade | null) => <GradeTag grade={g} />,
            },
            ...(can('override')
              ? [
                  {
                    title: '',
                    key: 'ov',
                    width: 90,
                    className: 'ty-no-print',
                    render: (_: unknown, r: ContestResultRow) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setOverriding(r)}>
                        {t('results.override')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      <div className="ty-panel ty-ct-legend">
        <Typography.Title level={5}>{t('results.legend')}</Typography.Title>
        <ol>
          {res.legend.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ol>
      </div>
      {can('sheets') && (
        <div className="ty-panel ty-ct-sheets">
          <Typography.Title level={5}>{t('results.sheets')}</Typography.Title>
          <SheetsTable contestId={id} res={res} />
        </div>
      )}
      <div className="ty-print-only ty-ct-printed">
        {t('results.printedAt', { at: formatDateTime(new Date().toISOString()) })}
      </div>
      <OverrideModal contestId={id} row={overriding} onClose={() => setOverriding(null)} />
    </div>
  );
}
