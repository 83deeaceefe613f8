import { useMemo } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tooltip,
} from 'antd';
import { DesktopOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  DASHBOARD_PERIODS,
  DASHBOARD_PERIOD_CODES,
  type DashboardFigure,
  type DashboardPanel,
  type DashboardPeriodKind,
  type DashboardView,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';
import { EChart, type EChartsOption } from './EChart';
import { change, pct, periodEnd, themeFigures, tileFigures } from './format';
import { dashboardQueryString, readParams, useDashboard, type DashboardParams } from './hooks';
import './dashboards.css';

const COLORS = ['#c8161d', '#e8833a', '#2f6fbf', '#3a9d6a', '#8a5cc2', '#d4a017', '#5b8c99', '#b0505a'];

/** One figure: its value links to the list of the rows it counts; the change on the previous period below. */
export function FigureTile({ f }: { f: DashboardFigure }) {
  const t = useT();
  const d = change(f);
  return (
    <Link to={f.link} className="ty-dash-tile" data-testid={`fig-${f.key}`}>
      <div className="ty-dash-tile-label">{f.label}</div>
      <div className="ty-dash-tile-value">
        <span data-testid={`fig-${f.key}-value`}>{f.value.toLocaleString('zh-CN')}</span>
        <small>{f.unit}</small>
      </div>
      <div className={`ty-dash-tile-change${d === null ? '' : d > 0 ? ' is-up' : d < 0 ? ' is-down' : ''}`}>
        {d === null
          ? t('dash.previous.none')
          : d > 0
            ? t('dash.change.up', { n: d })
            : d < 0
              ? t('dash.change.down', { n: -d })
              : t('dash.change.same')}
      </div>
    </Link>
  );
}

/** The chart of a panel: by county on the city's dashboard, this period against the previous on a county's. */
function panelChart(p: DashboardPanel, d: DashboardView, t: ReturnType<typeof useT>): EChartsOption | null {
  const figures = tileFigures(p).filter((f) => f.byArea.length > 0 || d.areas.length === 0);
  if (p.key === 'coverage') {
    const parts = p.figures.filter((f) =>
      ['coverage.orgCoveredOwn', 'coverage.orgCoveredJoint', 'coverage.workCoveredOnly', 'coverage.uncovered'].includes(
        f.key,
      ),
    );
    return {
      color: COLORS,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '44%'],
          label: { formatter: '{b}\n{c}' },
          data: parts.map((f) => ({ name: f.label, value: f.value, link: f.link })),
        },
      ],
    };
  }
  if (d.areas.length > 0) {
    const shown = figures.slice(0, 5);
    return {
      color: COLORS,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 8, right: 12, top: 16, bottom: 72, containLabel: true },
      xAxis: {
        type: 'category',
        data: d.areas.map((a) => a.name),
        axisLabel: { interval: 0, width: 56, overflow: 'break', lineHeight: 14 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: shown.map((f) => ({
        type: 'bar',
        name: f.label,
        data: d.areas.map((a) => {
          const v = f.byArea.find((x) => x.regionCode === a.regionCode);
          return { value: v?.value ?? 0, regionCode: a.regionCode, link: v?.link };
        }),
      })),
    };
  }
  const shown = figures.slice(0, 8);
  const periodic = p.periodic;
  return {
    color: ['#c8161d', '#c9cdd4'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: periodic ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 12, top: 16, bottom: periodic ? 84 : 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: shown.map((f) => f.label),
      axisLabel: { interval: 0, width: 64, overflow: 'break', lineHeight: 14 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('dash.chart.current'),
        data: shown.map((f) => ({ value: f.value, link: f.link })),
      },
      ...(periodic
        ? [{ type: 'bar', name: t('dash.chart.previous'), data: shown.map((f) => ({ value: f.previous ?? 0 })) }]
        : []),
    ],
  };
}

function themeChart(p: DashboardPanel): EChartsOption | null {
  const themes = themeFigures(p).filter((f) => f.value > 0);
  if (themes.length === 0) return null;
  return {
    color: COLORS,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['36%', '62%'],
        center: ['50%', '42%'],
        label: { formatter: '{c}' },
        data: themes.map((f) => ({ name: f.label, value: f.value, link: f.link })),
      },
    ],
  };
}

