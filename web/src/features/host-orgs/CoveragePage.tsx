import { Breadcrumb, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import {
  COVERAGE_GROUP_BYS,
  coverageListQuery,
  type CoverageFigure,
  type CoverageGroupBy,
  type CoverageRow,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { useCoverage } from './hooks';

const COUNTS: CoverageFigure[] = [
  'total',
  'orgCoveredOwn',
  'orgCoveredJoint',
  'workCoveredOnly',
  'uncovered',
  'threeHasTotal',
  'threeHasUncovered',
];

/** The host-organisation list behind one number. */
export function listLink(row: CoverageRow, figure: CoverageFigure): string {
  const qs = new URLSearchParams(coverageListQuery(row.filter, figure)).toString();
  return qs ? `/host-orgs?${qs}` : '/host-orgs';
}

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 覆盖率: the two coverages by region (drilling down the region tree), park or industry. */
export default function CoveragePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const groupBy = (COVERAGE_GROUP_BYS as readonly string[]).includes(params.get('groupBy') ?? '')
    ? (params.get('groupBy') as CoverageGroupBy)
    : 'region';
  const regionCode = params.get('regionCode') ?? undefined;
  const { data, isPending, error, refetch } = useCoverage(groupBy, regionCode);

  const go = (next: { groupBy?: CoverageGroupBy; regionCode?: string | null }) => {
    const sp = new URLSearchParams();
    sp.set('groupBy', next.groupBy ?? groupBy);
    const region = next.regionCode === undefined ? regionCode : next.regionCode;
    if (region) sp.set('regionCode', region);
    setParams(sp);
  };

  const columns: ColumnsType<CoverageRow> = [
    {
      key: 'label',
      title: t('coverage.key'),
      render: (_, row) =>
        row.drillable && groupBy === 'region' ? (
          <Typography.Link
            onClick={() => go({ regionCode: row.filter.regionCode ?? null })}
            aria-label={t('coverage.drill', { name: row.label })}
          >
            {row.label}
          </Typography.Link>
        ) : (
          row.label
        ),
    },
    ...COUNTS.map((figure) => ({
      key: figure,
      title: t(`coverage.${figure}` as MessageKey),
      align: 'right' as const,
      render: (_: unknown, row: CoverageRow) => (
        <Link to={listLink(row, figure)} data-testid={`coverage-${row.key || 'total'}-${figure}`}>
          {row[figure]}
        </Link>
      ),
    })),
    { key: 'orgRate', title: t('coverage.orgRate'), align: 'right', render: (_, row) => percent(row.orgRate) },
    {
      key: 'coverageRate',
      title: t('coverage.coverageRate'),
      align: 'right',
      render: (_, row) => percent(row.coverageRate),
    },
  ];

  return (
    <div data-testid="coverage-page">
      <PageHeader title={t('coverage.title')} sub={t('coverage.sub')} />
      <div className="ty-panel">
        <Segmented<CoverageGroupBy>
          value={groupBy}
          onChange={(v) => go({ groupBy: v })}
          options={COVERAGE_GROUP_BYS.map((g) => ({ value: g, label: t(`coverage.groupBy.${g}` as MessageKey) }))}
          style={{ marginBottom: 12 }}
        />
        {regionCode && (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[
              {
                title: (
                  <Typography.Link onClick={() => go({ regionCode: null })}>{t('coverage.allRegions')}</Typography.Link>
                ),
              },
              { title: data?.regionName ?? regionCode },
            ]}
          />
        )}
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<CoverageRow>
            rowKey={(r) => r.key}
            loading={isPending}
            columns={columns}
            dataSource={data?.rows ?? []}
            pagination={false}
            size="small"
            scroll={{ x: 'max-content' }}
            summary={() =>
              data && (
                <Table.Summary.Row>
                  {columns.map((c, i) => (
                    <Table.Summary.Cell key={String(c.key)} index={i} align={i === 0 ? 'left' : 'right'}>
                      {i === 0
                        ? data.total.label
                        : (c as { render: (v: unknown, r: CoverageRow) => React.ReactNode }).render(null, data.total)}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )
            }
          />
        )}
      </div>
    </div>
  );
}
