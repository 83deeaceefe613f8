import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Col, Form, Input, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { consultationBody, CONSULTATION_CHANNELS, CONSULTATION_TOPICS, type ConsultationView } from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { RegionSearchSelect } from '../../components/RegionSearchSelect';
import { parseForm } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { asDay, DateField, dayOf } from './display';
import { beijingToday } from './EventModal';
import {
  filterParams,
  readConsultationFilters,
  useCentres,
  useConsultations,
  useCreateConsultation,
  useLinkConsultationCase,
  type ConsultationFilters,
} from './hooks';
import { IntakeDrawer } from './IntakeDrawer';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

function ConsultationForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const centres = useCentres();
  const create = useCreateConsultation();
  const first = centres.data?.[0];
  const submit = () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const body = parseForm(
      consultationBody,
      {
        ...v,
        askedOn: dayOf(v.askedOn),
        followUpOn: dayOf(v.followUpOn),
        centreId: v.centreId ?? first?.id,
        regionCode: v.regionCode ?? first?.regionCode,
      },
      form,
      locale,
    );
    if (!body) return;
    create.mutate(body, {
      onSuccess: () => {
        message.success(t('dsp.c.saved'));
        form.resetFields();
        onClose();
      },
      onError: (e) => onError(e, { form }),
    });
  };
  return (
    <Modal
      open={open}
      title={t('dsp.c.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'hotline', topic: 'wage_arrears', askedOn: asDay(beijingToday()) }}
        data-testid="consultation-form"
      >
        <Row gutter={16}>
          {(centres.data?.length ?? 0) > 1 && (
            <Col span={24}>
              <Form.Item name="centreId" label={t('dsp.centre')} required>
                <Select options={(centres.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('dsp.c.channel')} required>
              <Select options={options(CONSULTATION_CHANNELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="topic" label={t('dsp.c.topic')} required>
              <Select options={options(CONSULTATION_TOPICS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="askedOn" label={t('dsp.c.askedOn')} required>
              <DateField />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="personName" label={t('dsp.c.person')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="mobile" label={t('dsp.c.mobile')}>
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="regionCode" label={t('dsp.c.region')} required>
              <RegionSearchSelect placeholder={first?.regionName} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="question" label={t('dsp.c.question')} required>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="answer" label={t('dsp.c.answer')} required>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="followUp" label={t('dsp.c.followUp')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="followUpOn" label={t('dsp.c.followUpOn')}>
              <DateField optional />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 法律咨询 log: channel, topic, question and answer, follow-up, and the case it became. */
export default function ConsultationsPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readConsultationFilters(params), [params]);
  const [creating, setCreating] = useState(false);
  const [converting, setConverting] = useState<ConsultationView | null>(null);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const link = useLinkConsultationCase();
  // The intake's first values from the consultation: the person, the channel as the source, the topic as the type.
  const initial = useMemo(
    () =>
      converting
        ? {
            centreId: converting.centreId,
            source: converting.channel,
            sourceNote: t('dsp.c.fromConsultation', { on: converting.askedOn }),
            workerName: converting.personName ?? undefined,
            type: converting.topic === 'policy' ? 'other' : converting.topic,
            facts: converting.question,
          }
        : undefined,
    [converting, t],
  );
  const list = useConsultations(filters);
  const total = list.data?.pages[0]?.total;
  const set = (patch: ConsultationFilters) => setParams(filterParams({ ...filters, ...patch }), { replace: true });

  const columns: ColumnsType<ConsultationView> = [
    { title: t('dsp.c.askedOn'), dataIndex: 'askedOn', width: 110 },
    {
      title: t('dsp.c.channel'),
      dataIndex: 'channel',
      width: 100,
      render: (v: ConsultationView['channel']) => label(CONSULTATION_CHANNELS, v),
    },
    {
      title: t('dsp.c.topic'),
      dataIndex: 'topic',
      width: 130,
      render: (v: ConsultationView['topic']) => label(CONSULTATION_TOPICS, v),
    },
    {
      title: t('dsp.c.person'),
      dataIndex: 'personName',
      width: 140,
      render: (v: string | null, r) => (
        <span>
          {v ?? '—'} <Typography.Text type="secondary">{r.mobileMasked ?? ''}</Typography.Text>
        </span>
      ),
    },
    { title: t('dsp.c.region'), dataIndex: 'regionName', width: 120 },
    { title: t('dsp.c.question'), dataIndex: 'question', width: 260, ellipsis: true },
    { title: t('dsp.c.answer'), dataIndex: 'answer', width: 260, ellipsis: true },
    {
      title: t('dsp.c.followUp'),
      dataIndex: 'followUp',
      width: 180,
      ellipsis: true,
      render: (v: string | null, r) => (v ? `${r.followUpOn ?? ''} ${v}` : '—'),
    },
    {
      title: t('dsp.c.case'),
      dataIndex: 'caseNo',
      width: 150,
      render: (v: string | null, r) =>
        v ? (
          <Link to={`/disputes?id=${r.caseId}`}>{v}</Link>
        ) : can('dispute.write') ? (
          <a onClick={() => setConverting(r)} data-testid="consultation-to-case">
            {t('dsp.c.toCase')}
          </a>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('dsp.c.title')}
        sub={t('dsp.c.sub')}
        extra={
          <Space wrap>
            <Link to="/disputes">{t('dsp.c.toCases')}</Link>
            {can('dispute.write') && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="consultation-new">
                {t('dsp.c.new')}
              </Button>
            )}
          </Space>
        }
      />
      {(filters.askedFrom || filters.askedTo) && (
        <FilterAlert
          message={t('dsp.filter.period', { from: filters.askedFrom ?? '…', to: filters.askedTo ?? '…' })}
          clearLabel={t('dsp.clearFilters')}
          onClear={() => set({ askedFrom: undefined, askedTo: undefined })}
        />
      )}
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Input.Search
            aria-label={t('dsp.c.search')}
            placeholder={t('dsp.c.search')}
            allowClear
            defaultValue={filters.q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 220 }}
          />
          <Select
            aria-label={t('dsp.c.channel')}
            placeholder={t('dsp.c.channel')}
            allowClear
            value={filters.channel}
            onChange={(channel) => set({ channel })}
            options={options(CONSULTATION_CHANNELS)}
            style={{ width: 140 }}
          />
          <Select
            aria-label={t('dsp.c.topic')}
            placeholder={t('dsp.c.topic')}
            allowClear
            value={filters.topic}
            onChange={(topic) => set({ topic })}
            options={options(CONSULTATION_TOPICS)}
            style={{ width: 160 }}
          />
          <Space>
            <Switch
              aria-label={t('dsp.c.becameCase')}
              checked={filters.becameCase === '1'}
              onChange={(on) => set({ becameCase: on ? '1' : undefined })}
            />
            {t('dsp.c.becameCase')}
          </Space>
          {total !== undefined && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }} data-testid="consultation-total">
              {t('dsp.total', { n: total })}
            </Typography.Text>
          )}
        </div>
        <InfiniteTable<ConsultationView> query={list} columns={columns} scroll={{ x: 1500 }} />
      </div>
      <ConsultationForm open={creating} onClose={() => setCreating(false)} />
      <IntakeDrawer
        open={!!converting}
        initial={initial}
        onClose={() => setConverting(null)}
        onSaved={(c) => {
          const k = converting!;
          // The consultation records the case it became (same centre; the server checks it).
          link.mutate(
            {
              id: k.id,
              body: {
                answer: k.answer,
                followUp: k.followUp,
                followUpOn: k.followUpOn,
                caseId: c.id,
                version: k.version,
              },
            },
            {
              onSuccess: () => {
                message.success(t('dsp.c.linked', { no: c.caseNo }));
                navigate(`/disputes?id=${c.id}`);
              },
              onError: (e) => onError(e),
            },
          );
        }}
        onShowExisting={(name) => navigate(`/disputes?q=${encodeURIComponent(name)}&open=1`)}
      />
    </div>
  );
}
