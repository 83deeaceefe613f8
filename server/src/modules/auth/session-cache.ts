import type { SessionInfo } from './auth.service';

/** A revocation: one session (log-out) or every session of a user (password, roles, disabled). */
export interface SessionRevocation {
  idHash?: string;
  userId?: string;
}

/**
 * Carries revocations to the other server processes sharing the database (PostgreSQL NOTIFY on the
 * process's shared listener, wired in app.ts) and says whether this process hears theirs right now.
 */
export interface SessionRevocationRelay {
  /** Sends a revocation to the other processes; resolves once it is sent (never rejects). */
  publish(revocation: SessionRevocation): Promise<void>;
  /** False while the listening connection is down: revocations sent meanwhile would be missed. */
  readonly listening: boolean;
}

/**
 * Keeps resolved sessions for a few seconds so a page's burst of requests does not look the
 * session and role bindings up each time. Changes made through this process (log-out, password,
 * roles, disabling) drop the user's entries at once. With several processes on one PostgreSQL
 * database (`shareWith` a relay) the session row is confirmed on every request (AuthService.resolve)
 * and only the role bindings are reused; a revocation is also sent to every other process, which
 * drops its entries when the notification arrives (the revoking request answers after sending it); while
 * this process's listening connection is down nothing is served from the cache at all, and the
 * cache is emptied when it listens again. A lookup that started before a revocation arrived does
 * not store its (possibly stale) answer (`mark`/`set` generation).
 */
export class SessionCache {
  private readonly entries = new Map<string, { info: SessionInfo; until: number }>();
  private generation = 0;
  private relay: SessionRevocationRelay | null = null;

  constructor(
    private readonly ttlMs = 3000,
    private readonly max = 5000,
  ) {}

  /** Revocations go to (and come from) the other processes through this relay; null: this process only. */
  shareWith(relay: SessionRevocationRelay | null) {
    this.relay = relay;
    this.clear();
  }

  /** Several processes share the database through a relay. */
  get shared(): boolean {
    return this.relay !== null;
  }

  private get trusted(): boolean {
    return !this.relay || this.relay.listening;
  }

  get(idHash: string): SessionInfo | undefined {
    if (!this.trusted) return undefined;
    const e = this.entries.get(idHash);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.entries.delete(idHash);
      return undefined;
    }
    return e.info;
  }

  /** The generation to pass to `set` for a lookup starting now. */
  mark(): number {
    return this.generation;
  }

  /** Stores a resolved session, unless a revocation arrived since `mark()` returned `generation`. */
  set(idHash: string, info: SessionInfo, generation = this.generation) {
    if (this.ttlMs <= 0 || generation !== this.generation || !this.trusted) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(idHash, { info, until: Date.now() + this.ttlMs });
  }

  drop(idHash: string) {
    this.generation++;
    this.entries.delete(idHash);
  }

  dropUser(userId: string) {
    this.generation++;
    for (const [k, e] of this.entries) if (e.info.actor.userId === userId) this.entries.delete(k);
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }

  /** A revocation heard from another process. */
  received(r: SessionRevocation) {
    if (r.idHash) this.drop(r.idHash);
    if (r.userId) this.dropUser(r.userId);
  }

  /** After the revoking change committed: drops here and tells the other processes. */
  async revokeSession(idHash: string): Promise<void> {
    this.drop(idHash);
    await this.relay?.publish({ idHash });
  }

  /** After the revoking change committed: drops the user's sessions here and in the other processes. */
  async revokeUser(userId: string): Promise<void> {
    this.dropUser(userId);
    await this.relay?.publish({ userId });
  }
}
