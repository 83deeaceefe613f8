import { sql, type Kysely } from 'kysely';
import type { DB } from './types';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** What @fastify/rate-limit passes a store: the plugin's options, and for a route its own and its route. */
interface StoreParams {
  routeInfo?: { method: string; url: string };
}

/** Expired counters are deleted by one request in this many (a cheap, bounded clean-up). */
const SWEEP_ONE_IN = 200;
/** Counters whose window started this long ago are gone (longer than any window used). */
const SWEEP_AFTER_MS = 3_600_000;

/**
 * A store for @fastify/rate-limit that counts in the database (table `rate_limit_counters`), so every
 * server process on one database shares one allowance per client (issue 16: with N processes each
 * counting alone, an attacker had N× the login attempts). One atomic upsert per limited request: a
 * window that has ended starts again at 1, otherwise the hits go up by one; the answer is the count and
 * the time left in the window. Fixed windows, as the plugin's own stores. Keys are namespaced per route
 * (`child`), like its Redis store.
 *
 * Returns a class because the plugin constructs the store itself (`new Store(params)`).
 */
export function databaseRateLimitStore(db: Kysely<DB>) {
  return class DatabaseRateLimitStore {
    private readonly prefix: string;

    constructor(params: object = {}, prefix = '') {
      const route = (params as StoreParams).routeInfo;
      this.prefix = route ? `${prefix}${route.method} ${route.url}|` : prefix;
    }

    child(routeParams: object) {
      return new DatabaseRateLimitStore(routeParams, this.prefix);
    }

    incr(client: string, cb: Callback, timeWindow: number, _max?: number) {
      const key = `${this.prefix}${client}`;
      const now = Date.now();
      const ended = sql<boolean>`rate_limit_counters.window_start_ms + ${timeWindow} <= ${now}`;
      db.insertInto('rateLimitCounters')
        .values({ key, windowStartMs: now, hits: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when ${ended} then 1 else rate_limit_counters.hits + 1 end`,
            windowStartMs: sql<number>`case when ${ended} then ${now} else rate_limit_counters.window_start_ms end`,
          }),
        )
        .returning(['hits', 'windowStartMs'])
        .executeTakeFirstOrThrow()
        .then(
          (row) => {
            cb(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.windowStartMs) + timeWindow - now) });
            if (Math.floor(Math.random() * SWEEP_ONE_IN) === 0) void this.sweep(now);
          },
          (err: Error) => cb(err),
        );
    }

    /** A peek without counting (the plugin's `read`, used with `{ increment: false }`). */
    read(client: string, cb: Callback, timeWindow: number) {
      const now = Date.now();
      db.selectFrom('rateLimitCounters')
        .select(['hits', 'windowStartMs'])
        .where('key', '=', `${this.prefix}${client}`)
        .executeTakeFirst()
        .then(
          (row) => {
            const alive = row && Number(row.windowStartMs) + timeWindow > now;
            cb(
              null,
              alive
                ? { current: Number(row.hits), ttl: Number(row.windowStartMs) + timeWindow - now }
                : { current: 0, ttl: 0 },
            );
          },
          (err: Error) => cb(err),
        );
    }

    private async sweep(now: number) {
      await db
        .deleteFrom('rateLimitCounters')
        .where('windowStartMs', '<', now - SWEEP_AFTER_MS)
        .execute()
        .catch(() => undefined);
    }
  };
}
