import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { JobView } from '@touyan/schemas';
import { SimulatedClock } from '../src/core/clock';
import { tmpSweepJobName } from '../src/background';
import { EmbeddedJobQueue, PgBossJobQueue, type JobQueue } from '../src/jobs';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';

let t: TestApp;
let admin: Session;
const queues: JobQueue[] = [];
const clock = new SimulatedClock('2026-03-01T10:05:00Z');
const pg = TEST_DB === 'postgres';

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});
afterAll(async () => {
  await t.close();
});

/** A queue of its own over the suite's database, as another process would have (clock: the suite's). */
function newQueue(options: { clock?: () => Date } = {}): JobQueue {
  const q: JobQueue = pg
    ? new PgBossJobQueue(t.database.db, (t.config.db as { url: string }).url, {
        clock: options.clock ?? clock.now,
        maintenanceIntervalSeconds: 1,
      })
    : new EmbeddedJobQueue(t.database.db, { clock: options.clock ?? clock.now });
  queues.push(q);
  return q;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drains `q` (names) until `done` holds: at once on SQLite; on PostgreSQL retries wait in real time. */
async function drainUntil(q: JobQueue, names: string[], done: () => Promise<boolean>, seconds = 30) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    await q.drain(names);
    if (await done()) return;
    if (Date.now() > end) throw new Error('timed out waiting for the jobs');
    if (!pg) clock.advanceMinutes(1);
    await sleep(pg ? 250 : 0);
  }
}

const state = async (q: JobQueue, id: string) => (await q.get(id))?.state;
const retry = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true as const };

