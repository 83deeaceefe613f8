import cronParser from 'cron-parser';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { SendOptions } from './queue';

/** The instant of the cron expression's (UTC) latest fire time at or before `at`: the period's key. */
export function periodKey(cron: string, at: Date): string {
  const it = cronParser.parseExpression(cron, { currentDate: new Date(at.getTime() + 1), tz: 'UTC' });
  return it.prev().toDate().toISOString();
}

/** Throws on an expression cron-parser does not read (5 fields, UTC; e.g. `0 * * * *` hourly). */
export function assertCron(cron: string): void {
  cronParser.parseExpression(cron, { tz: 'UTC' });
}

type Send = (name: string, data: unknown, options: SendOptions) => Promise<string | null>;

/**
 * Recurring jobs, the same on both databases: `job_schedules` holds each schedule's cron and the
 * period (fire time) last sent. At each tick a process computes the current period of each schedule
 * it defined and, in one transaction, advances `last_run` with a conditional UPDATE (`last_run is
 * null or last_run < period`) and sends the job in that transaction: of all processes (and restarts)
 * exactly one advances it, so each period is sent once. A period nobody ticked in (all processes
 * down) is not replayed: the next tick sends the current one; the jobs catch up on everything due.
 * The job is sent with singletonKey `schedule:<name>`: while one is still queued or running, a new
 * period does not add a second.
 */
export class Scheduler {
  /** name → cron and data (JSON text), written to `job_schedules` before the first tick. */
  private readonly defined = new Map<string, { cron: string; data: string | null }>();
  private unsynced = new Set<string>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly send: Send,
    private readonly clock: () => Date,
  ) {}

  /** Defines (or redefines) a schedule; stored at the next tick, so it may be called before migrating. */
  define(name: string, cron: string, data: unknown): void {
    assertCron(cron);
    this.defined.set(name, { cron, data: data === undefined ? null : JSON.stringify(data) });
    this.unsynced.add(name);
  }

  private async sync() {
    for (const name of [...this.unsynced]) {
      const d = this.defined.get(name)!;
      const updatedAt = this.clock().toISOString();
      await this.db
        .insertInto('jobSchedules')
        .values({ name, cron: d.cron, data: d.data, lastRun: null, updatedAt })
        .onConflict((oc) => oc.column('name').doUpdateSet({ cron: d.cron, data: d.data, updatedAt }))
        .execute();
      this.unsynced.delete(name);
    }
  }

  /** Sends each defined schedule's job whose current period has not been sent; how many were sent. */
  async tick(): Promise<number> {
    if (this.defined.size === 0) return 0;
    await this.sync();
    const at = this.clock();
    const rows = await this.db
      .selectFrom('jobSchedules')
      .selectAll()
      .where('name', 'in', [...this.defined.keys()])
      .execute();
    let sent = 0;
    for (const r of rows) {
      const key = periodKey(r.cron, at);
      if (r.lastRun !== null && r.lastRun >= key) continue;
      const claimed = await this.db.transaction().execute(async (trx) => {
        const won = await trx
          .updateTable('jobSchedules')
          .set({ lastRun: key })
          .where('name', '=', r.name)
          .where((eb) => eb.or([eb('lastRun', 'is', null), eb('lastRun', '<', key)]))
          .returning('name')
          .executeTakeFirst();
        if (!won) return false;
        await this.send(r.name, r.data === null ? null : JSON.parse(r.data), {
          singletonKey: `schedule:${r.name}`,
          tx: trx,
        });
        return true;
      });
      if (claimed) sent++;
    }
    return sent;
  }
}
