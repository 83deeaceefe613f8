import type { AuditListQuery, AuditView, FieldChange, Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import type { AuditEntry } from '../../core/audit';
import type { RequestContext } from '../../core/actor';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDayEnd, shanghaiDayStart } from '../../core/time';
import type { SubtreeScope } from '../../core/scope';
import { underScope } from '../../db/scope-sql';
import { pageByIdDesc } from '../../db/repo-helpers';

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  /** Writes one entry; called inside the same transaction as the change it describes. */
  async record(
    ctx: Pick<RequestContext, 'ip' | 'requestId'> & { userId: string | null; userName: string | null },
    e: AuditEntry,
  ) {
    await this.db
      .insertInto('auditLogs')
      .values({
        id: newId(),
        at: nowIso(),
        userId: ctx.userId,
        userName: ctx.userName,
        action: e.action,
        entityType: e.entityType ?? null,
        entityId: e.entityId ?? null,
        entityLabel: e.entityLabel ?? null,
        changes: JSON.stringify(e.changes ?? []),
        ip: ctx.ip,
        requestId: ctx.requestId,
        scopeOrgId: e.scopeOrgId ?? null,
      })
      .execute();
  }

  async list(scope: SubtreeScope, q: AuditListQuery): Promise<Page<AuditView>> {
    let query = this.db.selectFrom('auditLogs').selectAll();
    if (!scope.all) query = query.where(underScope('auditLogs.scopeOrgId', scope));
    if (q.userId) query = query.where('userId', '=', q.userId);
    if (q.entityType) query = query.where('entityType', '=', q.entityType);
    if (q.entityId) query = query.where('entityId', '=', q.entityId);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.from) query = query.where('at', '>=', shanghaiDayStart(q.from));
    if (q.to) query = query.where('at', '<', shanghaiDayEnd(q.to));
    const page = await pageByIdDesc(query, 'id', q);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.userId,
        userName: r.userName,
        action: r.action as AuditView['action'],
        entityType: r.entityType as AuditView['entityType'],
        entityId: r.entityId,
        entityLabel: r.entityLabel,
        changes: JSON.parse(r.changes) as FieldChange[],
        ip: r.ip,
        requestId: r.requestId,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The oldest entries written before `before`, in (at, id) order, after the entry `after` when given
   * (retention: read page by page into the archive, then `deleteUpTo`).
   */
  async oldest(before: string, limit: number, after: { at: string; id: string } | null = null) {
    let q = this.db.selectFrom('auditLogs').selectAll().where('at', '<', before);
    if (after) {
      q = q.where((eb) => eb.or([eb('at', '>', after.at), eb.and([eb('at', '=', after.at), eb('id', '>', after.id)])]));
    }
    return q.orderBy('at').orderBy('id').limit(limit).execute();
  }

  /**
   * Deletes at most `limit` of the oldest entries written before `before`, none past the entry `last`
   * in (at, id) order (the last one archived); returns how many went.
   */
  async deleteUpTo(before: string, last: { at: string; id: string }, limit: number): Promise<number> {
    const ids = (
      await this.db
        .selectFrom('auditLogs')
        .select('id')
        .where('at', '<', before)
        .where((eb) => eb.or([eb('at', '<', last.at), eb.and([eb('at', '=', last.at), eb('id', '<=', last.id)])]))
        .orderBy('at')
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return 0;
    const r = await this.db.deleteFrom('auditLogs').where('id', 'in', ids).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
