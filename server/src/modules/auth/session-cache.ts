import type { SessionInfo } from './auth.service';

/**
 * Keeps resolved sessions for a few seconds so a page's burst of requests does not look the
 * session and role bindings up each time. Changes made through this process (log-out, password,
 * roles, disabling) drop the user's entries at once; another process sharing the database sees
 * them within `ttlMs` at the latest.
 */
export class SessionCache {
  private readonly entries = new Map<string, { info: SessionInfo; until: number }>();

  constructor(
    private readonly ttlMs = 3000,
    private readonly max = 5000,
  ) {}

  get(idHash: string): SessionInfo | undefined {
    const e = this.entries.get(idHash);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.entries.delete(idHash);
      return undefined;
    }
    return e.info;
  }

  set(idHash: string, info: SessionInfo) {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(idHash, { info, until: Date.now() + this.ttlMs });
  }

  drop(idHash: string) {
    this.entries.delete(idHash);
  }

  dropUser(userId: string) {
    for (const [k, e] of this.entries) if (e.info.actor.userId === userId) this.entries.delete(k);
  }
}
