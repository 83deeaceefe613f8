import { Button, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { DASHBOARD_PERIODS, type DashboardPanel, type DashboardView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';
import { change, pct } from './format';
import { dashboardQueryString, readParams, useDashboard } from './hooks';
import './dashboards.css';

const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0');

function PanelTable({ p, d }: { p: DashboardPanel; d: DashboardView }) {
  const t = useT();
  const counties = d.areas;
  return (
    <section>
      <h2>{p.title}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('dash.print.figure')}</th>
            <th className="num">{p.periodic ? t('dash.print.value') : t('dash.previous.none')}</th>
            {p.periodic && <th className="num">{t('dash.print.previousCol')}</th>}
            {p.periodic && <th className="num">{t('dash.print.change')}</th>}
            {counties.map((c) => (
              <th key={c.regionCode} className="num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.figures.map((f) => (
            <tr key={f.key}>
              <td>
                {f.label}（{f.unit}）
              </td>
              <td className="num">{n(f.value)}</td>
              {p.periodic && <td className="num">{n(f.previous)}</td>}
              {p.periodic && <td className="num">{signed(change(f))}</td>}
              {counties.map((c) => (
                <td key={c.regionCode} className="num">
                  {n(f.byArea.find((a) => a.regionCode === c.regionCode)?.value ?? null)}
                </td>
              ))}
            </tr>
          ))}
          {p.rates.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td className="num">{pct(r.value)}</td>
              {p.periodic && <td className="num">{pct(r.previous)}</td>}
              {p.periodic && <td className="num" />}
              {counties.map((c) => (
                <td key={c.regionCode} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!p.periodic && <p className="ty-dash-print-note">{t('dash.print.stock')}</p>}
    </section>
  );
}

/** The dashboard as an A4 report: every panel's figures (and each county's) in tables, for print to PDF. */
export default function DashboardPrintPage() {
  const t = useT();
  const label = useLabel();
  const [sp] = useSearchParams();
  const params = readParams(sp);
  const q = useDashboard(params);
  const d = q.data;
  return (
    <div className="ty-dash-print-shell">
      <div className="ty-dash-print-toolbar">
        <Link to={`/dashboards${dashboardQueryString(params)}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('dash.print.back')}</Button>
        </Link>
        <span className="ty-dash-muted">{t('dash.print.hint')}</span>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!d}>
          {t('dash.print')}
        </Button>
      </div>
      {q.isError ? (
        <ErrorState error={q.error} />
      ) : !d ? (
        <Spin />
      ) : (
        <article className="ty-dash-print" data-testid="dashboard-print">
          <h1>{t('dash.print.title', { area: d.area.name })}</h1>
          <p className="ty-dash-print-meta">
            {t('dash.print.period', {
              kind: label(DASHBOARD_PERIODS, d.period.kind),
              from: d.period.from,
              to: d.period.to,
              pfrom: d.period.previousFrom,
              pto: d.period.previousTo,
            })}
            <br />
            {d.area.orgName} · {t('dash.generatedAt', { time: formatDateTime(d.generatedAt) })}
          </p>
          {d.panels.map((p) => (
            <PanelTable key={p.key} p={p} d={d} />
          ))}
        </article>
      )}
    </div>
  );
}
