import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { DashboardFigure, DashboardView } from '@touyan/schemas';
import { api } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { EChart, type EChartsOption } from './EChart';
import { pct } from './format';
import './screen.css';

const STAGE_W = 1920;
const STAGE_H = 1080;
const DEFAULT_REFRESH_MS = 60_000;
const MIN_REFRESH_MS = 100;

/** Beijing date (YYYY-MM-DD) and time (HH:mm:ss) of an instant. */
function beijing(now: Date): { date: string; time: string } {
  const s = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 19) };
}

/** The first and last day of the months ending with the one containing `date`, oldest first. */
function lastMonths(date: string, n: number): { from: string; to: string; label: string }[] {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const out = [];
  for (let i = n - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(y, m - 1 - i, 1));
    const last = new Date(Date.UTC(y, m - i, 0));
    out.push({
      from: first.toISOString().slice(0, 10),
      to: last.toISOString().slice(0, 10),
      label: `${first.getUTCMonth() + 1}月`,
    });
  }
  return out;
}

const figureOf = (d: DashboardView | undefined, key: string): DashboardFigure | undefined =>
  d?.panels.flatMap((p) => p.figures).find((f) => f.key === key);
const rateOf = (d: DashboardView | undefined, key: string) =>
  d?.panels.flatMap((p) => p.rates).find((r) => r.key === key)?.value ?? null;

