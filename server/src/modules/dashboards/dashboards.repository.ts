import { sql } from 'kysely';
import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';

/** An area of a dashboard: a 社工部 (or a root organisation) and its region. */
export interface AreaRow {
  orgId: string;
  orgName: string;
  parentId: string | null;
  type: string;
  regionCode: string;
  regionName: string;
  depth: number;
}

/**
 * Reads of the dashboards: the areas (Party organisations and their regions) and the project
 * themes present in a region. Every count itself is the owning module's own list count.
 */
export class DashboardsRepository {
  constructor(private readonly db: Executor) {}

  private areas() {
    return this.db
      .selectFrom('partyOrgs as o')
      .innerJoin('regions as r', 'r.code', 'o.regionCode')
      .select([
        'o.id as orgId',
        'o.name as orgName',
        'o.parentId',
        'o.type',
        'o.regionCode',
        'r.name as regionName',
        (eb) =>
          eb
            .selectFrom('orgClosure as d')
            .whereRef('d.descendantId', '=', 'o.id')
            .select((e) => e.fn.max('d.depth').as('m'))
            .as('depth'),
      ])
      .where('o.deletedAt', 'is', null);
  }

  private norm(r: Omit<AreaRow, 'depth'> & { depth: unknown }): AreaRow {
    return { ...r, depth: toInt(r.depth) };
  }

  /** The given organisations (the caller's staff bindings), highest first. */
  async byIds(ids: string[]): Promise<AreaRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.areas().where('o.id', 'in', ids).execute();
    return rows.map((r) => this.norm(r)).sort((a, b) => a.depth - b.depth || a.regionCode.localeCompare(b.regionCode));
  }

  /** Root organisations (the administrator's areas). */
  async roots(): Promise<AreaRow[]> {
    const rows = await this.areas().where('o.parentId', 'is', null).orderBy('o.regionCode').execute();
    return rows.map((r) => this.norm(r));
  }

  /** The children of an organisation of a type (a city 社工部's county 社工部), by region code. */
  async children(parentId: string, type: string): Promise<AreaRow[]> {
    const rows = await this.areas()
      .where('o.parentId', '=', parentId)
      .where('o.type', '=', type)
      .orderBy('o.regionCode')
      .execute();
    return rows.map((r) => this.norm(r));
  }

  /**
   * The project themes in use in a region's subtree, most used first (a campaign's themes are free
   * text). Only labels: each theme's count is the project list's own count.
   */
  async themes(regionCode: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('projects as p')
      .select(['p.theme', (eb) => eb.fn.countAll().as('n')])
      .where(
        'p.regionCode',
        'in',
        this.db.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', regionCode),
      )
      .groupBy('p.theme')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('p.theme')
      .limit(12)
      .execute();
    return rows.map((r) => r.theme);
  }
}
