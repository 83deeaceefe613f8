import { echarts } from './EChart';
import data from './screen-maps.generated.json';

interface MapFeature {
  id: string;
  properties: { name: string; code: string };
}
interface CityMap {
  type: 'FeatureCollection';
  features: MapFeature[];
}

const MAPS = (data as unknown as { maps: Record<string, CityMap> }).maps;
const registered = new Set<string>();

/**
 * The bundled outlines of the city around a region (web/scripts/gen-screen-maps.mjs): registered
 * with ECharts once, under the city's 4-digit code. A city shows its counties; a county shows its
 * city with itself highlighted. Null when no outline is bundled for the region.
 */
export function cityMapFor(regionCode: string): { name: string; counties: { code: string; name: string }[] } | null {
  const city = regionCode.slice(0, 4);
  const geo = MAPS[city];
  if (!geo) return null;
  if (!registered.has(city)) {
    echarts.registerMap(city, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.add(city);
  }
  return { name: city, counties: geo.features.map((f) => ({ code: f.id, name: f.properties.name })) };
}
