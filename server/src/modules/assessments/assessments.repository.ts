import { sql, type Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toBool, toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import { keysetPage, numericKey, orgInScope, pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import type { AssessmentSchemesTable, AssessmentSheetsTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';

/**
 * Which schemes a user reaches: those of 社工部 nodes in their staff subtree (`managed`), and, for a
 * secretary, published schemes covering an organisation they are bound to (`ownOrgIds`).
 */
export interface AssessmentScope {
  managed: SubtreeScope;
  ownOrgIds: string[];
}

export type SchemeRow = Selectable<AssessmentSchemesTable> & { orgName: string; sheetCount: number };
export type SheetRow = Omit<Selectable<AssessmentSheetsTable>, 'complete'> & {
  complete: boolean;
  partyOrgName: string;
  updatedByName: string | null;
};

export type ResultRow = Pick<
  Selectable<AssessmentSheetsTable>,
  'id' | 'schemeId' | 'partyOrgId' | 'total' | 'grade'
> & { schemeName: string; year: number; partyOrgName: string; complete: boolean };

export type SchemeWrite = Pick<AssessmentSchemesTable, 'name' | 'items' | 'mapping' | 'thresholds'>;
export type SheetWrite = Pick<AssessmentSheetsTable, 'itemValues' | 'contestSource' | 'total' | 'grade'> & {
  complete: boolean;
};

function schemeScope(scope: AssessmentScope) {
  const parts = [underScope('s.orgId', scope.managed)];
  if (scope.ownOrgIds.length) {
    parts.push(
      sql<boolean>`(${sql.ref('s.status')} = 'published' and exists (select 1 from org_closure oc where oc.ancestor_id = ${sql.ref('s.orgId')} and oc.descendant_id in (${sql.join(scope.ownOrgIds)})))`,
    );
  }
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The sheets of a scheme (`s`) the user may see: all when they manage it, else their own organisations'. */
function visibleSheets(scope: AssessmentScope) {
  const managed = underScope('s.orgId', scope.managed);
  if (!scope.ownOrgIds.length) return managed;
  return sql<boolean>`(${managed} or ${sql.ref('h.partyOrgId')} in (${sql.join(scope.ownOrgIds)}))`;
}

/** The sheet's organisation (`h`) is `orgId` or below it. */
function underOrg(orgId: string) {
  return sql<boolean>`exists (select 1 from org_closure oc where oc.ancestor_id = ${orgId} and oc.descendant_id = ${sql.ref('h.partyOrgId')})`;
}

/** Assessment schemes and sheets (年度党建工作考核). */
export class AssessmentsRepository {
  constructor(private readonly db: Executor) {}

  // ——— schemes ———

  private schemes(scope: AssessmentScope) {
    return this.db
      .selectFrom('assessmentSchemes as s')
      .innerJoin('partyOrgs as o', 'o.id', 's.orgId')
      .selectAll('s')
      .select((eb) => [
        'o.name as orgName',
        eb
          .selectFrom('assessmentSheets as h')
          .whereRef('h.schemeId', '=', 's.id')
          .where(visibleSheets(scope))
          .select(eb.fn.countAll().as('n'))
          .as('sheetCount'),
      ])
      .where(schemeScope(scope));
  }

  async scheme(scope: AssessmentScope, id: string): Promise<SchemeRow | undefined> {
    const r = await this.schemes(scope).where('s.id', '=', id).executeTakeFirst();
    return r && { ...r, sheetCount: toInt(r.sheetCount) };
  }

  async listSchemes(
    scope: AssessmentScope,
    q: { year?: number; status?: string; limit: number; cursor?: string },
  ): Promise<Page<SchemeRow>> {
    let query = this.schemes(scope);
    if (q.year) query = query.where('s.year', '=', q.year);
    if (q.status) query = query.where('s.status', '=', q.status);
    const page = await pageByIdDesc(query, 's.id', q);
    return { items: page.items.map((r) => ({ ...r, sheetCount: toInt(r.sheetCount) })), nextCursor: page.nextCursor };
  }

  async insertScheme(row: SchemeWrite & { id: string; orgId: string; year: number; createdBy: string | null }) {
    const now = nowIso();
    await this.db
      .insertInto('assessmentSchemes')
      .values({ ...row, status: 'draft', createdAt: now, updatedAt: now })
      .execute();
  }

  /** Writes if at this version (and, when given, in this status); bumps the version. 409 when stale. */
  async changeScheme(id: string, version: number, patch: Partial<SchemeWrite & { status: string }>, status?: string) {
    await updateVersioned(this.db, 'assessmentSchemes', { id }, version, patch, {
      guard: (eb) => (status ? eb('status', '=', status) : eb.lit(true)),
    });
  }

  // ——— sheets ———

  private sheets() {
    return this.db
      .selectFrom('assessmentSheets as h')
      .innerJoin('partyOrgs as o', 'o.id', 'h.partyOrgId')
      .leftJoin('users as u', 'u.id', 'h.updatedBy')
      .selectAll('h')
      .select(['o.name as partyOrgName', 'u.displayName as updatedByName']);
  }

  private norm<T extends { complete: number }>(r: T): Omit<T, 'complete'> & { complete: boolean } {
    return { ...r, complete: toBool(r.complete) };
  }

  async sheet(id: string): Promise<SheetRow | undefined> {
    const r = await this.sheets().where('h.id', '=', id).executeTakeFirst();
    return r && this.norm(r);
  }

  async sheetOf(schemeId: string, partyOrgId: string): Promise<SheetRow | undefined> {
    const r = await this.sheets()
      .where('h.schemeId', '=', schemeId)
      .where('h.partyOrgId', '=', partyOrgId)
      .executeTakeFirst();
    return r && this.norm(r);
  }

  /** Every sheet of a scheme, best total first (for recomputing after a rules change, and for the export). */
  async allSheets(schemeId: string): Promise<SheetRow[]> {
    const rows = await this.sheets()
      .where('h.schemeId', '=', schemeId)
      .orderBy('h.total', 'desc')
      .orderBy('o.name')
      .limit(10000)
      .execute();
    return rows.map((r) => this.norm(r));
  }

  /**
   * Sheets of a scheme ranked by total, highest first (keyset on total then id, cursor `total|id`);
   * `onlyOrgIds` narrows to those organisations. Undefined for a cursor that is not one of ours.
   */
  async listSheets(
    schemeId: string,
    q: { q?: string; grade?: string; orgId?: string; complete?: '1' | '0'; limit: number; cursor?: string },
    onlyOrgIds: string[] | null,
  ): Promise<Page<SheetRow> | undefined> {
    let query = this.sheets().where('h.schemeId', '=', schemeId);
    if (onlyOrgIds) {
      if (onlyOrgIds.length === 0) return { items: [], nextCursor: null };
      query = query.where('h.partyOrgId', 'in', onlyOrgIds);
    }
    if (q.q) query = query.where(likeContains(this.db, 'o.name', q.q));
    if (q.grade) query = query.where('h.grade', '=', q.grade);
    if (q.orgId) query = query.where(underOrg(q.orgId));
    if (q.complete) query = query.where('h.complete', '=', q.complete === '1' ? 1 : 0);
    const page = await keysetPage(
      query,
      { id: 'h.id', key: { column: 'h.total', of: (r) => r.total, parse: numericKey } },
      q,
    );
    return page && { items: page.items.map((r) => this.norm(r)), nextCursor: page.nextCursor };
  }

  async insertSheet(row: SheetWrite & { id: string; schemeId: string; partyOrgId: string; updatedBy: string | null }) {
    const now = nowIso();
    const { complete, ...rest } = row;
    await this.db
      .insertInto('assessmentSheets')
      .values({ ...rest, complete: complete ? 1 : 0, createdAt: now, updatedAt: now })
      .execute();
  }

  /** Writes if at this version; bumps the version. 409 when stale. */
  async changeSheet(id: string, version: number, patch: SheetWrite & { updatedBy: string | null }) {
    const { complete, ...rest } = patch;
    await updateVersioned(this.db, 'assessmentSheets', { id }, version, { ...rest, complete: complete ? 1 : 0 });
  }

  // ——— results across schemes (dashboards) ———

  /** Sheets of published schemes of `year` whose scheme is in `managed`, filtered as asked. */
  private results(managed: SubtreeScope, q: { year: number; grade?: string; orgId?: string }) {
    let query = this.db
      .selectFrom('assessmentSheets as h')
      .innerJoin('assessmentSchemes as s', 's.id', 'h.schemeId')
      .innerJoin('partyOrgs as o', 'o.id', 'h.partyOrgId')
      .where('s.status', '=', 'published')
      .where('s.year', '=', q.year)
      .where(underScope('s.orgId', managed));
    if (q.grade) query = query.where('h.grade', '=', q.grade);
    if (q.orgId) query = query.where(underOrg(q.orgId));
    return query;
  }

  /** A page of results, best total first (keyset on total then id). Undefined for a cursor not ours. */
  async listResults(
    managed: SubtreeScope,
    q: { year: number; grade?: string; orgId?: string; limit: number; cursor?: string },
  ): Promise<Page<ResultRow> | undefined> {
    const query = this.results(managed, q).select([
      'h.id',
      'h.schemeId',
      's.name as schemeName',
      's.year',
      'h.partyOrgId',
      'o.name as partyOrgName',
      'h.total',
      'h.complete',
      'h.grade',
    ]);
    const page = await keysetPage(
      query,
      { id: 'h.id', key: { column: 'h.total', of: (r) => r.total, parse: numericKey } },
      q,
    );
    return page && { items: page.items.map((r) => this.norm(r)), nextCursor: page.nextCursor };
  }

  async countResults(managed: SubtreeScope, q: { year: number; grade?: string; orgId?: string }): Promise<number> {
    const r = await this.results(managed, q)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return toInt(r.n);
  }

  /**
   * The latest year up to `maxYear` with a graded sheet under `orgId` in a published scheme the
   * user manages; null when there is none.
   */
  async latestResultYear(managed: SubtreeScope, orgId: string, maxYear: number): Promise<number | null> {
    const r = await this.db
      .selectFrom('assessmentSheets as h')
      .innerJoin('assessmentSchemes as s', 's.id', 'h.schemeId')
      .innerJoin('partyOrgs as o', 'o.id', 'h.partyOrgId')
      .where('s.status', '=', 'published')
      .where('s.year', '<=', maxYear)
      .where('h.grade', 'is not', null)
      .where(underScope('s.orgId', managed))
      .where(underOrg(orgId))
      .select((eb) => eb.fn.max('s.year').as('year'))
      .executeTakeFirst();
    return r?.year === null || r?.year === undefined ? null : toInt(r.year);
  }

  /**
   * Graded result sheets of `year` per grade for each of `orgIds` (the organisation and those below
   * it), in one statement: `result[i][grade]` — each equals `countResults` with that grade and orgId.
   */
  async gradeCounts(managed: SubtreeScope, year: number, orgIds: readonly string[]): Promise<Record<string, number>[]> {
    const out = orgIds.map(() => ({}) as Record<string, number>);
    if (orgIds.length === 0) return out;
    const rows = await this.results(managed, { year })
      .innerJoin('orgClosure as oc', 'oc.descendantId', 'h.partyOrgId')
      .where('h.grade', 'is not', null)
      .where('oc.ancestorId', 'in', [...orgIds])
      .select(['oc.ancestorId as orgId', 'h.grade as grade', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['oc.ancestorId', 'h.grade'])
      .execute();
    for (const r of rows) {
      orgIds.forEach((id, i) => {
        if (id === r.orgId && r.grade) out[i]![r.grade] = toInt(r.n);
      });
    }
    return out;
  }

  /** Whether `orgId` is the scheme's organisation or below it (and not deleted). */
  async inArea(schemeOrgId: string, orgId: string): Promise<boolean> {
    return orgInScope(this.db, { all: false, orgIds: [schemeOrgId] }, orgId);
  }
}