describe(`the job queue (${TEST_DB})`, () => {
  it('runs a job once and keeps its output; a running job reports its progress', async () => {
    const q = newQueue();
    const runs: unknown[] = [];
    let seen: JobView | null = null;
    q.register<{ n: number }>(
      'echo',
      async (job) => {
        runs.push(job.data);
        await q.progress(job.id, { done: 1, total: 2 });
        seen = await q.get(job.id);
        return { doubled: job.data.n * 2 };
      },
      retry,
    );
    const id = (await q.send('echo', { n: 21 }))!;
    expect(id).toBeTruthy();
    expect(await q.drain(['echo'])).toBe(1);
    expect(runs).toEqual([{ n: 21 }]);
    expect(seen).toMatchObject({ id, state: 'active', progress: { done: 1, total: 2 } });
    expect(await q.get(id)).toMatchObject({ state: 'completed', retryCount: 0, error: null });
    expect(await q.drain(['echo'])).toBe(0);
  });

  it('retries a failing job with growing delays, then lands it in failed, listed for the administrator, who retries it (audited)', async () => {
    const q = newQueue();
    const attempts: number[] = [];
    let healthy = false;
    q.register(
      'flaky',
      async () => {
        attempts.push(Date.now());
        if (!healthy) throw new Error('下游服务不可用');
      },
      retry,
    );
    const id = (await q.send('flaky', null))!;
    if (!pg) {
      // Deterministic on SQLite: each retry waits delay·2^(n-1) on the queue's clock.
      expect(await q.drain(['flaky'])).toBe(1);
      const first = (await q.get(id))!;
      expect(first).toMatchObject({ state: 'retry', retryCount: 1, error: '下游服务不可用' });
      expect(new Date(first.startAfter).getTime() - clock.now().getTime()).toBe(1000);
      expect(await q.drain(['flaky'])).toBe(0); // not due yet
      clock.advanceMinutes(1 / 60);
      expect(await q.drain(['flaky'])).toBe(1);
      const second = (await q.get(id))!;
      expect(second).toMatchObject({ state: 'retry', retryCount: 2 });
      expect(new Date(second.startAfter).getTime() - clock.now().getTime()).toBe(2000);
      clock.advanceMinutes(2 / 60);
      expect(await q.drain(['flaky'])).toBe(1);
    } else {
      await drainUntil(q, ['flaky'], async () => (await state(q, id)) === 'failed');
      // pg-boss's backoff (with jitter): the second wait is longer than the first's minimum.
      expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(1500);
    }
    expect(attempts).toHaveLength(3);
    expect(await q.get(id)).toMatchObject({ state: 'failed', retryCount: 2, retryLimit: 2, error: '下游服务不可用' });

    const listed = await call(t.app, admin, 'GET', '/api/admin/jobs?state=failed');
    expect(listed.statusCode, listed.body).toBe(200);
    expect((listed.json() as { items: JobView[] }).items.map((j) => j.id)).toContain(id);

    const retried = await call(t.app, admin, 'POST', `/api/admin/jobs/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id, state: 'retry', retryLimit: 3 });
    const again = await call(t.app, admin, 'POST', `/api/admin/jobs/${id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'JOB_NOT_RETRYABLE' });
    const audit = await call(t.app, admin, 'GET', `/api/audit-logs?entityType=job&entityId=${id}`);
    expect((audit.json() as { items: { action: string }[] }).items.map((a) => a.action)).toEqual(['retry']);

    healthy = true;
    // The administrator's retry made the job due on the app's (real) clock.
    clock.set(new Date(Date.now() + 1000));
    await drainUntil(q, ['flaky'], async () => (await state(q, id)) === 'completed');
    expect(attempts).toHaveLength(4);
    const unknown = await call(
      t.app,
      admin,
      'POST',
      `/api/admin/jobs/${pg ? '00000000-0000-4000-8000-000000000000' : '01JZZZZZZZZZZZZZZZZZZZZZZZ'}/retry`,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('sends one job per singletonKey while one is queued or running, and a new one after it completed', async () => {
    const q = newQueue();
    q.register('single', async () => undefined, retry);
    const first = await q.send('single', { a: 1 }, { singletonKey: 'report:42' });
    expect(first).toBeTruthy();
    expect(await q.send('single', { a: 2 }, { singletonKey: 'report:42' })).toBeNull();
    expect(await q.send('single', { a: 3 }, { singletonKey: 'report:43' })).toBeTruthy();
    expect(await q.drain(['single'])).toBe(2);
    expect(await q.send('single', { a: 4 }, { singletonKey: 'report:42' })).toBeTruthy();
    expect(await q.drain(['single'])).toBe(1);
  });

  it('writes a job sent in a transaction only if that transaction commits', async () => {
    const q = newQueue();
    q.register('in-tx', async () => undefined, retry);
    let rolledBack: string | null = null;
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        rolledBack = await q.send('in-tx', { kept: false }, { tx: trx });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(rolledBack).toBeTruthy();
    expect(await q.get(rolledBack!)).toBeNull();
    const kept = await t.database.db.transaction().execute((trx) => q.send('in-tx', { kept: true }, { tx: trx }));
    expect(await q.get(kept!)).toMatchObject({ state: 'created' });
    expect(await q.drain(['in-tx'])).toBe(1);
  });

  it('runs again, in a new runner, a job whose runner stopped in the middle of it (after its expiry)', async () => {
    const expireInSeconds = pg ? 2 : 3600;
    const dead = newQueue();
    dead.register('stuck', () => new Promise<never>(() => undefined), { ...retry, expireInSeconds });
    const id = (await dead.send('stuck', { step: 1 }))!;
    // The first runner takes the job and never finishes it (its process "dies").
    void dead.drain(['stuck']).catch(() => undefined);
    const end = Date.now() + 10_000;
    while ((await state(dead, id)) !== 'active' && Date.now() < end) await sleep(20);
    expect(await state(dead, id)).toBe('active');
    if (pg) await dead.stop();

    const later = new SimulatedClock(new Date(clock.now().getTime() + (expireInSeconds + 1) * 1000));
    const fresh = newQueue({ clock: later.now });
    const ran: unknown[] = [];
    fresh.register(
      'stuck',
      async (job) => {
        ran.push(job.data);
      },
      { ...retry, expireInSeconds },
    );
    await drainUntil(fresh, ['stuck'], async () => (await state(fresh, id)) === 'completed');
    expect(ran).toEqual([{ step: 1 }]);
  });

  it('sends a scheduled job once per period across runners and restarts', async () => {
    const at = new SimulatedClock('2026-03-02T10:05:00Z');
    const runs: string[] = [];
    const a = newQueue({ clock: at.now });
    const b = newQueue({ clock: at.now });
    for (const [label, q] of [
      ['a', a],
      ['b', b],
    ] as const) {
      q.register(
        'hourly',
        async () => {
          runs.push(label);
        },
        retry,
      );
      await q.schedule('hourly', '0 * * * *', { kind: 'tick' });
    }
    // The first tick in a period nobody has sent yet sends it (the run "at start").
    await a.drain();
    await b.drain();
    expect(runs).toHaveLength(1);
    at.set('2026-03-02T10:59:00Z');
    await a.drain();
    await b.drain();
    expect(runs).toHaveLength(1);
    at.set('2026-03-02T11:00:00Z');
    await b.drain();
    await a.drain();
    expect(runs).toHaveLength(2);
    // A restarted process in the same hour does not send it again.
    const c = newQueue({ clock: at.now });
    c.register('hourly', async () => void runs.push('c'), retry);
    await c.schedule('hourly', '0 * * * *', { kind: 'tick' });
    await c.drain();
    expect(runs).toHaveLength(2);
  });

  it('runs the report reminders, the cleanups, the demand escalation and the dispute clocks hourly, the gig jobs daily: once now, not again within the period', async () => {
    // The app's own queue (handlers registered by buildApp, background.ts), on the real clock.
    const first = await t.services.jobs.drain();
    expect(first).toBe(8);
    expect(await t.services.jobs.drain()).toBe(0);
    const done = await t.services.jobs.list({ state: 'completed', limit: 200 });
    expect(done.map((j) => j.name)).toEqual(
      expect.arrayContaining([
        'report-reminders',
        'upload-cleanup',
        'demand-escalation',
        'import-cleanup',
        'dispute-clock-overdue',
        'gig-daily',
        await tmpSweepJobName(t.config.dataDir),
      ]),
    );
  });
});

describe.runIf(pg)('two runners on one PostgreSQL database', () => {
  it('process 200 jobs with none lost and none run twice', async () => {
    await sql`create table job_runs (job_id text not null, runner text not null)`.execute(t.database.db);
    const runners = [newQueue(), newQueue()];
    runners.forEach((q, i) =>
      q.register(
        'count',
        async (job) => {
          await sql`insert into job_runs (job_id, runner) values (${job.id}, ${String(i)})`.execute(t.database.db);
        },
        { ...retry, concurrency: 10 },
      ),
    );
    const ids = await Promise.all(Array.from({ length: 200 }, (_, n) => runners[0]!.send('count', { n })));
    expect(new Set(ids).size).toBe(200);
    await Promise.all(runners.map((q) => q.start()));
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from job_runs`.execute(t.database.db)).rows[0]!.n;
    const end = Date.now() + 60_000;
    while ((await count()) < 200 && Date.now() < end) await sleep(200);
    await sleep(1000);
    const { rows } = await sql<{ total: number; distinct: number; runners: number }>`
      select count(*)::int as total, count(distinct job_id)::int as distinct, count(distinct runner)::int as runners
      from job_runs`.execute(t.database.db);
    expect(rows[0]).toMatchObject({ total: 200, distinct: 200 });
    // Both runners took part.
    expect(rows[0]!.runners).toBe(2);
  }, 90_000);
});