function Panel({ p, d, params }: { p: DashboardPanel; d: DashboardView; params: DashboardParams }) {
  const t = useT();
  const navigate = useNavigate();
  const option = useMemo(() => panelChart(p, d, t), [p, d, t]);
  const themes = useMemo(() => themeChart(p), [p]);
  const onClick = (e: { data: unknown }) => {
    const data = e.data as { regionCode?: string; link?: string } | undefined;
    // On the city's dashboard a county's bar opens that county's dashboard; elsewhere the figure's list.
    if (data?.regionCode) navigate(`/dashboards${dashboardQueryString({ ...params, region: data.regionCode })}`);
    else if (data?.link) navigate(data.link);
  };
  return (
    <Card
      className="ty-dash-panel"
      data-testid={`panel-${p.key}`}
      title={<span className="ty-accent-title">{p.title}</span>}
      extra={
        <Tooltip title={t('dash.exportPanel')}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`/api/dashboards/overview/export.xlsx${dashboardQueryString(params, { panel: p.key })}`}
            download
            data-testid={`panel-${p.key}-export`}
            aria-label={t('dash.exportPanel')}
          />
        </Tooltip>
      }
    >
      <div className="ty-dash-tiles">
        {tileFigures(p).map((f) => (
          <FigureTile key={f.key} f={f} />
        ))}
        {p.rates.map((r) => (
          <div key={r.key} className="ty-dash-tile is-rate" data-testid={`rate-${r.key}`}>
            <div className="ty-dash-tile-label">{r.label}</div>
            <div className="ty-dash-tile-value">{pct(r.value)}</div>
            <div className="ty-dash-tile-change">
              {r.previous === null ? t('dash.previous.none') : t('dash.previous', { value: pct(r.previous) })}
            </div>
          </div>
        ))}
      </div>
      {option && <EChart option={option} onClick={onClick} testId={`chart-${p.key}`} />}
      {themes && (
        <>
          <div className="ty-dash-subtitle">{t('dash.themes')}</div>
          <EChart option={themes} onClick={onClick} style={{ height: 240 }} />
        </>
      )}
    </Card>
  );
}

/** 监管驾驶舱: the city's (with its counties) or a county's figures for a period, each opening its list. */
export default function DashboardPage() {
  const t = useT();
  const label = useLabel();
  const [sp, setSp] = useSearchParams();
  const params = readParams(sp);
  const q = useDashboard(params);
  const d = q.data;

  const set = (next: Partial<DashboardParams>) => {
    const merged = { ...params, ...next };
    setSp(new URLSearchParams(dashboardQueryString(merged).slice(1)), { replace: false });
  };
  const anchor = params.to ? dayjs(params.to) : dayjs();
  const onKind = (kind: DashboardPeriodKind) => {
    if (kind === 'custom')
      set({
        period: 'custom',
        from: d?.period.from ?? dayjs().startOf('month').format('YYYY-MM-DD'),
        to: d?.period.to,
      });
    else set({ period: kind, from: undefined, to: params.to });
  };
  const pickerOf: Record<'month' | 'quarter' | 'year', 'month' | 'quarter' | 'year'> = {
    month: 'month',
    quarter: 'quarter',
    year: 'year',
  };

  return (
    <div data-testid="dashboard-page">
      <PageHeader
        title={d ? t('dash.title', { area: d.area.name }) : t('nav.dashboards')}
        sub={t('dash.sub')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/dashboards/overview/export.xlsx${dashboardQueryString(params)}`}
              download
              data-testid="dash-export"
            >
              {t('dash.export')}
            </Button>
            <Link to={`/dashboards/print${dashboardQueryString(params)}`} data-testid="dash-print">
              <Button icon={<PrinterOutlined />}>{t('dash.print')}</Button>
            </Link>
            <a href={`/screen${params.region ? `?region=${params.region}` : ''}`} target="_blank" rel="noreferrer">
              <Button icon={<DesktopOutlined />}>{t('dash.screen')}</Button>
            </a>
          </Space>
        }
      />
      <Card size="small" className="ty-dash-toolbar">
        <Space wrap size="middle">
          {d && (
            <Breadcrumb
              items={[
                ...(d.area.parent
                  ? [
                      {
                        title: (
                          <Link
                            to={`/dashboards${dashboardQueryString({ ...params, region: d.area.parent.regionCode })}`}
                          >
                            {d.area.parent.name}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                { title: d.area.name },
              ]}
            />
          )}
          {d && d.areas.length > 0 && (
            <Select
              style={{ width: 180 }}
              placeholder={t('dash.county.pick')}
              data-testid="dash-county"
              options={d.areas.map((a) => ({ value: a.regionCode, label: a.name }))}
              onChange={(region: string) => set({ region })}
            />
          )}
          <span>{t('dash.period')}</span>
          <Segmented
            value={params.period}
            onChange={(v) => onKind(v as DashboardPeriodKind)}
            options={DASHBOARD_PERIOD_CODES.map((k) => ({ value: k, label: label(DASHBOARD_PERIODS, k) }))}
            data-testid="dash-period"
          />
          {params.period === 'custom' ? (
            <DatePicker.RangePicker
              allowClear={false}
              value={params.from && params.to ? [dayjs(params.from), dayjs(params.to)] : null}
              onChange={(v) => {
                const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
                if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
              }}
            />
          ) : (
            <DatePicker
              allowClear={false}
              picker={pickerOf[params.period]}
              value={anchor}
              onChange={(v) => v && set({ to: periodEnd(params.period as 'month', v.format('YYYY-MM-DD')) })}
              data-testid="dash-anchor"
            />
          )}
          {d && (
            <span className="ty-dash-muted">
              {t('dash.period.range', { from: d.period.from, to: d.period.to })} ·{' '}
              {t('dash.previous', { value: `${d.period.previousFrom} ~ ${d.period.previousTo}` })} ·{' '}
              {t('dash.generatedAt', { time: formatDateTime(d.generatedAt) })}
            </span>
          )}
        </Space>
      </Card>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <>
          {d.panels.length === 0 && <Alert type="info" message={t('dash.loadError')} />}
          <Row gutter={[16, 16]}>
            {d.panels.map((p) => (
              <Col key={p.key} xs={24} xl={12}>
                <Panel p={p} d={d} params={params} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}
