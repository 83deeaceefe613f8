import { useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Select, Space, Spin, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FileExcelOutlined, ImportOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import {
  ASSESSMENT_GRADE_CODES,
  ASSESSMENT_GRADES,
  ASSESSMENT_STATUSES,
  type AssessmentGrade,
  type AssessmentSheetView,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { fmtPoints, GRADE_COLORS, GradeTag, useSchemeRules, useSourceText } from './display';
import { useScheme, useSchemeStatus, useSheetList, type SheetFilters } from './hooks';
import { SchemeDrawer } from './SchemeDrawer';
import { SheetCard } from './SheetCard';
import { SheetDrawer } from './SheetDrawer';
import { AddSheetModal, FillModal } from './SheetModals';
import './assessments.css';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

/** Counts of each grade (and of incomplete sheets) among the sheets shown. */
function GradeSummary({ rows }: { rows: readonly AssessmentSheetView[] }) {
  const t = useT();
  const label = useLabel();
  const count = (g: AssessmentGrade | null) => rows.filter((r) => r.grade === g).length;
  return (
    <div className="ty-as-summary" data-testid="grade-summary">
      <span>{t('assessments.distribution')}</span>
      {ASSESSMENT_GRADE_CODES.map((g) => (
        <Tag key={g} color={GRADE_COLORS[g]} bordered={false}>
          {label(ASSESSMENT_GRADES, g)} {count(g)}
        </Tag>
      ))}
      {count(null) > 0 && <Tag bordered={false}>{`${t('assessments.incomplete')} ${count(null)}`}</Tag>}
    </div>
  );
}

/**
 * One scheme: its rules, and the sheets the user reaches — for staff every organisation of the area
 * (a table ranked by total, on phones cards), for a secretary their own organisation's sheet as a card.
 */
export default function AssessmentSchemePage() {
  const { id = '' } = useParams();
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const rules = useSchemeRules();
  const sourceText = useSourceText();
  const isMobile = useIsMobile();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const scheme = useScheme(id);
  // A dashboard figure links here with its grade and area (`?grade=…&orgId=…`).
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<SheetFilters>(() => {
    const g = params.get('grade');
    return {
      grade: ASSESSMENT_GRADE_CODES.find((c) => c === g),
      orgId: params.get('orgId') ?? undefined,
    };
  });
  const sheets = useSheetList(id, filters);
  const status = useSchemeStatus();
  const [editing, setEditing] = useState(false);
  const [filling, setFilling] = useState(false);
  const [adding, setAdding] = useState(false);
  const [entering, setEntering] = useState<AssessmentSheetView | null>(null);
  const rows = useMemo(() => sheets.data?.pages.flatMap((p) => p.items) ?? [], [sheets.data]);
  const s = scheme.data;
  /** Staff (and the administrator) manage the scheme; a secretary only reads their own sheet. */
  const manager = !!s?.abilities.includes('export');

  const columns = useMemo<ColumnsType<AssessmentSheetView>>(() => {
    if (!s) return [];
    return [
      {
        title: t('assessments.partyOrg'),
        dataIndex: 'partyOrgName',
        fixed: 'left',
        width: 240,
        sorter: (a, b) => a.partyOrgName.localeCompare(b.partyOrgName, 'zh-CN'),
      },
      ...s.items.map((it) => ({
        title:
          it.source === 'contest' ? (
            <Tooltip title={t('assessments.fromContest')}>
              <span>
                {`${it.name}（${it.maxPoints}）`}
                <TrophyOutlined className="ty-as-contest-icon" aria-label={t('assessments.fromContest')} />
              </span>
            </Tooltip>
          ) : (
            `${it.name}（${it.maxPoints}）`
          ),
        key: it.code,
        width: 104,
        align: 'right' as const,
        className: 'ty-as-num',
        render: (_: unknown, r: AssessmentSheetView) => {
          const v = fmtPoints(r.values[it.code]);
          return it.source === 'contest' ? (
            <Tooltip title={sourceText(r.contestSource)}>
              <span>{v}</span>
            </Tooltip>
          ) : (
            v
          );
        },
      })),
      {
        title: t('assessments.total'),
        dataIndex: 'total',
        width: 96,
        align: 'right',
        defaultSortOrder: 'descend',
        sorter: (a, b) => a.total - b.total,
        render: (_: unknown, r) =>
          r.complete ? (
            <span className="ty-as-total-cell">{fmtPoints(r.total)}</span>
          ) : (
            <Tooltip title={t('assessments.incompleteHint')}>
              <span className="ty-as-total-cell ty-as-muted">{fmtPoints(r.total)}</span>
            </Tooltip>
          ),
      },
      {
        title: t('assessments.grade'),
        dataIndex: 'grade',
        width: 88,
        render: (_: unknown, r) => <GradeTag grade={r.grade} />,
      },
      {
        title: t('common.actions'),
        key: 'actions',
        fixed: 'right',
        width: 190,
        render: (_: unknown, r) => (
          <Space>
            {r.abilities.includes('update') && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEntering(r)} data-testid="sheet-enter">
                {t('assessments.enter')}
              </Button>
            )}
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              href={`/api/assessment-sheets/${r.id}/export.xlsx`}
              aria-label={t('assessments.exportSheetOf', { org: r.partyOrgName })}
              data-testid="sheet-export"
            >
              {t('assessments.exportSheet')}
            </Button>
          </Space>
        ),
      },
    ];
  }, [s, t, sourceText]);

  if (scheme.error && !s) return <ErrorState error={scheme.error} onRetry={() => void scheme.refetch()} />;
  if (!s) return <Spin className="ty-page-spin" />;
  const can = (a: string) => s.abilities.includes(a);
  const toggle = (next: 'published' | 'draft') =>
    modal.confirm({
      title: next === 'published' ? t('assessments.publish') : t('assessments.unpublish'),
      content: next === 'published' ? t('assessments.publishHint') : t('assessments.unpublishHint'),
      onOk: () =>
        status.mutateAsync({ id: s.id, status: next, version: s.version }).then(
          () => message.success(t('common.saved')),
          (e) => onError(e, { onReload: () => void scheme.refetch() }),
        ),
    });
  const asCards = !manager || isMobile;
  const rulesBlock = (
    <Descriptions size="small" column={1} layout={isMobile ? 'vertical' : 'horizontal'} style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('assessments.status')}>
        <Tag color={s.status === 'published' ? 'green' : 'default'}>{label(ASSESSMENT_STATUSES, s.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('assessments.mapping')}>{rules.mapping(s)}</Descriptions.Item>
      <Descriptions.Item label={t('assessments.thresholds')}>{rules.thresholds(s)}</Descriptions.Item>
    </Descriptions>
  );

  return (
    <div>
      <PageHeader
        title={s.name}
        sub={`${s.year} · ${s.orgName}`}
        extra={
          manager && (
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
              {can('publish') && (
                <Button data-testid="scheme-publish" onClick={() => toggle('published')}>
                  {t('assessments.publish')}
                </Button>
              )}
              {can('unpublish') && (
                <Button data-testid="scheme-unpublish" onClick={() => toggle('draft')}>
                  {t('assessments.unpublish')}
                </Button>
              )}
              {can('export') && (
                <Button
                  icon={<FileExcelOutlined />}
                  href={`/api/assessment-schemes/${s.id}/sheets.xlsx`}
                  data-testid="export-list"
                >
                  {t('assessments.exportList')}
                </Button>
              )}
            </Space>
          )
        }
      />
      <div className="ty-panel">
        {manager && (
          <Alert
            type={s.status === 'published' ? 'success' : 'info'}
            showIcon
            message={s.status === 'published' ? t('assessments.publishedNote') : t('assessments.draftNote')}
            style={{ marginBottom: 16 }}
          />
        )}
        {manager && rulesBlock}
        {manager && filters.orgId && (
          <FilterAlert
            testId="assessments-area-filter"
            message={t('assessments.areaFilter')}
            clearLabel={t('assessments.clearAreaFilter')}
            onClear={() => setFilters((f) => ({ ...f, orgId: undefined }))}
          />
        )}
        {manager && (
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
            <Select
              allowClear
              placeholder={t('assessments.completeFilter')}
              aria-label={t('assessments.completeFilter')}
              value={filters.complete}
              onChange={(c?: '1' | '0') => setFilters((f) => ({ ...f, complete: c }))}
              options={[
                { value: '1', label: t('assessments.completeYes') },
                { value: '0', label: t('assessments.completeNo') },
              ]}
              style={{ width: 140 }}
            />
          </div>
        )}
        {/* No rows (so no summary) when the first page failed. */}
        {manager && rows.length > 0 && !sheets.hasNextPage && <GradeSummary rows={rows} />}
        <InfiniteTable<AssessmentSheetView>
          query={sheets}
          columns={columns}
          showSorterTooltip={false}
          empty={manager ? t('assessments.noSheets') : t('assessments.noSheetsOwn')}
          footer={manager ? {} : false}
          renderList={
            asCards
              ? (cards, { empty, loading }) => (
                  <>
                    <Spin spinning={loading}>
                      {cards.length === 0 && !loading ? (
                        empty
                      ) : (
                        <div className="ty-as-cards">
                          {[...cards]
                            .sort((a, b) => b.total - a.total)
                            .map((r) => (
                              <SheetCard key={r.id} scheme={s} sheet={r} onEnter={() => setEntering(r)} />
                            ))}
                        </div>
                      )}
                    </Spin>
                    {!manager && <div style={{ marginTop: 16 }}>{rulesBlock}</div>}
                  </>
                )
              : undefined
          }
        />
      </div>
      {manager && (
        <>
          <SchemeDrawer
            open={editing}
            scheme={s}
            onClose={() => setEditing(false)}
            onSaved={() => message.success(t('common.saved'))}
          />
          <FillModal scheme={s} open={filling} onClose={() => setFilling(false)} />
          <AddSheetModal
            scheme={s}
            open={adding}
            taken={rows.map((r) => r.partyOrgId)}
            onClose={() => setAdding(false)}
          />
          <SheetDrawer scheme={s} sheet={entering} onClose={() => setEntering(null)} />
        </>
      )}
    </div>
  );
}
