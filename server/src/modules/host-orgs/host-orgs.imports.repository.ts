import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/closure';
import { withCoverageSummary } from './host-orgs.repository';
import { changedOne, updateBumping } from '../../db/repo-helpers';
import { underScope } from '../../db/scope-sql';
import type { DB, HostOrgImportsTable, HostOrgsTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';

export type HostOrgImportRow = Selectable<HostOrgImportsTable>;
export type HostOrgImportPatch = Omit<Updateable<HostOrgImportsTable>, 'id' | 'createdBy' | 'createdAt'>;
export type ExistingHostOrg = Selectable<HostOrgsTable>;

/** Who may see an import: its uploader, the administrator, staff over the organisation it was made for. */
export interface ImportVisibility {
  all: boolean;
  userId: string;
  subtree: SubtreeScope;
}

/** Ledger imports (`host_org_imports`) and the bulk reads and writes the import and export need. */
export class HostOrgImportsRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: Insertable<HostOrgImportsTable>) {
    await this.db.insertInto('hostOrgImports').values(row).execute();
  }

  async get(id: string): Promise<HostOrgImportRow | undefined> {
    return this.db.selectFrom('hostOrgImports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async visible(v: ImportVisibility, id: string): Promise<HostOrgImportRow | undefined> {
    let q = this.db.selectFrom('hostOrgImports').selectAll().where('id', '=', id);
    if (!v.all) {
      q = q.where((eb) =>
        eb.or([
          eb('createdBy', '=', v.userId),
          v.subtree.all || v.subtree.orgIds.length ? underScope('scopeOrgId', v.subtree) : eb.lit(false),
        ]),
      );
    }
    return q.executeTakeFirst();
  }

  async patch(id: string, patch: HostOrgImportPatch) {
    await this.db
      .updateTable('hostOrgImports')
      .set({ ...patch, updatedAt: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  /** Moves the import from one of `from` to `to` in one guarded statement; false when it was elsewhere. */
  async transition(id: string, from: string[], patch: HostOrgImportPatch & { status: string }): Promise<boolean> {
    return changedOne(
      this.db
        .updateTable('hostOrgImports')
        .set({ ...patch, updatedAt: nowIso() })
        .where('id', '=', id)
        .where('status', 'in', from),
    );
  }

  /**
   * Imports left uncommitted (validated, or failed) since before `before`, oldest first: those
   * the cleanup expires.
   */
  async abandonedBefore(before: string, limit: number): Promise<HostOrgImportRow[]> {
    return this.db
      .selectFrom('hostOrgImports')
      .selectAll()
      .where('status', 'in', ['validated', 'failed'])
      .where('updatedAt', '<', before)
      .orderBy('updatedAt')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  // ——— lookups for one import run (loaded once, held as maps) ———

  /** Every live Party organisation: enough to build each one's path of names. */
  async partyOrgNodes(): Promise<{ id: string; name: string; parentId: string | null }[]> {
    return this.db.selectFrom('partyOrgs').select(['id', 'name', 'parentId']).where('deletedAt', 'is', null).execute();
  }

  /** The ids of the Party organisations within a subtree scope. */
  async orgIdsUnder(scope: SubtreeScope): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('partyOrgs')
      .select('id')
      .where('deletedAt', 'is', null)
      .where(underScope('partyOrgs.id', scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async regionNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async instructorNames(): Promise<{ id: string; name: string }[]> {
    return this.db.selectFrom('instructors').select(['id', 'name']).execute();
  }

  async specialistLogins(): Promise<{ id: string; username: string }[]> {
    return this.db
      .selectFrom('users as u')
      .innerJoin('roleBindings as b', 'b.userId', 'u.id')
      .where('b.role', '=', 'specialist')
      .select(['u.id', 'u.username'])
      .distinct()
      .execute();
  }

  /** Every account's login name: leader contacts are keyed by it in the sheet. */
  async userLogins(): Promise<{ id: string; username: string }[]> {
    return this.db.selectFrom('users').select(['id', 'username']).execute();
  }

  /** Host organisations by credit code (deleted ones too: their code stays taken). */
  async byCreditCodes(codes: string[]): Promise<ExistingHostOrg[]> {
    if (codes.length === 0) return [];
    return this.db.selectFrom('hostOrgs').selectAll().where('creditCode', 'in', codes).execute();
  }

  async insertHostOrgs(rows: Insertable<DB['hostOrgs']>[]) {
    // Chunked: 17 columns × 50 rows stays well under either driver's parameter limit. Each chunk is
    // added to the coverage summary in the same transaction (issue 15).
    for (let i = 0; i < rows.length; i += 50) {
      const chunk = rows.slice(i, i + 50);
      await withCoverageSummary(this.db, sql`h.id in (${sql.join(chunk.map((r) => r.id))})`, async (db) => {
        await db.insertInto('hostOrgs').values(chunk).execute();
      });
    }
  }

  /** Updates one host organisation (version + 1), only if it has not been deleted meanwhile. */
  async updateHostOrg(id: string, set: Omit<Updateable<HostOrgsTable>, 'id' | 'version' | 'updatedAt'>) {
    return withCoverageSummary(this.db, sql`h.id = ${id}`, (db) =>
      updateBumping(db, 'hostOrgs', { id }, set, { guard: (eb) => eb('deletedAt', 'is', null) }),
    );
  }

  /** Display names of instructors and users, for the assignment history an import writes. */
  async personNames(instructorIds: string[], userIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < instructorIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('instructors')
        .select(['id', 'name'])
        .where('id', 'in', instructorIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.id, r.name);
    }
    for (let i = 0; i < userIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('users')
        .select(['id', 'displayName'])
        .where('id', 'in', userIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.id, r.displayName);
    }
    return out;
  }

  /** Closes the open assignments of one kind on these host organisations (ended_on = the day). */
  async closeAssignments(hostOrgIds: string[], kind: string, endedOn: string) {
    for (let i = 0; i < hostOrgIds.length; i += 500) {
      await this.db
        .updateTable('hostOrgAssignments')
        .set({ endedOn })
        .where('hostOrgId', 'in', hostOrgIds.slice(i, i + 500))
        .where('kind', '=', kind)
        .where('endedOn', 'is', null)
        .execute();
    }
  }

  async insertAssignments(rows: Omit<Insertable<DB['hostOrgAssignments']>, 'createdAt' | 'endedOn'>[]) {
    const createdAt = nowIso();
    for (let i = 0; i < rows.length; i += 50) {
      await this.db
        .insertInto('hostOrgAssignments')
        .values(rows.slice(i, i + 50).map((r) => ({ ...r, endedOn: null, createdAt })))
        .execute();
    }
  }

  /** Every region code and name, for the template's drop-down. */
  async regionList(): Promise<{ code: string; name: string }[]> {
    return this.db.selectFrom('regions').select(['code', 'name']).orderBy('code').execute();
  }
}
