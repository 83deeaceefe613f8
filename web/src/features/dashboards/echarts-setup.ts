import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import data from './screen-maps.generated.json';

/**
 * ECharts with the parts the dashboards draw, and the bundled county outlines
 * (web/scripts/gen-screen-maps.mjs). Loaded on demand by EChart (its own chunk), so a page's first
 * load carries neither.
 */
echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };

const MAPS = (data as unknown as { maps: Record<string, object> }).maps;
const registered = new Set<string>();

/** Registers the outlines of a city (4-digit code) once; false when none is bundled. */
export function ensureCityMap(city: string): boolean {
  const geo = MAPS[city];
  if (!geo) return false;
  if (!registered.has(city)) {
    echarts.registerMap(city, geo as Parameters<typeof echarts.registerMap>[1]);
    registered.add(city);
  }
  return true;
}
