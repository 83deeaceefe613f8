import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { contestCreateBody } from '@touyan/schemas';
import { buildApp, type BuiltApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/database';
import { actorOf, contextFor, createCampaign, createUser, validated } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { openBoardStream } from './board-stream';
import { approvedProject } from './probes/contests';
import { buildWorld } from './world';

/**
 * Contest changes across server processes. On PostgreSQL two app instances over the same database
 * stand for two processes: a judge submits on A, the big screen's stream is open on B, and the
 * change travels by LISTEN/NOTIFY. SQLite is one server process by design: no relay.
 */
const SCORES = { topic_precision: 18, tackling_results: 35, demonstration: 16, presentation: 17 };
const onPostgres = TEST_DB === 'postgres';

describe(`contest events on SQLite`, () => {
  it.skipIf(TEST_DB !== 'sqlite')(
    'keeps contest events in the one server process on SQLite (no relay) — the PostgreSQL relay tests are skipped',
    async () => {
      const t = await createTestApp();
      try {
        expect(t.contestRelay).toBeNull();
      } finally {
        await t.close();
      }
    },
  );
});

describe(`contest events across server processes on PostgreSQL (LISTEN/NOTIFY)`, () => {
  let a: TestApp;
  let b: BuiltApp;
  let bDatabase: Database;
  let bAddress: string;
  let bOpen = false;
  let staff: Session;
  const judges: Session[] = [];
  let contestId: string;
  let projectId: string;
  let stream: Awaited<ReturnType<typeof openBoardStream>>;

  beforeAll(async () => {
    if (!onPostgres) return;
    a = await createTestApp();
    // Process B: its own pool, services, event bus and listener over the same database.
    bDatabase = openDatabase(a.config.db);
    b = await buildApp(a.config, bDatabase);
    await b.app.ready();
    bOpen = true;
    bAddress = await b.app.listen({ host: '127.0.0.1', port: 0 });

    const w = await buildWorld(a);
    const s = a.services;
    const campaign = await createCampaign(s, a.admin, {
      orgId: w.a.dept.id,
      name: '振兴区书记项目（多进程）',
      codePrefix: 'MP',
    });
    const secretary = contextFor(await actorOf(s, w.users.secretary.id));
    projectId = await approvedProject(
      s,
      a.admin,
      secretary,
      { campaignId: campaign.id, orgId: w.a.committee.id, title: '多进程大屏' },
      new Rng(7),
    );
    const judgeIds: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const u = await createUser(s, a.admin, { username: `mp_j${i}`, roles: [{ role: 'judge', orgId: w.city.id }] });
      judgeIds.push(u.id);
      judges.push(await login(a.app, `mp_j${i}`));
    }
    staff = await login(a.app, w.usernames.staff);
    let v = await s.contests.create(
      a.admin,
      validated(contestCreateBody, {
        campaignId: campaign.id,
        name: '多进程比武',
        contestDate: '2025-12-20',
        venue: '市委党校礼堂',
        projectIds: [projectId],
        judgeIds,
      }),
    );
    v = await s.contests.draw(a.admin, v.id, { version: v.version, reason: null });
    v = await s.contests.ready(a.admin, v.id, v.version);
    v = await s.contests.start(a.admin, v.id, v.version);
    v = await s.contests.next(a.admin, v.id, v.version);
    contestId = v.id;
  });

  afterAll(async () => {
    if (!onPostgres) return;
    await stream?.close();
    if (bOpen) await b.app.close();
    await bDatabase?.close();
    await a?.close();
  });

  const submit = (judge: Session) =>
    call(a.app, judge, 'PUT', `/api/contests/${contestId}/projects/${projectId}/sheet`, { scores: SCORES });

  it.skipIf(!onPostgres)(
    'pushes a judge’s submission on process A to the big screen streaming from process B within 1 s',
    async () => {
      expect(a.contestRelay?.listening).toBe(true);
      expect(b.contestRelay?.listening).toBe(true);
      expect(a.contestRelay!.origin).not.toBe(b.contestRelay!.origin);
      stream = await openBoardStream(bAddress, staff, contestId);
      const first = await stream.next();
      expect(first.current).toMatchObject({ projectId, submitted: 0, eligibleJudges: 3 });
      // The screen is subscribed on B only: nothing in A's process would push to it.
      expect(b.services.contests.events.listenerCount(contestId)).toBe(1);
      expect(a.services.contests.events.listenerCount(contestId)).toBe(0);

      const started = performance.now();
      const r = await submit(judges[0]!);
      expect(r.statusCode, r.body).toBe(200);
      const { board: pushed } = await stream.until(1, 1000);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(pushed.current).toMatchObject({ projectId, submitted: 1 });
    },
  );

  it.skipIf(!onPostgres)(
    'reconnects when the listening connection is terminated, catches up on what it missed, and relays again',
    async () => {
      const relay = b.contestRelay!;
      const pid = relay.backendPid!;
      expect(pid).toBeGreaterThan(0);
      await sql`select pg_terminate_backend(${pid})`.execute(a.database.db);
      // Submitted while B's listener is (probably) gone: the notification may be lost, so B re-reads
      // every watched contest once it listens again.
      expect((await submit(judges[1]!)).statusCode).toBe(200);
      await stream.until(2, 10_000);
      for (let i = 0; i < 200 && (relay.backendPid === null || relay.backendPid === pid); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(relay.listening).toBe(true);
      expect(relay.backendPid).not.toBe(pid);

      const started = performance.now();
      expect((await submit(judges[2]!)).statusCode).toBe(200);
      const { board: pushed } = await stream.until(3, 1000);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(pushed.current).toMatchObject({ submitted: 3, eligibleJudges: 3 });
    },
  );

  it.skipIf(!onPostgres)('ends the listening connection when the app closes', async () => {
    const relay = b.contestRelay!;
    const pid = relay.backendPid!;
    await stream.close();
    await b.app.close();
    bOpen = false;
    expect(relay.listening).toBe(false);
    let alive = 1;
    for (let i = 0; i < 100 && alive > 0; i++) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(a.database.db);
      alive = rows[0]!.n;
      if (alive > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(alive).toBe(0);
    // A change after B closed still commits on A (nobody listens on B any more).
    const v = await a.services.contests.get(a.admin, contestId);
    expect(v.projects[0]!.submitted).toBe(3);
  });
});
