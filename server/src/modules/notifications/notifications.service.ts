import type { NotificationKind, NotificationView, Page } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { Store } from '../../store';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type NotificationsStore = Store<'notifications'>;
type NotificationsRepos = NotificationsStore['repos'];

export interface Notice {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  dedupeKey?: string | null;
}

/** The in-app notification centre. Other services send through `send` inside their transaction. */
export class NotificationsService {
  constructor(private readonly store: NotificationsStore) {}

  /** Sends one notice to each user (deduplicated per user and key). */
  static send(repos: NotificationsRepos, userIds: readonly string[], notice: Notice): Promise<number> {
    const unique = [...new Set(userIds)];
    return repos.notifications.insertMany(
      unique.map((userId) => ({ userId, ...notice, dedupeKey: notice.dedupeKey ?? null })),
    );
  }

  /**
   * Sends one notice per item in a few multi-row inserts, without the per-key lookup: for callers
   * that already guarantee each item is new (the gig pushes, keyed by their own unique records).
   */
  static sendEach(repos: NotificationsRepos, items: readonly (Notice & { userId: string })[]): Promise<number> {
    return repos.notifications.insertBatch(items.map((n) => ({ ...n, dedupeKey: n.dedupeKey ?? null })));
  }

  async list(
    ctx: RequestContext,
    f: { unread?: boolean; limit: number; cursor?: string },
  ): Promise<Page<NotificationView> & { unread: number }> {
    const repo = this.store.repos.notifications;
    const [{ items: rows, nextCursor }, unread] = await Promise.all([
      repo.list(ctx.actor.userId, f),
      repo.unreadCount(ctx.actor.userId),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as NotificationKind,
        title: r.title,
        body: r.body,
        link: r.link,
        createdAt: r.createdAt,
        readAt: r.readAt,
      })),
      nextCursor,
      unread,
    };
  }

  async unreadCount(ctx: RequestContext): Promise<{ unread: number }> {
    return { unread: await this.store.repos.notifications.unreadCount(ctx.actor.userId) };
  }

  async markRead(ctx: RequestContext, body: { ids?: string[]; all?: boolean }): Promise<{ unread: number }> {
    await this.store.repos.notifications.markRead(ctx.actor.userId, body.all ? 'all' : (body.ids ?? []));
    return this.unreadCount(ctx);
  }
}
