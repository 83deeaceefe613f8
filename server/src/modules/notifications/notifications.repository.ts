import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';
import { pageByIdDesc } from '../../db/repo-helpers';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Sent at most once per user and key (e.g. "report_due:<reportId>"). */
  dedupeKey: string | null;
}

export class NotificationsRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts each notification unless the same user already has one with the same dedupe key. */
  async insertMany(items: NewNotification[]): Promise<number> {
    let sent = 0;
    for (const n of items) {
      if (n.dedupeKey) {
        const exists = await this.db
          .selectFrom('notifications')
          .select('id')
          .where('userId', '=', n.userId)
          .where('dedupeKey', '=', n.dedupeKey)
          .executeTakeFirst();
        if (exists) continue;
      }
      await this.db
        .insertInto('notifications')
        .values({ id: newId(), ...n, createdAt: nowIso(), readAt: null })
        .execute();
      sent++;
    }
    return sent;
  }

  /** Inserts every notification as given (no dedupe lookup), 500 rows per statement. */
  async insertBatch(items: NewNotification[]): Promise<number> {
    const at = nowIso();
    for (let i = 0; i < items.length; i += 500)
      await this.db
        .insertInto('notifications')
        .values(items.slice(i, i + 500).map((n) => ({ id: newId(), ...n, createdAt: at, readAt: null })))
        .execute();
    return items.length;
  }

  async list(userId: string, f: { unread?: boolean; limit: number; cursor?: string }) {
    let q = this.db.selectFrom('notifications').selectAll().where('userId', '=', userId);
    if (f.unread) q = q.where('readAt', 'is', null);
    return pageByIdDesc(q, 'id', f);
  }

  async unreadCount(userId: string): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  async markRead(userId: string, ids: string[] | 'all') {
    let q = this.db
      .updateTable('notifications')
      .set({ readAt: nowIso() })
      .where('userId', '=', userId)
      .where('readAt', 'is', null);
    if (ids !== 'all') {
      if (ids.length === 0) return;
      q = q.where('id', 'in', ids);
    }
    await q.execute();
  }
}
