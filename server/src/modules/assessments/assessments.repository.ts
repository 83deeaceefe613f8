import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/closure';
import { likeContains, toBool, toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
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
  ): Promise<{ rows: SchemeRow[]; nextCursor: string | null }> {
    let query = this.schemes(scope);
    if (q.year) query = query.where('s.year', '=', q.year);
    if (q.status) query = query.where('s.status', '=', q.status);
    if (q.cursor) query = query.where('s.id', '<', q.cursor);
    const rows = await query
      .orderBy('s.id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit).map((r) => ({ ...r, sheetCount: toInt(r.sheetCount) }));
    return { rows: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
  }

  async insertScheme(row: SchemeWrite & { id: string; orgId: string; year: number; createdBy: string | null }) {
    const now = nowIso();
    await this.db
      .insertInto('assessmentSchemes')
      .values({ ...row, status: 'draft', createdAt: now, updatedAt: now })
      .execute();
  }

  /** Writes if at this version (and, when given, in this status); bumps the version. False when stale. */
  async changeScheme(
    id: string,
    version: number,
    patch: Partial<SchemeWrite & { status: string }>,
    status?: string,
  ): Promise<boolean> {
    let q = this.db
      .updateTable('assessmentSchemes')
      .set((eb) => ({ ...patch, updatedAt: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version);
    if (status) q = q.where('status', '=', status);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
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
    q: { q?: string; grade?: string; complete?: '1' | '0'; limit: number; cursor?: string },
    onlyOrgIds: string[] | null,
  ): Promise<{ rows: SheetRow[]; nextCursor: string | null } | undefined> {
    let query = this.sheets().where('h.schemeId', '=', schemeId);
    if (onlyOrgIds) {
      if (onlyOrgIds.length === 0) return { rows: [], nextCursor: null };
      query = query.where('h.partyOrgId', 'in', onlyOrgIds);
    }
    if (q.q) query = query.where(likeContains(this.db, 'o.name', q.q));
    if (q.grade) query = query.where('h.grade', '=', q.grade);
    if (q.complete) query = query.where('h.complete', '=', q.complete === '1' ? 1 : 0);
    if (q.cursor) {
      const bar = q.cursor.indexOf('|');
      const total = Number(q.cursor.slice(0, bar));
      const id = q.cursor.slice(bar + 1);
      if (bar < 1 || !Number.isFinite(total) || !id) return undefined;
      query = query.where((eb) =>
        eb.or([eb('h.total', '<', total), eb.and([eb('h.total', '=', total), eb('h.id', '<', id)])]),
      );
    }
    const rows = await query
      .orderBy('h.total', 'desc')
      .orderBy('h.id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit).map((r) => this.norm(r));
    const last = page[page.length - 1];
    return { rows: page, nextCursor: rows.length > q.limit && last ? `${last.total}|${last.id}` : null };
  }

  async insertSheet(row: SheetWrite & { id: string; schemeId: string; partyOrgId: string; updatedBy: string | null }) {
    const now = nowIso();
    const { complete, ...rest } = row;
    await this.db
      .insertInto('assessmentSheets')
      .values({ ...rest, complete: complete ? 1 : 0, createdAt: now, updatedAt: now })
      .execute();
  }

  /** Writes if at this version; bumps the version. False when stale. */
  async changeSheet(id: string, version: number, patch: SheetWrite & { updatedBy: string | null }): Promise<boolean> {
    const { complete, ...rest } = patch;
    const r = await this.db
      .updateTable('assessmentSheets')
      .set((eb) => ({ ...rest, complete: complete ? 1 : 0, updatedAt: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Whether `orgId` is the scheme's organisation or below it (and not deleted). */
  async inArea(schemeOrgId: string, orgId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('orgClosure as oc')
      .innerJoin('partyOrgs as o', 'o.id', 'oc.descendantId')
      .select('oc.descendantId')
      .where('oc.ancestorId', '=', schemeOrgId)
      .where('oc.descendantId', '=', orgId)
      .where('o.deletedAt', 'is', null)
      .executeTakeFirst();
    return !!r;
  }
}
