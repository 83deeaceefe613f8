import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FileExcelOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import {
  ASSESSMENT_GRADE_CODES,
  ASSESSMENT_GRADES,
  ASSESSMENT_STATUSES,
  CONTEST_GRADES,
  type AssessmentGrade,
  type AssessmentSchemeView,
  type AssessmentSheetView,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { FormDrawer } from '../../components/FormDrawer';
import { PageHeader } from '../../components/PageHeader';
import { validated } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { SchemeDrawer } from './SchemeDrawer';
import {
  useAddSheet,
  useEnterValues,
  useFillFromContest,
  usePublishedContests,
  useScheme,
  useSchemeStatus,
  useSheetList,
  type SheetFilters,
} from './hooks';

const GRADE_COLORS: Record<AssessmentGrade, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };

function GradeTag({ grade }: { grade: AssessmentGrade | null }) {
  const t = useT();
  const label = useLabel();
  return grade ? (
    <Tag color={GRADE_COLORS[grade]}>{label(ASSESSMENT_GRADES, grade)}</Tag>
  ) : (
    <Tag>{t('assessments.incomplete')}</Tag>
  );
}

/** Manual items of one sheet; the contest item is shown read-only. A stale version offers a reload. */
function SheetDrawer({
  scheme,
  sheet,
  onClose,
}: {
  scheme: AssessmentSchemeView;
  sheet: AssessmentSheetView | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ values: Record<string, number | null> }>();
  const enter = useEnterValues();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (sheet) form.setFieldsValue({ values: sheet.values });
  }, [sheet, form]);
  const submit = async () => {
    if (!sheet) return;
    const v = await validated(form);
    if (!v) return;
    const values = Object.fromEntries(
      scheme.items.filter((it) => it.source === 'manual').map((it) => [it.code, v.values?.[it.code] ?? null]),
    );
    enter.mutate(
      { id: sheet.id, values, version: sheet.version },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) =>
          // Field errors come as values.<code>, the form's own paths; a stale version offers a reload.
          onError(e, { form, onReload: onClose }),
      },
    );
  };
  return (
    <FormDrawer
      open={!!sheet}
      title={t('assessments.enterTitle', { org: sheet?.partyOrgName ?? '' })}
      onClose={onClose}
      onSave={() => void submit()}
      saving={enter.isPending}
      width={480}
    >
      <Form form={form} layout="vertical">
        {scheme.items.map((it) => (
          <Form.Item
            key={it.code}
            name={['values', it.code]}
            label={`${it.name}（${it.maxPoints}）`}
            extra={it.source === 'contest' ? t('assessments.contestItemLocked') : undefined}
          >
            <InputNumber min={0} max={it.maxPoints} precision={2} disabled={it.source === 'contest'} />
          </Form.Item>
        ))}
      </Form>
    </FormDrawer>
  );
}

