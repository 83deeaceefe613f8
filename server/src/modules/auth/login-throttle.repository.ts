import type { Executor } from '../../db/closure';

/** One throttle row: an account (real, or an unknown name) from one address, or across all addresses. */
export interface ThrottleKey {
  id: string;
  accountKey: string;
  userId: string | null;
  scope: 'address' | 'account';
}

export interface ThrottleRule {
  /** Attempts allowed before the waits begin. */
  freeAttempts: number;
  /**
   * When the next attempt may come after the n-th failure, n = freeAttempts, freeAttempts + 1, …
   * (instants, computed by the caller from the clock); the last one repeats.
   */
  blockUntil: string[];
  /** A row whose last attempt is older than this starts again from zero. */
  forgetBefore: string;
}

export type ThrottleClaim =
  { claimed: true; failures: number; blockedUntil: string | null } | { claimed: false; blockedUntil: string | null };

/**
 * The log-in throttle. Every decision is one SQL statement (upsert or update with RETURNING), so
 * parallel attempts cannot overwrite each other's count: no read-modify-write in the application.
 */
export class LoginThrottleRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Claims one attempt for this row, before the password is checked, in one statement: unless the row
   * is blocked at `now`, its count goes up by one (from one again when the row is stale) and, once the
   * free attempts are spent, the row is blocked until the next allowed instant — pessimistically, as if
   * this attempt fails; a success removes the row. A blocked row is left as it is and answers
   * `claimed: false` with the instant the block ends.
   */
  async claim(key: ThrottleKey, rule: ThrottleRule, now: string): Promise<ThrottleClaim> {
    const { freeAttempts, blockUntil, forgetBefore } = rule;
    const last = blockUntil.length - 1;
    const row = await this.db
      .insertInto('loginThrottle')
      .values({
        ...key,
        failures: 1,
        blockedUntil: freeAttempts <= 1 ? blockUntil[0]! : null,
        lastAttemptAt: now,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => {
            const n = () =>
              eb
                .case()
                .when('loginThrottle.lastAttemptAt', '<', forgetBefore)
                .then(1)
                .else(eb('loginThrottle.failures', '+', 1))
                .end();
            let block = eb
              .case()
              .when(n(), '>=', freeAttempts + last)
              .then(blockUntil[last]!);
            for (let i = last - 1; i >= 0; i--) block = block.when(n(), '=', freeAttempts + i).then(blockUntil[i]!);
            return {
              failures: n(),
              // Below the free attempts: the old value, which is null or already past (the WHERE below
              // lets only unblocked rows through), i.e. "not blocked"; it also gives PostgreSQL the
              // column's type for the instants bound in the other branches.
              blockedUntil: block.else(eb.ref('loginThrottle.blockedUntil')).end(),
              lastAttemptAt: now,
            };
          })
          .where((eb) =>
            eb.or([eb('loginThrottle.blockedUntil', 'is', null), eb('loginThrottle.blockedUntil', '<=', now)]),
          ),
      )
      .returning(['failures', 'blockedUntil'])
      .executeTakeFirst();
    if (row) return { claimed: true, failures: row.failures, blockedUntil: row.blockedUntil };
    // Blocked: nothing changed. Read when the block ends, only for the Retry-After header.
    const blocked = await this.db
      .selectFrom('loginThrottle')
      .select('blockedUntil')
      .where('id', '=', key.id)
      .executeTakeFirst();
    return { claimed: false, blockedUntil: blocked?.blockedUntil ?? null };
  }

  /**
   * A successful log-in from one address: that address's row goes, and the account-wide count drops by
   * the attempts it held (the user's own), each in one statement.
   */
  async succeeded(addressId: string, accountId: string, accountFreeAttempts: number) {
    const gone = await this.db
      .deleteFrom('loginThrottle')
      .where('id', '=', addressId)
      .returning('failures')
      .executeTakeFirst();
    const k = gone?.failures ?? 0;
    if (k === 0) return;
    await this.db
      .updateTable('loginThrottle')
      .set((eb) => ({
        failures: eb
          .case()
          .when('failures', '>', k)
          .then(eb('failures', '-', k))
          .else(0)
          .end(),
        blockedUntil: eb
          .case()
          .when(eb('failures', '-', k), '<', accountFreeAttempts)
          .then(null)
          .else(eb.ref('blockedUntil'))
          .end(),
      }))
      .where('id', '=', accountId)
      .execute();
  }

  /** Clears a user's throttle (the user list's "unlock"): every address and the account-wide ceiling. */
  async clearUser(userId: string) {
    await this.db.deleteFrom('loginThrottle').where('userId', '=', userId).execute();
  }

  /** Rows without an attempt since `before` (their counts would start from zero anyway). */
  async prune(before: string) {
    await this.db.deleteFrom('loginThrottle').where('lastAttemptAt', '<', before).execute();
  }
}
