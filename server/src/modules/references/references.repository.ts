import type { Executor } from '../../db/closure';
import { underScope } from '../../db/scope-sql';
import type { SubtreeScope } from '../../core/scope';

/** The lookups behind reference resolution (core/references.ts) that no module repository offers. */
export class ReferencesRepository {
  constructor(private readonly db: Executor) {}

  /** Users with at least one role binding on a node inside the scope (admin scope: every user). */
  async usersBoundIn(scope: SubtreeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    if (scope.all) {
      const rows = await this.db.selectFrom('users').select('id').where('id', 'in', ids).execute();
      return new Set(rows.map((r) => r.id));
    }
    const rows = await this.db
      .selectFrom('roleBindings as b')
      .select('b.userId')
      .distinct()
      .where('b.userId', 'in', ids)
      .where('b.orgId', 'is not', null)
      .where(underScope('b.orgId', scope))
      .execute();
    return new Set(rows.map((r) => r.userId));
  }

  /** Instructors attached to a node inside the scope. */
  async instructorsIn(scope: SubtreeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('instructors as i')
      .select('i.id')
      .where('i.id', 'in', ids)
      .where(underScope('i.partyOrgId', scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** The project each indicator belongs to. */
  async projectsOfIndicators(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('projectIndicators')
      .select(['id', 'projectId'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.projectId]));
  }

  /** The project each quarterly report belongs to. */
  async projectsOfReports(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('quarterlyReports')
      .select(['id', 'projectId'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.projectId]));
  }

  /** Uploader and project of each attachment. */
  async attachmentOwners(
    ids: readonly string[],
  ): Promise<{ id: string; uploadedBy: string | null; projectId: string | null; visitId: string | null }[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('attachments')
      .select(['id', 'uploadedBy', 'projectId', 'visitId'])
      .where('id', 'in', ids)
      .execute();
  }

  /** The caller's own notifications among ids. */
  async ownNotifications(userId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('id', 'in', ids)
      .where('userId', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}
