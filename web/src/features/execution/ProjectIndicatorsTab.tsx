import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ApartmentOutlined, ArrowRightOutlined, DatabaseOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import {
  indicatorActualBody,
  indicatorAreaBody,
  type IndicatorActualBody,
  type IndicatorAreaBody,
  type IndicatorView,
  type ProjectView,
} from '@touyan/schemas';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { api } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { DateInput, FormModal, useServerForm } from '../../components/form-kit';
import { BEIJING } from '../../components/time';
import { useLocale, useT } from '../../i18n';
import { useExecutionWrite, useIndicators } from './hooks';
import './execution.css';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));

function Figure({ label, value, unit, strong }: { label: string; value: number; unit: string; strong?: boolean }) {
  return (
    <div className="ty-ex-figure">
      <Typography.Text type="secondary" className="ty-ex-figure-label">
        {label}
      </Typography.Text>
      <span className={strong ? 'ty-ex-figure-value ty-ex-figure-strong' : 'ty-ex-figure-value'}>
        {fmt(value)}
        <small>{unit}</small>
      </span>
    </div>
  );
}

/** A bound indicator: where its value comes from, the period counted and the rows behind it. */
function BindingNote({ binding }: { binding: NonNullable<IndicatorView['binding']> }) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <div className="ty-ex-binding" data-testid="indicator-binding">
      <Typography.Text type="secondary">
        {t('execution.boundExplain', {
          figure: binding.label[locale],
          from: binding.from,
          to: binding.to,
          area: binding.orgName,
        })}
      </Typography.Text>{' '}
      <Link to={binding.link} data-testid="indicator-rows-link">
        {t('execution.boundRows')}
        <ArrowRightOutlined style={{ marginInlineStart: 4 }} />
      </Link>
    </div>
  );
}