/** The stage is drawn at 1920×1080 and scaled to the window, so nothing ever scrolls. */
function useStageScale(): number {
  const fit = () => Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const on = () => setScale(fit());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return scale;
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

function BigFigure({ label, value, unit, testId }: { label: string; value: string; unit?: string; testId?: string }) {
  return (
    <div className="ty-screen-fig" data-testid={testId}>
      <div className="ty-screen-fig-value">
        {value}
        {unit && <small>{unit}</small>}
      </div>
      <div className="ty-screen-fig-label">{label}</div>
    </div>
  );
}

const num = (f: DashboardFigure | undefined) => (f ? f.value.toLocaleString('zh-CN') : '—');

/**
 * 数据大屏 (1920×1080): the city's counties on the bundled map, key figures of the year, today's live
 * counters and six months' trends; refreshed every minute (`?refresh=` in ms for a test run), unattended.
 */
export default function ScreenPage() {
  const t = useT();
  const [locale] = useLocale();
  const [sp] = useSearchParams();
  const region = sp.get('region') ?? undefined;
  const refresh = Math.max(MIN_REFRESH_MS, Number(sp.get('refresh')) || DEFAULT_REFRESH_MS);
  const scale = useStageScale();
  const now = useClock();
  // `?date=` anchors the year, the day and the months shown (a demo over past data); default today.
  const anchor = sp.get('date');
  const today = anchor && /^\d{4}-\d{2}-\d{2}$/.test(anchor) ? anchor : beijing(now).date;
  const months = useMemo(() => lastMonths(today, 6), [today]);

  useEffect(() => {
    document.documentElement.classList.add('ty-screen-root');
    return () => document.documentElement.classList.remove('ty-screen-root');
  }, []);

  const q = useQuery({
    queryKey: ['screen', locale, region ?? '', today],
    queryFn: async ({ signal }) => {
      const get = (query: Record<string, string | undefined>) =>
        api.get('/dashboards/overview', { query: { region, ...query } as never, signal });
      const year = await get({ period: 'year', to: today });
      const day = await get({ period: 'custom', from: today, to: today });
      const trend = [];
      for (const m of months) trend.push(await get({ period: 'custom', from: m.from, to: m.to }));
      return { year, day, trend, at: new Date().toISOString() };
    },
    refetchInterval: refresh,
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
    retry: 1,
  });
  const d = q.data;
  const year = d?.year;
  // The bundled outlines are by city: a county-level locality is drawn on its city's map.
  const mapCity = year?.area.regionCode.slice(0, 4);

  const mapOption = useMemo<EChartsOption | null>(() => {
    if (!year || !mapCity) return null;
    const total = figureOf(year, 'projects.total');
    const rows =
      total && total.byArea.length > 0
        ? total.byArea.map((a) => ({ name: a.name, value: a.value, label: { show: true } }))
        : [{ name: year.area.name, value: total?.value ?? 0, label: { show: true } }];
    const max = Math.max(1, ...rows.map((r) => r.value));
    return {
      tooltip: { trigger: 'item', formatter: '{b}：{c}', textStyle: { fontSize: 22 } },
      visualMap: {
        min: 0,
        max,
        left: 24,
        bottom: 24,
        calculable: false,
        text: [String(max), '0'],
        textStyle: { color: '#cfe3ff', fontSize: 18 },
        inRange: { color: ['#16386b', '#2a6fd6', '#ffb53a', '#ff5a3a'] },
      },
      series: [
        {
          type: 'map',
          map: mapCity,
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          // Only the area's own counties are named (a county-level locality: itself on its city's map).
          label: {
            show: false,
            color: '#fff',
            fontSize: 22,
            fontWeight: 'bold',
            textBorderColor: '#061633',
            textBorderWidth: 3,
          },
          itemStyle: { areaColor: '#0e2a55', borderColor: '#7fb2ff', borderWidth: 1.5 },
          emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#ffb53a' } },
          select: { disabled: true },
          data: rows,
        },
      ],
    };
  }, [year, mapCity]);

  const trendOption = useMemo<EChartsOption | null>(() => {
    if (!d) return null;
    const line = (key: string, name: string, color: string) => ({
      type: 'line',
      name,
      smooth: true,
      symbolSize: 10,
      lineStyle: { width: 4, color },
      itemStyle: { color },
      data: d.trend.map((m) => figureOf(m, key)?.value ?? 0),
    });
    return {
      textStyle: { fontSize: 18 },
      legend: { top: 0, textStyle: { color: '#cfe3ff', fontSize: 20 } },
      tooltip: { trigger: 'axis', textStyle: { fontSize: 20 } },
      grid: { left: 8, right: 20, top: 48, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months.map((m) => m.label),
        axisLabel: { color: '#cfe3ff', fontSize: 20 },
        axisLine: { lineStyle: { color: '#3d5f94' } },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: '#cfe3ff', fontSize: 18 },
        splitLine: { lineStyle: { color: '#1d3a66' } },
      },
      series: [
        line('demands.received', figureOf(year, 'demands.received')?.label ?? '', '#ffb53a'),
        line('demands.resolved', figureOf(year, 'demands.resolved')?.label ?? '', '#4fd18b'),
        line('gigs.intentions', figureOf(year, 'gigs.intentions')?.label ?? '', '#6fb1ff'),
      ],
    };
  }, [d, months, year]);

  const countyOption = useMemo<EChartsOption | null>(() => {
    const f = figureOf(year, 'coverage.total');
    if (!f || f.byArea.length === 0) return null;
    const rows = [...f.byArea].sort((a, b) => a.value - b.value);
    return {
      grid: { left: 150, right: 60, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { color: '#cfe3ff', fontSize: 20 },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barWidth: 18,
          data: rows.map((r) => r.value),
          itemStyle: { color: '#2a8cff', borderRadius: 9 },
          label: { show: true, position: 'right', color: '#fff', fontSize: 20 },
        },
      ],
    };
  }, [year]);

  const yearNo = today.slice(0, 4);
  const clock = beijing(now);
  const day = d?.day;
  return (
    <div className="ty-screen" data-testid="screen">
      <div
        className="ty-screen-stage"
        style={{ transform: `scale(${scale})`, width: STAGE_W, height: STAGE_H }}
        data-testid="screen-stage"
      >
        <header className="ty-screen-head">
          <div className="ty-screen-clock">
            {clock.date} <span>{clock.time}</span>
          </div>
          <h1>{t('screen.title', { area: year?.area.name ?? '' })}</h1>
          <div className="ty-screen-updated" data-testid="screen-updated">
            {q.isError ? t('screen.offline') : d ? t('screen.updated', { time: beijing(new Date(d.at)).time }) : ''}
          </div>
        </header>
        <section className="ty-screen-left">
          <div className="ty-screen-box">
            <h2>
              {t('screen.keyFigures')} · {t('screen.year', { year: yearNo })}
            </h2>
            <div className="ty-screen-grid">
              <BigFigure
                label={figureOf(year, 'projects.total')?.label ?? ''}
                value={num(figureOf(year, 'projects.total'))}
                testId="screen-projects"
              />
              <BigFigure
                label={figureOf(year, 'projects.status.approved')?.label ?? ''}
                value={num(figureOf(year, 'projects.status.approved'))}
              />
              <BigFigure
                label={figureOf(year, 'coverage.total')?.label ?? ''}
                value={num(figureOf(year, 'coverage.total'))}
              />
              <BigFigure label={t('screen.coverageRate')} value={pct(rateOf(year, 'coverage.work_rate'))} />
              <BigFigure
                label={figureOf(year, 'demands.received')?.label ?? ''}
                value={num(figureOf(year, 'demands.received'))}
              />
              <BigFigure label={t('screen.resolutionRate')} value={pct(rateOf(year, 'demands.resolution_rate'))} />
            </div>
          </div>
          <div className="ty-screen-box">
            <h2>{t('screen.services')}</h2>
            <div className="ty-screen-grid">
              {[
                'gigs.fairs_held',
                'gigs.pushes',
                'gigs.hires',
                'stations.count',
                'visits.firms_visited',
                'disputes.mediated',
              ].map((k) => (
                <BigFigure key={k} label={figureOf(year, k)?.label ?? ''} value={num(figureOf(year, k))} />
              ))}
            </div>
          </div>
        </section>
        <section className="ty-screen-center">
          <div className="ty-screen-box ty-screen-map">
            <h2>
              {t('screen.map')} · {t('screen.map.metric')}
            </h2>
            {mapOption && <EChart option={mapOption} mapCity={mapCity} style={{ height: 600 }} testId="screen-map" />}
          </div>
          <div className="ty-screen-box">
            <h2>{t('screen.today')}</h2>
            <div className="ty-screen-live" data-testid="screen-live">
              {['demands.received', 'visits.visits', 'gigs.pushes', 'gigs.intentions', 'disputes.consultations'].map(
                (k) => (
                  <div key={k} className="ty-screen-counter">
                    <div className="ty-screen-counter-value">{num(figureOf(day, k))}</div>
                    <div className="ty-screen-counter-label">{figureOf(day, k)?.label ?? ''}</div>
                  </div>
                ),
              )}
            </div>
          </div>
        </section>
        <section className="ty-screen-right">
          <div className="ty-screen-box">
            <h2>{t('screen.trend')}</h2>
            {trendOption && <EChart option={trendOption} style={{ height: 400 }} testId="screen-trend" />}
          </div>
          <div className="ty-screen-box">
            <h2>
              {figureOf(year, 'coverage.total')?.label ?? ''} · {t('dash.byCounty')}
            </h2>
            {countyOption ? (
              <EChart option={countyOption} style={{ height: 360 }} />
            ) : (
              <div className="ty-screen-grid">
                <BigFigure
                  label={figureOf(year, 'demands.resolved')?.label ?? ''}
                  value={num(figureOf(year, 'demands.resolved'))}
                />
                <BigFigure
                  label={figureOf(year, 'disputes.received')?.label ?? ''}
                  value={num(figureOf(year, 'disputes.received'))}
                />
              </div>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
