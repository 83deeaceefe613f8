import { InputNumber, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import {
  ASSESSMENT_GRADE_CODES,
  ASSESSMENT_GRADES,
  type AssessmentGrade,
  type AssessmentResultView,
} from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useDictOptions, useT } from '../../i18n';
import { fmtPoints, GradeTag } from './display';
import { useResultList, type ResultFilters } from './hooks';
import './assessments.css';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

/** The filters in the address (`?year=2025&grade=excellent&orgId=…`): a dashboard figure links here. */
function readFilters(params: URLSearchParams): ResultFilters {
  const year = Number(params.get('year'));
  const grade = params.get('grade');
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear() - 1,
    grade: ASSESSMENT_GRADE_CODES.find((g) => g === grade),
    orgId: params.get('orgId') ?? undefined,
  };
}

function filterParams(f: ResultFilters): URLSearchParams {
  const p = new URLSearchParams({ year: String(f.year) });
  if (f.grade) p.set('grade', f.grade);
  if (f.orgId) p.set('orgId', f.orgId);
  return p;
}

/**
 * 考核结果: the sheets of one year's published assessment schemes the user manages, across schemes,
 * best total first — the list behind the dashboards' 年度考核等次 figures (same count, same filters).
 */
export default function AssessmentResultsPage() {
  const t = useT();
  const options = useDictOptions();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const set = (patch: Partial<ResultFilters>) => setParams(filterParams({ ...filters, ...patch }), { replace: true });
  const list = useResultList(filters);

  const columns: ColumnsType<AssessmentResultView> = [
    { title: t('assessments.partyOrg'), dataIndex: 'partyOrgName', ellipsis: true },
    {
      title: t('assessments.scheme'),
      dataIndex: 'schemeName',
      ellipsis: true,
      render: (name: string, r) => <Link to={`/assessments/${r.schemeId}`}>{name}</Link>,
    },
    {
      title: t('assessments.total'),
      dataIndex: 'total',
      width: 90,
      align: 'right',
      render: (v: number) => fmtPoints(v),
    },
    {
      title: t('assessments.grade'),
      dataIndex: 'grade',
      width: 100,
      render: (_: unknown, r) => <GradeTag grade={r.grade} />,
    },
  ];

  return (
    <div>
      <PageHeader title={t('assessments.results')} sub={t('assessments.resultsSub', { year: filters.year })} />
      <div className="ty-panel">
        {filters.orgId && (
          <FilterAlert
            testId="assessments-area-filter"
            message={t('assessments.areaFilter')}
            clearLabel={t('assessments.clearAreaFilter')}
            onClear={() => set({ orgId: undefined })}
          />
        )}
        <div className="ty-filters" role="search">
          <InputNumber
            aria-label={t('assessments.year')}
            placeholder={t('assessments.year')}
            min={2000}
            max={2100}
            precision={0}
            value={filters.year}
            onChange={(v) => v && set({ year: v })}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t('assessments.grade')}
            aria-label={t('assessments.grade')}
            value={filters.grade}
            onChange={(g?: AssessmentGrade) => set({ grade: g })}
            options={options(ASSESSMENT_GRADES, ASSESSMENT_GRADE_CODES)}
            style={{ width: 140 }}
          />
        </div>
        <InfiniteTable<AssessmentResultView> query={list} columns={columns} empty={t('assessments.noResults')} />
      </div>
    </div>
  );
}
