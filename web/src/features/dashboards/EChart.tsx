import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { EChartsCoreOption, ECharts } from 'echarts/core';

export type EChartsOption = EChartsCoreOption;

type Setup = typeof import('./echarts-setup');
let setup: Promise<Setup> | null = null;
/** ECharts and the outlines, loaded once, on the first chart drawn. */
const loadECharts = (): Promise<Setup> => (setup ??= import('./echarts-setup'));

/** A click on a data item: the series' data object (with whatever the option put on it) and its name. */
export interface ChartClick {
  name: string;
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
}

/**
 * One ECharts instance in a div: created once ECharts has loaded, given each changed option merged
 * into the live one (components kept; the series list replaced, so a refresh neither rebuilds nor
 * accumulates; an option equal to the last one is not set again), resized with its box, disposed on
 * unmount. Options hold data only (formatters as template strings), so their JSON says whether they changed. `mapCity`: the city (4-digit code) whose bundled outlines the option's map series draws.
 */
export function EChart({
  option,
  style,
  onClick,
  testId,
  mapCity,
}: {
  option: EChartsOption;
  style?: CSSProperties;
  onClick?: (e: ChartClick) => void;
  testId?: string;
  mapCity?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const lib = useRef<Setup | null>(null);
  const [ready, setReady] = useState(false);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void loadECharts().then((m) => {
      if (disposed || !box.current) return;
      lib.current = m;
      const c = m.echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart.current = c;
      c.on('click', (e) => click.current?.(e as unknown as ChartClick));
      ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => c.resize());
      ro?.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  // The option last given to the chart, as JSON: a refresh that brings the same figures (the 大屏
  // refetches every minute) sets nothing, so ECharts neither re-renders nor animates nor allocates.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || !chart.current) return;
    if (mapCity && !lib.current?.ensureCityMap(mapCity)) return;
    const json = JSON.stringify(option);
    if (json === applied.current) return;
    applied.current = json;
    chart.current.setOption(option, { replaceMerge: ['series'] });
  }, [ready, option, mapCity]);

  return (
    <div
      ref={box}
      style={{ width: '100%', height: 260, ...style }}
      data-testid={testId}
      data-ready={ready ? '1' : undefined}
    />
  );
}