function IndicatorCard({ ind, onRecord, onArea }: { ind: IndicatorView; onRecord?: () => void; onArea?: () => void }) {
  const t = useT();
  const pct = ind.progress === null ? null : Math.round(ind.progress * 100);
  const [showAll, setShowAll] = useState(false);
  const history = [...ind.history].reverse();
  return (
    <Card
      size="small"
      variant="borderless"
      className="ty-ex-card"
      data-testid="indicator"
      title={
        <span>
          {ind.name}
          {ind.binding && (
            <Tag
              color="blue"
              icon={<DatabaseOutlined />}
              style={{ marginInlineStart: 8 }}
              data-testid="indicator-bound"
            >
              {t('execution.boundTag')}
            </Tag>
          )}
        </span>
      }
      extra={
        ind.binding
          ? onArea && (
              <Button
                size="small"
                type="link"
                icon={<ApartmentOutlined />}
                onClick={onArea}
                data-testid="indicator-area"
              >
                {t('execution.areaChange')}
              </Button>
            )
          : onRecord && (
              <Button size="small" type="link" icon={<PlusOutlined />} onClick={onRecord}>
                {t('execution.recordActual')}
              </Button>
            )
      }
    >
      <div className="ty-ex-figures">
        <Figure label={t('execution.baseline')} value={ind.baseline} unit={ind.unit} />
        <ArrowRightOutlined className="ty-ex-arrow" />
        <Figure label={t('execution.actual')} value={ind.actual} unit={ind.unit} strong />
        <ArrowRightOutlined className="ty-ex-arrow" />
        <Figure label={t('execution.target')} value={ind.target} unit={ind.unit} />
      </div>
      {pct === null ? (
        <Typography.Text type="secondary">{t('execution.noProgressMeasure')}</Typography.Text>
      ) : (
        <Progress
          percent={Math.min(100, pct)}
          format={() => `${pct}%`}
          status={pct >= 100 ? 'success' : 'active'}
          aria-label={t('execution.progressOf', { name: ind.name })}
        />
      )}
      {ind.binding ? (
        <BindingNote binding={ind.binding} />
      ) : (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>
            {t('execution.history')}
          </Typography.Text>
          <Table
            size="small"
            rowKey={(r) => `${r.recordedOn}-${r.value}-${r.note ?? ''}-${r.byName}`}
            pagination={false}
            dataSource={showAll ? history : history.slice(0, 5)}
            locale={{ emptyText: t('execution.noActuals') }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('execution.recordedOn'), dataIndex: 'recordedOn', width: 110 },
              {
                title: t('execution.value'),
                dataIndex: 'value',
                align: 'right',
                render: (v: number) => `${fmt(v)} ${ind.unit}`,
              },
              { title: t('execution.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
              { title: t('execution.recordedBy'), dataIndex: 'byName' },
            ]}
          />
          {history.length > 5 && (
            <Button type="link" size="small" onClick={() => setShowAll((s) => !s)} style={{ paddingInline: 0 }}>
              {showAll ? t('execution.showLess') : t('execution.showAll', { n: history.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

interface ActualValues {
  value: number | null;
  recordedOn: Dayjs;
  note: string;
}

function RecordModal({
  project,
  indicator,
  onClose,
}: {
  project: ProjectView;
  indicator: IndicatorView | null;
  onClose: () => void;
}) {
  const t = useT();
  const record = useExecutionWrite(project.id, (b: { id: string; body: IndicatorActualBody }) =>
    api.post('/projects/:id/indicators/:indicatorId/actuals', {
      params: { id: project.id, indicatorId: b.id },
      body: b.body,
    }),
  );
  const today = dayjs().tz(BEIJING);
  const { form, submit, submitting, zodRule } = useServerForm({
    target: indicator,
    schema: indicatorActualBody,
    toBody: (v: ActualValues) => ({ value: v.value, recordedOn: v.recordedOn?.format('YYYY-MM-DD'), note: v.note }),
    send: (body, ind) => record.mutateAsync({ id: ind.id, body }),
    success: t('common.saved'),
    onSuccess: onClose,
  });
  return (
    <FormModal
      open={!!indicator}
      title={t('execution.recordTitle', { name: indicator?.name ?? '' })}
      form={form}
      initialValues={{ value: indicator?.actual ?? null, recordedOn: today, note: '' }}
      onClose={onClose}
      onSubmit={submit}
      submitting={submitting}
    >
      <Form.Item name="value" label={t('execution.value')} required rules={[zodRule(indicatorActualBody.shape.value)]}>
        <InputNumber style={{ width: '100%' }} min={0} suffix={indicator?.unit} />
      </Form.Item>
      <Form.Item name="recordedOn" label={t('execution.recordedOn')} required>
        <DateInput notAfter={today} />
      </Form.Item>
      <Form.Item name="note" label={t('execution.note')} rules={[zodRule(indicatorActualBody.shape.note)]}>
        <Input maxLength={500} placeholder={t('execution.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** Staff set the area a bound indicator counts over: an organisation of their own subtree, or the declaring one. */
function AreaModal({
  project,
  indicator,
  onClose,
}: {
  project: ProjectView;
  indicator: IndicatorView | null;
  onClose: () => void;
}) {
  const t = useT();
  const save = useExecutionWrite(project.id, (b: { id: string; body: IndicatorAreaBody }) =>
    api.put('/projects/:id/indicators/:indicatorId/area', {
      params: { id: project.id, indicatorId: b.id },
      body: b.body,
    }),
  );
  const { form, submit, submitting } = useServerForm({
    target: indicator,
    schema: indicatorAreaBody,
    toBody: (v: { orgId: string | null }, ind) => ({ orgId: v.orgId ?? null, version: ind.version }),
    send: (body, ind) => save.mutateAsync({ id: ind.id, body }),
    success: t('common.saved'),
    onSuccess: onClose,
  });
  return (
    <FormModal
      open={!!indicator}
      title={t('execution.areaTitle', { name: indicator?.name ?? '' })}
      form={form}
      initialValues={{ orgId: indicator?.binding?.areaSet ? indicator.binding.orgId : null }}
      onClose={onClose}
      onSubmit={submit}
      submitting={submitting}
    >
      <Form.Item name="orgId" label={t('execution.areaLabel')}>
        <PartyOrgTreeSelect placeholder={t('execution.areaDeclaring')} />
      </Form.Item>
    </FormModal>
  );
}

/** Each indicator: baseline → actual → target, progress and the recorded history. */
export default function ProjectIndicatorsTab({ project }: { project: ProjectView }) {
  const t = useT();
  const q = useIndicators(project.id);
  const [recording, setRecording] = useState<IndicatorView | null>(null);
  const [area, setArea] = useState<IndicatorView | null>(null);
  const canRecord = project.abilities.includes('progress');
  // Staff over the approved project (the same who supervise it) set a bound indicator's area.
  const canSetArea = project.abilities.includes('supervise');
  if (q.isPending) return <Skeleton active />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0)
    return <Empty description={t('execution.noIndicators')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="project-indicators-tab">
      <Row gutter={[16, 16]}>
        {q.data.map((ind) => (
          <Col key={ind.id} xs={24} xl={12}>
            <IndicatorCard
              ind={ind}
              onRecord={canRecord ? () => setRecording(ind) : undefined}
              onArea={canSetArea ? () => setArea(ind) : undefined}
            />
          </Col>
        ))}
      </Row>
      <RecordModal project={project} indicator={recording} onClose={() => setRecording(null)} />
      <AreaModal project={project} indicator={area} onClose={() => setArea(null)} />
    </div>
  );
}