function FillModal({ scheme, open, onClose }: { scheme: AssessmentSchemeView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const contests = usePublishedContests(open);
  const fill = useFillFromContest();
  const onError = useApiErrorHandler();
  const [contestId, setContestId] = useState<string>();
  return (
    <Modal
      open={open}
      title={t('assessments.fillTitle')}
      onCancel={onClose}
      okButtonProps={{ disabled: !contestId, loading: fill.isPending }}
      onOk={() =>
        contestId &&
        fill.mutate(
          { id: scheme.id, contestId },
          {
            onSuccess: (r) => {
              message.success(
                t('assessments.fillDone', { created: r.created, updated: r.updated, unchanged: r.unchanged }),
              );
              if (r.skipped.length) message.warning(t('assessments.fillSkipped', { n: r.skipped.length }));
              onClose();
            },
            onError: (e) => onError(e),
          },
        )
      }
    >
      <Select
        style={{ width: '100%' }}
        placeholder={t('assessments.fillContest')}
        aria-label={t('assessments.fillContest')}
        loading={contests.isPending}
        value={contestId}
        onChange={setContestId}
        options={(contests.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.contestDate}）` }))}
      />
    </Modal>
  );
}

function AddSheetModal({
  scheme,
  open,
  onClose,
}: {
  scheme: AssessmentSchemeView;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const add = useAddSheet();
  const onError = useApiErrorHandler();
  const [orgId, setOrgId] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={t('assessments.addSheetTitle')}
      onCancel={onClose}
      okButtonProps={{ disabled: !orgId, loading: add.isPending }}
      onOk={() =>
        orgId && add.mutate({ id: scheme.id, partyOrgId: orgId }, { onSuccess: onClose, onError: (e) => onError(e) })
      }
    >
      <PartyOrgTreeSelect value={orgId} onChange={setOrgId} style={{ width: '100%' }} />
    </Modal>
  );
}

export default function AssessmentSchemePage() {
  const { id = '' } = useParams();
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const scheme = useScheme(id);
  const [filters, setFilters] = useState<SheetFilters>({});
  const sheets = useSheetList(id, filters);
  const status = useSchemeStatus();
  const [editing, setEditing] = useState(false);
  const [filling, setFilling] = useState(false);
  const [adding, setAdding] = useState(false);
  const [entering, setEntering] = useState<AssessmentSheetView | null>(null);
  const rows = sheets.data?.pages.flatMap((p) => p.items) ?? [];
  const s = scheme.data;

  const columns = useMemo<ColumnsType<AssessmentSheetView>>(() => {
    if (!s) return [];
    return [
      { title: t('assessments.partyOrg'), dataIndex: 'partyOrgName', fixed: 'left', width: 220 },
      ...s.items.map((it) => ({
        title: `${it.name}（${it.maxPoints}）`,
        key: it.code,
        width: 110,
        render: (_: unknown, r: AssessmentSheetView) => {
          const v = r.values[it.code];
          if (it.source === 'contest' && r.contestSource) {
            const src = r.contestSource;
            const tip = `${src.contestName}｜${src.projectCode ?? ''} ${src.projectTitle}｜${
              src.grade ? label(CONTEST_GRADES, src.grade) : ''
            } ${src.score ?? ''}`;
            return (
              <Tooltip title={tip}>
                <span>{v ?? '—'}</span>
              </Tooltip>
            );
          }
          return v ?? '—';
        },
      })),
      { title: t('assessments.total'), dataIndex: 'total', width: 90 },
      {
        title: t('assessments.grade'),
        dataIndex: 'grade',
        width: 100,
        render: (_: unknown, r: AssessmentSheetView) => <GradeTag grade={r.grade} />,
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 160,
        render: (_: unknown, r: AssessmentSheetView) => (
          <Space>
            {r.abilities.includes('update') && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEntering(r)}>
                {t('assessments.enter')}
              </Button>
            )}
            <Button size="small" icon={<FileExcelOutlined />} href={`/api/assessment-sheets/${r.id}/export.xlsx`}>
              {t('assessments.exportSheet')}
            </Button>
          </Space>
        ),
      },
    ];
  }, [s, t, label]);

  if (scheme.error && !s) return <ErrorState error={scheme.error} onRetry={() => void scheme.refetch()} />;
  if (!s) return null;
  const can = (a: string) => s.abilities.includes(a);
  const toggle = (next: 'published' | 'draft') =>
    modal.confirm({
      title: next === 'published' ? t('assessments.publish') : t('assessments.unpublish'),
      content: t('assessments.publishHint'),
      onOk: () =>
        status.mutateAsync({ id: s.id, status: next, version: s.version }).then(
          () => message.success(t('common.saved')),
          (e) => onError(e, { onReload: () => void scheme.refetch() }),
        ),
    });

  return (
    <div>
      <PageHeader
        title={s.name}
        sub={`${s.year} · ${s.orgName}`}
        extra={
          <Space wrap>
            {can('update') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {can('fill') && (
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setFilling(true)}>
                {t('assessments.fill')}
              </Button>
            )}
            {can('addSheet') && (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('assessments.addSheet')}
              </Button>
            )}
            {can('publish') && <Button onClick={() => toggle('published')}>{t('assessments.publish')}</Button>}
            {can('unpublish') && <Button onClick={() => toggle('draft')}>{t('assessments.unpublish')}</Button>}
            {can('export') && (
              <Button icon={<FileExcelOutlined />} href={`/api/assessment-schemes/${s.id}/sheets.xlsx`}>
                {t('assessments.exportList')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="ty-panel">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('assessments.status')}>{label(ASSESSMENT_STATUSES, s.status)}</Descriptions.Item>
          <Descriptions.Item label={t('assessments.mapping')}>
            {s.mapping.mode === 'grade'
              ? Object.entries(s.mapping.points)
                  .map(([g, p]) => `${label(CONTEST_GRADES, g as keyof typeof CONTEST_GRADES)} ${p}`)
                  .join(' / ')
              : `${t('assessments.mappingScore')} × ${s.mapping.factor}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessments.thresholds')}>
            {(['excellent', 'good', 'pass'] as const)
              .map((g) => `${label(ASSESSMENT_GRADES, g)} ≥ ${s.thresholds[g]}`)
              .join(' / ')}
          </Descriptions.Item>
        </Descriptions>
        <div className="ty-filters" role="search">
          <Input.Search
            allowClear
            placeholder={t('assessments.search')}
            aria-label={t('assessments.search')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined }))}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('assessments.grade')}
            aria-label={t('assessments.grade')}
            value={filters.grade}
            onChange={(g?: AssessmentGrade) => setFilters((f) => ({ ...f, grade: g }))}
            options={options(ASSESSMENT_GRADES, ASSESSMENT_GRADE_CODES)}
            style={{ width: 140 }}
          />
        </div>
        {sheets.error && !sheets.data ? (
          <ErrorState error={sheets.error} onRetry={() => void sheets.refetch()} />
        ) : (
          <>
            <Table<AssessmentSheetView>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={sheets.isPending || (sheets.isFetching && !sheets.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Empty description={t('assessments.noSheets')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
              }}
            />
            <div className="ty-list-footer">
              <span>{t('common.shown', { n: rows.length })}</span>
              {sheets.hasNextPage && (
                <Button onClick={() => void sheets.fetchNextPage()} loading={sheets.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              )}
            </div>
          </>
        )}
      </div>
      <SchemeDrawer
        open={editing}
        scheme={s}
        onClose={() => setEditing(false)}
        onSaved={() => message.success(t('common.saved'))}
      />
      <FillModal scheme={s} open={filling} onClose={() => setFilling(false)} />
      <AddSheetModal scheme={s} open={adding} onClose={() => setAdding(false)} />
      <SheetDrawer scheme={s} sheet={entering} onClose={() => setEntering(null)} />
    </div>
  );
}
